import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrontDoor } from '../../src/bot/front-door.ts';
import type { RunningHttpServer } from '../../src/bot/http-server.ts';
import { createSlackFrontDoor } from '../../src/bot/slack/slack-front-door.ts';
import { createSlackSender } from '../../src/bot/slack/slack-sender.ts';
import { toActionItem } from '../../src/commands/present.ts';
import { createReply } from '../../src/commands/reply.ts';
import { deliverRun } from '../../src/jobs/deliver.ts';
import { createLogger } from '../../src/logger.ts';
import {
  eventually,
  type FakeSlack,
  type FakeSlackMessage,
  signSlackRequest,
  startFakeSlack,
} from '../support/fake-slack.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { createLargePlan, OWNER_OF_200 } from '../support/large-plan.ts';
import { serveFrontDoor } from '../support/serve-front-door.ts';
import { buttonClick, type SlackView, submission } from '../support/slack-payloads.ts';
import { ENGINES } from '../support/test-database.ts';

const SECRET = 'test-signing-secret-5a1e';
const TOKEN = 'xoxb-111-222-secrettokenvalue';
const JANE = 'U0JANE';
const DM = 'D0JANE';

type Block = { type: string; block_id?: string; text?: { text: string }; elements?: Block[]; value?: string };

describe.each(ENGINES)('living prompts in Slack over HTTP on %s', (engine) => {
  let h: Harness;
  let fake: FakeSlack;
  let door: FrontDoor;
  let server: RunningHttpServer;
  let seq = 0;

  beforeAll(async () => {
    h = await createHarness(engine);
    await h.store.plans.importPlan(createLargePlan(240, 4000), null);
    fake = await startFakeSlack();
    fake.users.set(JANE, { id: JANE, name: 'jane', real_name: 'Jane Doe', tz: 'Europe/London' });
    const logger = createLogger('error', () => {});
    door = createSlackFrontDoor(
      { botToken: TOKEN, signingSecret: SECRET, appToken: undefined, apiUrl: fake.apiUrl },
      { store: h.store, clock: h.clock, admins: [], logger },
    );
    server = await serveFrontDoor(door, h.db.isReady, logger);
    const jane = { platform: 'slack' as const, externalId: JANE, displayName: 'Jane Doe' };
    await h.holdRole(jane, 'Head of People Services');
    await h.holdRole(jane, OWNER_OF_200);
    // After the import's own updates (stamped when it ran): prompts are composed later than those.
    h.clock.set(new Date('2027-01-04T09:00:00Z'));
  });

  afterAll(async () => {
    await server?.close();
    await door?.stop();
    await fake?.close();
    await h?.drop();
  });

  /** Sends a prompt of these actions to Jane through the real outbox and Slack sender; its messages. */
  async function sendPrompt(planCode: string, refs: string[]): Promise<FakeSlackMessage[]> {
    const now = h.clock.now();
    const actions = (await h.store.actions.findActions({ planCodes: [planCode] })).filter((a) =>
      refs.includes(a.ref),
    );
    const key = `post:prompt-${++seq}`;
    await h.store.outbox.post(key, {
      recipient: `slack:person:${JANE}`,
      target: { platform: 'slack', kind: 'person', id: JANE },
      message: createReply(
        { type: 'heading', text: `Time to update ${planCode}` },
        {
          type: 'update-prompt',
          items: actions.map((a) => toActionItem(a, now)),
          asOf: now.toISOString(),
        },
      ),
    });
    const client = new webApi.WebClient(TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    const before = fake.history.get(DM)?.length ?? 0;
    const result = await deliverRun(key, {
      outbox: h.store.outbox,
      senders: new Map([['slack', createSlackSender(client, { partIntervalMs: 0 })]]),
      clock: h.clock,
      logger: createLogger('error', () => {}),
    });
    expect(result).toMatchObject({ sent: 1, failed: 0 });
    return (fake.history.get(DM) ?? []).slice(before);
  }

  /** Presses a button of a message as Slack sends it; waits for the answer at its response_url. */
  async function press(message: FakeSlackMessage, actionId: string, target: string) {
    const button = (message.blocks as Block[])
      .filter((b) => b.type === 'actions' && b.block_id === `act:${target}`)
      .flatMap((b) => b.elements ?? [])
      .find((e) => (e as { action_id?: string }).action_id === actionId);
    if (!button?.value) throw new Error(`no ${actionId} button for ${target}`);
    const id = `b${++seq}`;
    const click = {
      ...buttonClick(JANE, actionId, button.value, id, fake.responseUrl(id)),
      container: { type: 'message', message_ts: message.ts, channel_id: DM, is_ephemeral: false },
      channel: { id: DM, name: 'directmessage' },
    };
    const body = `payload=${encodeURIComponent(JSON.stringify(click))}`;
    const res = await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) },
      body,
    });
    expect(res.status).toBe(200);
    return eventually(() => fake.responses.get(id)?.[0] as { text: string } | undefined, 'the answer');
  }

  /** Posts an interaction payload as Slack does (form-encoded, signed). */
  async function interact(payload: unknown) {
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    return fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) },
      body,
    });
  }

  /** The blocks a message holding this action's buttons was first posted with. */
  const postedBlocks = (target: string) =>
    fake
      .callsOf('chat.postMessage')
      .find((c) => c.args.channel === DM && JSON.stringify(c.args.blocks ?? []).includes(`act:${target}"`))
      ?.args.blocks;
  const updatesOf = (message: FakeSlackMessage) =>
    fake.callsOf('chat.update').filter((c) => c.args.ts === message.ts);
  const blocksOf = (target: string, blocks: Block[]) => {
    const i = blocks.findIndex((b) => b.type === 'section' && b.text?.text.includes(`*${target}*`));
    return blocks.slice(i, i + 2);
  };

  it('updates the pressed prompt in place: what was recorded, by whom and when, instead of its buttons', async () => {
    const [prompt] = await sendPrompt('ARAP', ['2.4', '2.5']);
    if (!prompt) throw new Error('no prompt sent');
    h.clock.set(new Date('2027-01-04T10:30:00Z'));
    const answer = await press(prompt, 'quick_status:GREEN', 'ARAP:2.4');
    expect(answer.text).toContain('Updated ARAP:2.4');
    const [update] = await eventually(() => updatesOf(prompt).length > 0 && updatesOf(prompt), 'chat.update');
    expect(update?.args).toMatchObject({ channel: DM, ts: prompt.ts });
    const blocks = update?.args.blocks as Block[];
    const [section, recorded] = blocksOf('2.4', blocks);
    expect(section?.text?.text).toContain('Green');
    expect(recorded).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: ':white_check_mark: Recorded: Green by Jane Doe, 4 Jan 2027, 10:30' },
      ],
    });
    expect(blocks.some((b) => b.block_id === 'act:ARAP:2.4')).toBe(false);
    expect(blocks.some((b) => b.block_id === 'act:ARAP:2.5')).toBe(true); // not updated: buttons stay
    // The message Slack holds is the updated one, still marked as the outbox's part.
    expect(prompt.edits).toBe(1);
    expect(prompt.blocks).toEqual(blocks);
    expect(prompt.metadata).toMatchObject({ event_type: 'actionbot_delivery', event_payload: { part: 0 } });
  });

  it('records nothing for a press on a stale copy and says what the status is now', async () => {
    const [stale] = await sendPrompt('ARAP', ['2.5']);
    if (!stale) throw new Error('no prompt sent');
    h.clock.set(new Date('2027-01-04T11:00:00Z'));
    await h.reply('update ARAP:2.5 amber Typed elsewhere', {
      platform: 'slack',
      externalId: JANE,
      displayName: 'Jane Doe',
    });
    const before = await h.snapshot();
    const answer = await press(stale, 'quick_status:GREEN', 'ARAP:2.5');
    expect(answer.text).toContain(
      'That message is out of date: ARAP:2.5 is Amber now (Jane Doe, 4 Jan 2027, 11:00). Nothing was recorded',
    );
    expect(await h.snapshot()).toEqual(before);
    // The stale copy is brought up to date too.
    await eventually(() => updatesOf(stale).length > 0, 'chat.update of the stale copy');
    expect(JSON.stringify(stale.blocks)).toContain('Recorded: Amber by Jane Doe, 4 Jan 2027, 11:00');
    expect(JSON.stringify(stale.blocks)).not.toContain('act:ARAP:2.5');
  });

  it('a second press of the same button records nothing and says the current status', async () => {
    const [prompt] = await sendPrompt('BIG', ['1.1']);
    if (!prompt) throw new Error('no prompt sent');
    const first = await press(prompt, 'quick_status:AMBER', 'BIG:1.1');
    expect(first.text).toContain('Updated BIG:1.1');
    const before = await h.snapshot();
    // Its first copy, as someone with the message still open sees it (Slack delivering the click again).
    const again = await press(
      { ...prompt, blocks: postedBlocks('BIG:1.1') },
      'quick_status:AMBER',
      'BIG:1.1',
    );
    expect(again.text).toMatch(/Already recorded.*BIG:1\.1 is Amber now \(Jane Doe/);
    expect(await h.snapshot()).toEqual(before);
  });

  it('opens the form from a prompt\u2019s "Add note", records its answer once and updates the prompt in place', async () => {
    const [prompt] = await sendPrompt('BIG', ['1.2', '1.3']);
    if (!prompt) throw new Error('no prompt sent');
    // "Add note" on the prompt as Slack sends the click: it opens the update form with its trigger.
    const addNote = (prompt.blocks as Block[])
      .find((b) => b.block_id === 'act:BIG:1.2')
      ?.elements?.find((e) => (e as { action_id?: string }).action_id === 'open_update');
    if (!addNote?.value) throw new Error('no Add note button');
    const id = `b${++seq}`;
    const click = {
      ...buttonClick(JANE, 'open_update', addNote.value, id, fake.responseUrl(id)),
      container: { type: 'message', message_ts: prompt.ts, channel_id: DM, is_ephemeral: false },
      channel: { id: DM, name: 'directmessage' },
    };
    expect((await interact(click)).status).toBe(200);
    const view = await eventually(
      () =>
        fake.callsOf('views.open').find((c) => c.args.trigger_id === `trigger-${id}`)?.args.view as SlackView,
      'views.open from Add note',
    );
    expect(view.callback_id).toBe('update_action');
    expect(JSON.parse(view.private_metadata)).toMatchObject({
      target: 'BIG:1.2',
      prompt: { channel: DM, ts: prompt.ts },
    });

    h.clock.set(new Date('2027-01-04T11:15:00Z'));
    const count = () =>
      h.db.prisma.progressUpdate.count({ where: { action: { ref: '1.2', plan: { code: 'BIG' } } } });
    const before = await count();
    const note = 'Board paper drafted; going to the March meeting.';
    const saved = await interact(submission(view, JANE, { status: 'GREEN', note }));
    expect(saved.status).toBe(200);
    expect(await saved.text()).toBe(''); // the form closes
    const [update] = await eventually(() => updatesOf(prompt).length > 0 && updatesOf(prompt), 'chat.update');
    expect(update?.args).toMatchObject({ channel: DM, ts: prompt.ts });
    expect(await count()).toBe(before + 1);
    const stored = await h.db.prisma.progressUpdate.findFirst({
      where: { action: { ref: '1.2', plan: { code: 'BIG' } } },
      orderBy: { createdAt: 'desc' },
    });
    expect(stored).toMatchObject({ newStatus: 'GREEN', note, source: 'slack' });
    // The prompt shows what was recorded instead of 1.2's buttons; 1.3 keeps its own.
    const blocks = update?.args.blocks as Block[];
    expect(blocksOf('1.2', blocks)[1]).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: ':white_check_mark: Recorded: Green by Jane Doe, 4 Jan 2027, 11:15' },
      ],
    });
    expect(blocks.some((b) => b.block_id === 'act:BIG:1.2')).toBe(false);
    expect(blocks.some((b) => b.block_id === 'act:BIG:1.3')).toBe(true);
    expect(prompt.blocks).toEqual(blocks);

    // Slack delivering the same submission again (a retry): nothing recorded twice.
    const snapshot = await h.snapshot();
    const again = await interact(submission(view, JANE, { status: 'GREEN', note }));
    expect(again.status).toBe(200);
    expect(await count()).toBe(before + 1);
    expect(await h.snapshot()).toEqual(snapshot);
    expect(prompt.blocks).toEqual(blocks);
  });

  it('updates the right part of a prompt of 200 actions, leaving the other parts as they are', async () => {
    const refs = (await h.store.actions.findActions({ planCodes: ['BIG'] }))
      .filter((a) => a.owners.includes(OWNER_OF_200))
      .map((a) => a.ref);
    expect(refs).toHaveLength(200);
    const parts = await sendPrompt(
      'BIG',
      refs.filter((r) => r !== '1.1'),
    );
    expect(parts.length).toBeGreaterThan(4);
    const third = parts[2] as FakeSlackMessage;
    const target = (third.blocks as Block[]).find((b) => b.type === 'actions')?.block_id?.slice(4) ?? '';
    h.clock.set(new Date('2027-01-05T09:00:00Z'));
    const answer = await press(third, 'quick_status:GREEN', target);
    expect(answer.text).toContain(`Updated ${target}`);
    await eventually(() => updatesOf(third).length > 0, 'chat.update of part 3');
    const blocks = third.blocks as Block[];
    expect(blocks.some((b) => b.block_id === `act:${target}`)).toBe(false);
    expect(JSON.stringify(blocks)).toContain('Recorded: Green by Jane Doe, 5 Jan 2027, 09:00');
    expect(JSON.stringify(blocks)).toContain(`Part 3 of ${parts.length}`);
    // As many blocks as it was posted with: the parts keep their actions.
    expect(blocks).toHaveLength((postedBlocks(target) as Block[]).length);
    for (const other of parts.filter((p) => p !== third)) expect(other.edits).toBeUndefined();
  });

  it('answers chat.update as Slack does: another channel, an unknown ts or a person’s message is refused', async () => {
    const client = new webApi.WebClient(TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    const [prompt] = fake.history.get(DM) ?? [];
    const attempt = (args: Record<string, unknown>) =>
      client.chat.update(args as never).then(
        () => 'ok',
        (e: { data?: { error?: string } }) => e.data?.error,
      );
    expect(await attempt({ channel: 'C0OTHER', ts: prompt?.ts, text: 'x' })).toBe('channel_not_found');
    expect(await attempt({ channel: DM, ts: '1.000000', text: 'x' })).toBe('message_not_found');
    fake.history.get(DM)?.push({ ts: '1800000000.000100', text: 'hello', user: JANE });
    expect(await attempt({ channel: DM, ts: '1800000000.000100', text: 'x' })).toBe('cant_update_message');
  });
});
