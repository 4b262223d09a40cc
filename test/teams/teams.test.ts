import { sign as cryptoSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrontDoor } from '../../src/bot/front-door.ts';
import type { RunningHttpServer } from '../../src/bot/http-server.ts';
import { createTeamsFrontDoor } from '../../src/bot/teams/teams-front-door.ts';
import { toActionItem } from '../../src/commands/present.ts';
import { createReply } from '../../src/commands/reply.ts';
import { type ChatSender, SendFailure } from '../../src/domain/chat-sender.ts';
import { deliverRun } from '../../src/jobs/deliver.ts';
import { createLogger } from '../../src/logger.ts';
import { createReportDocuments } from '../../src/reports/render-docx.ts';
import { cardText, type FakeConnector, findInput, startFakeConnector } from '../support/fake-connector.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { createLongReply, expectedLines, linesIn } from '../support/long-reply.ts';
import { serveFrontDoor } from '../support/serve-front-door.ts';
import { ENGINES } from '../support/test-database.ts';

const BOT = { id: '28:actionbot-app-id', name: 'Actionbot' };
const TENANT = 'tenant-0001';
const ADA = { id: '29:ada', name: 'Ada Admin', aadObjectId: 'aad-ada', email: 'ada@example.org' };
const JANE = { id: '29:jane', name: 'Jane Doe', aadObjectId: 'aad-jane', email: 'jane@example.org' };
const BOB = { id: '29:bob', name: 'Bob Smith', aadObjectId: 'aad-bob' };
const PERSONAL = (user: { aadObjectId: string }) => ({
  id: `a:personal-${user.aadObjectId}`,
  conversationType: 'personal',
  tenantId: TENANT,
});
const CHANNEL_ID = '19:general@thread.tacv2';
const CHANNEL = {
  id: `${CHANNEL_ID};messageid=1700000000000`,
  conversationType: 'channel',
  tenantId: TENANT,
};

type User = { id: string; name: string; aadObjectId: string };
type Conv = { id: string; conversationType: string; tenantId: string };

describe.each(ENGINES)('Teams front door over HTTP on %s', (engine) => {
  let h: Harness;
  let fake: FakeConnector;
  let door: FrontDoor;
  let server: RunningHttpServer;
  const logLines: string[] = [];
  let seq = 0;

  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeConnector();
    for (const user of [ADA, JANE, BOB]) fake.members.set(user.id, user);
    fake.teams.add('19:team-emsn@thread.tacv2'); // the staff network's team, with the app installed
    const logger = createLogger('debug', (line) => logLines.push(line));
    door = createTeamsFrontDoor(
      { mode: 'emulator' },
      {
        store: h.store,
        clock: h.clock,
        admins: [{ platform: 'teams', externalId: ADA.aadObjectId }],
        logger,
        documents: createReportDocuments(),
      },
    );
    server = await serveFrontDoor(door, h.db.isReady, logger);
  });

  afterAll(async () => {
    await server?.close();
    await door?.stop();
    await fake?.close();
    await h?.drop();
  });

  function activity(user: User, conversation: Conv, extra: Record<string, unknown>) {
    return {
      type: 'message',
      id: `in-${++seq}`,
      timestamp: new Date().toISOString(),
      serviceUrl: fake.url,
      channelId: 'msteams',
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      recipient: BOT,
      conversation,
      channelData: { tenant: { id: TENANT } },
      ...extra,
    };
  }

  const post = (body: string, contentType = 'application/json') =>
    fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });

  /** Posts an activity; returns the HTTP status and what the bot sent back during the turn. */
  async function send(body: unknown) {
    const before = fake.sent.length;
    const res = await post(JSON.stringify(body));
    return { status: res.status, replies: fake.sent.slice(before) };
  }

  const say = (user: User, text: string, conversation: Conv = PERSONAL(user), extra = {}) =>
    send(activity(user, conversation, { text, ...extra }));
  const cardOf = (reply: { activity: { attachments?: { content: unknown }[] } } | undefined) =>
    reply?.activity.attachments?.[0]?.content as Parameters<typeof cardText>[0];
  const conversationRows = () => h.db.prisma.conversationReference.count();

  it('answers an update typed in personal chat in the same conversation, and records it as from Teams', async () => {
    const { status, replies } = await say(ADA, 'update 1.1 green Started the review');
    expect(status).toBe(200);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.conversationId).toBe(PERSONAL(ADA).id);
    expect(replies[0]?.replyToId).toMatch(/^in-/);
    expect(replies[0]?.activity.text).toContain('Updated ARAP:1.1 (Not yet rated → Green)');
    const stored = await h.db.prisma.progressUpdate.findFirst({
      where: { action: { ref: '1.1' } },
      include: { author: { include: { identities: true } } },
    });
    expect(stored).toMatchObject({ source: 'teams', newStatus: 'GREEN', note: 'Started the review' });
    expect(stored?.author).toMatchObject({ displayName: 'Ada Admin', email: 'ada@example.org' });
    expect(stored?.author?.identities).toEqual([
      expect.objectContaining({ platform: 'teams', externalId: ADA.aadObjectId }),
    ]);
  });

  it('records a typed update once when Teams delivers the same activity twice; typed again, it records again', async () => {
    const before = await h.db.prisma.progressUpdate.count();
    const delivery = activity(ADA, PERSONAL(ADA), { text: 'update 1.1 green Delivered twice' });
    const first = await send(delivery);
    const second = await send(delivery);
    expect(first.replies[0]?.activity.text).toContain('Updated ARAP:1.1');
    expect(second.replies[0]?.activity.text).toContain('Already recorded');
    expect(await h.db.prisma.progressUpdate.count()).toBe(before + 1);
    const again = await say(ADA, 'update 1.1 green Delivered twice');
    expect(again.replies[0]?.activity.text).toContain('Updated ARAP:1.1');
    expect(await h.db.prisma.progressUpdate.count()).toBe(before + 2);
  });

  it('keeps the personal conversation reference on every message', async () => {
    const row = await h.db.prisma.conversationReference.findUnique({
      where: { platform_kind_key: { platform: 'teams', kind: 'person', key: ADA.aadObjectId } },
    });
    expect(row?.reference).toMatchObject({
      conversation: { id: PERSONAL(ADA).id, tenantId: TENANT },
      serviceUrl: fake.url,
      bot: { id: BOT.id },
      user: { aadObjectId: ADA.aadObjectId },
    });
    expect(row?.reference).not.toHaveProperty('activityId');
  });

  it('keeps anonymous feedback requests anonymous: no roster look-up, no stored reference, no person', async () => {
    const stranger = { ...ADA, id: '29:anon-user', aadObjectId: 'aad-anon-7f3e', name: 'Zed Quill' };
    const before = await h.snapshot();
    const references = await conversationRows();
    const requests = fake.requests.length;
    const { status, replies } = await say(stranger, 'feedback check ABCDE-FGHJK-MNPQR-STVWX');
    expect(status).toBe(200);
    expect(replies.map((r) => r.activity.text).join('\n')).toMatch(/receipt/i);
    expect(await h.snapshot()).toEqual(before);
    expect(await conversationRows()).toBe(references);
    expect(fake.requests.slice(requests).some((r) => r.includes('/members/'))).toBe(false);
  });

  it('checks a Teams-linked network against the team roster, live, and keeps the sender anonymous', async () => {
    const CAROL = { id: '29:carol', name: 'Carol Quayle', aadObjectId: 'aad-carol-9q' };
    fake.members.set(CAROL.id, CAROL);
    const inTeam = { channelData: { tenant: { id: TENANT }, team: { id: '19:team-emsn@thread.tacv2' } } };
    expect((await say(ADA, 'network create "Staff Network"')).replies[0]?.activity.text).toContain('Created');
    const linked = await say(ADA, '<at>Actionbot</at> network link "Staff Network"', CHANNEL, {
      ...inTeam,
      entities: [{ type: 'mention', mentioned: BOT, text: '<at>Actionbot</at>' }],
    });
    expect(linked.replies[0]?.activity.text).toContain('is linked');
    const references = await conversationRows();
    const people = await h.db.prisma.person.count();
    // Typed, the text would be a chat message kept under Carol's name: refused, and the form opens.
    const typed = await say(CAROL, 'feedback 1.1 -- Typed where Teams keeps it.');
    expect(typed.replies[0]?.activity.text).toContain('Not sent: Teams keeps messages you type');
    expect(JSON.stringify(typed.replies[1]?.activity.attachments)).toContain('"id":"experience"');
    expect(await h.db.prisma.feedback.count()).toBe(0);
    const sent = await send(
      activity(CAROL, PERSONAL(CAROL), {
        value: { actionbot: 'feedback', experience: 'Meetings move on whenever I speak.', tags: 'ARAP:1.1' },
      }),
    );
    const text = sent.replies.map((r) => r.activity.text).join('\n');
    expect(text).toContain('Sent anonymously');
    expect(text).toMatch(/Your receipt: [A-Z0-9-]{23}/);
    expect(await h.db.prisma.person.count()).toBe(people);
    expect(await conversationRows()).toBe(references);
    const stored = [await h.db.prisma.feedback.findMany(), await h.db.prisma.sealedFeedbackDay.findMany()];
    expect(stored[1]).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toMatch(/carol|aad-carol|29:carol/i);
    // The same through the form card: `feedback 1.1` answers with it; its submit is sent the same way.
    const form = await say(CAROL, 'feedback 1.1');
    const card = JSON.stringify(form.replies.map((r) => r.activity.attachments));
    expect(card).toContain('"id":"experience"');
    expect(card).toContain('"value":"ARAP:1.1"');
    const viaCard = await send(
      activity(CAROL, PERSONAL(CAROL), {
        value: {
          actionbot: 'feedback',
          experience: 'Nobody sits with me at lunch.',
          tags: 'ARAP:1.1',
          asIs: '',
        },
      }),
    );
    expect(viaCard.replies.map((r) => r.activity.text).join('\n')).toContain('Sent anonymously');
    expect(await h.db.prisma.person.count()).toBe(people);
    expect(await conversationRows()).toBe(references);
    expect(fake.requests.some((r) => r.includes('/members/29:carol'))).toBe(false);
    // Every table and every log line: nothing of Carol's (ids, name) anywhere.
    const tables = await h.db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.length).toBeGreaterThan(10);
    let dump = '';
    for (const { table_name } of tables)
      dump += JSON.stringify(await h.db.prisma.$queryRawUnsafe(`SELECT * FROM "${table_name}"`), (_k, v) =>
        typeof v === 'bigint' ? String(v) : v,
      );
    // The dump sees the network; the submission itself is sealed until release (feedback-sealed.ts).
    expect(dump).toContain('Staff Network');
    expect(dump).not.toContain('Meetings move on whenever I speak.');
    for (const trace of [CAROL.aadObjectId, CAROL.id, CAROL.name, 'Quayle'])
      expect(`${dump}\n${logLines.join('\n')}`).not.toContain(trace);
    // Someone outside the team is refused.
    const outsider = { id: '29:out', name: 'Out Sider', aadObjectId: 'aad-out' };
    const refused = await send(
      activity(outsider, PERSONAL(outsider), {
        value: { actionbot: 'feedback', experience: 'It happens to me too.', tags: 'ARAP:1.1' },
      }),
    );
    expect(refused.replies[0]?.activity.text).toContain('Only members of a staff network');
  });

  it('shows an action as a card with its fields', async () => {
    const { replies } = await say(ADA, 'show 1.2');
    const text = cardText(cardOf(replies[0]));
    expect(text).toContain('1.2 Publish progress twice a year');
    expect(text).toContain('Head of Communications');
    expect(JSON.stringify(cardOf(replies[0]))).toContain('FactSet');
  });

  it('offers a Word report in a personal chat as a file to accept, never its bytes in the chat', async () => {
    const { replies } = await say(ADA, 'report since 01/10/2026 docx');
    expect(replies).toHaveLength(1);
    const activity = replies[0]?.activity;
    expect(activity?.text).toContain('Anti-Racist Action Plan (ARAP), 2026-11-22, since 1 October 2026');
    const consent = activity?.attachments?.[0] as unknown as {
      contentType: string;
      name: string;
      content: { sizeInBytes: number };
    };
    expect(consent.contentType).toBe('application/vnd.microsoft.teams.card.file.consent');
    expect(consent.name).toBe('arap-report-2026-11-22-since-2026-10-01.docx');
    expect(consent.content.sizeInBytes).toBeGreaterThan(5_000); // the document's bytes, not its base64 text
    expect(JSON.stringify(activity).length).toBeLessThan(4_000);
  });

  it('lists actions as a card, one entry per action with status words', async () => {
    const { replies } = await say(ADA, 'list');
    const card = cardOf(replies[0]);
    expect(card?.type).toBe('AdaptiveCard');
    const text = cardText(card);
    for (const ref of ['1.1', '1.2', '2.4', '2.5']) expect(text).toContain(`**${ref}**`);
    expect(text).toMatch(/🟢 \*\*1\.1\*\* Green — Appoint a race equality champion/);
  });

  it('maps <at> mentions in a channel to people, linking a Teams user to their Slack person by email', async () => {
    const slackJane = await h.store.people.ensurePerson({
      platform: 'slack',
      externalId: 'U0JANE',
      displayName: 'Jane D',
      email: 'jane@example.org',
    });
    const text = '<at>Actionbot</at> owner "Head of People Services" <at>Jane Doe</at>';
    const { status, replies } = await say(ADA, text, CHANNEL, {
      entities: [
        { type: 'mention', text: '<at>Actionbot</at>', mentioned: BOT },
        { type: 'mention', text: '<at>Jane Doe</at>', mentioned: { id: JANE.id, name: JANE.name } },
      ],
    });
    expect(status).toBe(200);
    expect(replies[0]?.conversationId).toBe(CHANNEL.id);
    // Linked by email to the person her Slack identity made, under the name she already had.
    expect(replies[0]?.activity.text).toContain('Jane D now holds "Head of People Services"');
    const jane = await h.db.prisma.person.findUnique({
      where: { email: 'jane@example.org' },
      include: { identities: true, roles: { include: { role: true } } },
    });
    expect(jane?.id).toBe(slackJane.id);
    expect(jane?.identities.map((i) => `${i.platform}:${i.externalId}`).sort()).toEqual([
      'slack:U0JANE',
      'teams:aad-jane',
    ]);
    expect(jane?.roles.map((r) => r.role.name)).toEqual(['Head of People Services']);
    const channel = await h.store.conversations.find('teams', 'channel', CHANNEL_ID);
    expect(channel?.reference).toMatchObject({
      conversation: { id: CHANNEL_ID, conversationType: 'channel' },
    });
  });

  it('runs update and mine from an @mention in a channel', async () => {
    const mention = { type: 'mention', text: '<at>Actionbot</at>', mentioned: BOT };
    const update = await say(JANE, '<at>Actionbot</at> update 2.4 amber Waiting for the Q3 data', CHANNEL, {
      entities: [mention],
    });
    expect(update.replies[0]?.activity.text).toContain('Updated ARAP:2.4 (Green → Amber)');
    const mine = await say(JANE, '<at>Actionbot</at>&nbsp;mine', CHANNEL, { entities: [mention] });
    const text = cardText(cardOf(mine.replies[0]));
    expect(text).toContain('Your actions (Head of People Services)');
    expect(text).toContain('**2.4** Amber');
    expect(text).toContain('**2.5** Complete');
  });

  it('refuses a mention Teams does not know, writing nothing', async () => {
    const before = await h.snapshot();
    const { replies } = await say(ADA, 'owner "Chief Executive" <at>Nobody Here</at>', PERSONAL(ADA), {
      entities: [
        {
          type: 'mention',
          text: '<at>Nobody Here</at>',
          mentioned: { id: '29:nobody', name: 'Nobody Here' },
        },
      ],
    });
    expect(replies[0]?.activity.text).toContain("I can't find @Nobody.Here");
    expect(await h.snapshot()).toEqual(before);
  });

  it('sends the update form as a card; Red without a note comes back in the card, with a note it is saved once', async () => {
    const { replies } = await say(ADA, 'update 1.2');
    const form = cardOf(replies[0]);
    expect(findInput(form, 'status')).toMatchObject({ type: 'Input.ChoiceSet', value: 'AMBER' });
    expect(findInput(form, 'note')).toMatchObject({ type: 'Input.Text', isMultiline: true });
    expect(cardText(form)).toContain('Publish progress twice a year');
    expect(form?.actions?.[0]).toMatchObject({
      type: 'Action.Submit',
      data: { actionbot: 'update', target: 'ARAP:1.2' },
    });
    const cardId = 'sent-card-1';

    const before = await h.snapshot();
    const refused = await say(ADA, '', PERSONAL(ADA), {
      replyToId: cardId,
      value: { actionbot: 'update', target: 'ARAP:1.2', status: 'RED', note: '' },
    });
    const again = cardOf(refused.replies[0]);
    expect(cardText(again)).toMatch(/✗ .*note/i);
    expect(findInput(again, 'status')).toMatchObject({ value: 'RED' });
    expect(await h.snapshot()).toEqual(before);

    const submit = {
      replyToId: cardId,
      value: { actionbot: 'update', target: 'ARAP:1.2', status: 'RED', note: 'Sponsor left; need a new one' },
    };
    const saved = await say(ADA, '', PERSONAL(ADA), submit);
    expect(saved.replies[0]?.activity.text).toContain('Updated ARAP:1.2 (Amber → Red)');
    const count = await h.db.prisma.progressUpdate.count();
    // Teams delivering the same submit twice (a double click): one update.
    const twice = await say(ADA, '', PERSONAL(ADA), submit);
    expect(twice.status).toBe(200);
    expect(twice.replies[0]?.activity.text).toMatch(/already/i);
    expect(await h.db.prisma.progressUpdate.count()).toBe(count);
    const latest = await h.db.prisma.progressUpdate.findFirst({
      where: { action: { ref: '1.2' } },
      orderBy: { createdAt: 'desc' },
    });
    expect(latest).toMatchObject({ newStatus: 'RED', note: 'Sponsor left; need a new one', source: 'teams' });
  });

  it('lets an owner pick one of their actions when update has no ref, and saves the picked one', async () => {
    const { replies } = await say(JANE, 'update');
    const picker = findInput(cardOf(replies[0]), 'target') as { choices: { value: string }[] };
    expect(picker.choices.map((c) => c.value)).toEqual(['ARAP:2.4', 'ARAP:2.5']);
    const saved = await say(JANE, '', PERSONAL(JANE), {
      replyToId: 'sent-picker',
      value: { actionbot: 'update', target: 'ARAP:2.4', status: '', note: 'Data request sent' },
    });
    expect(saved.replies[0]?.activity.text).toContain('Updated ARAP:2.4 (status stays Amber)');
  });

  it('handles a prompt’s quick status buttons: Green records, Red asks for a note in the form', async () => {
    const before = await h.db.prisma.progressUpdate.count();
    const green = await say(JANE, '', PERSONAL(JANE), {
      replyToId: 'sent-prompt',
      value: { actionbot: 'quick', target: 'ARAP:2.4', status: 'GREEN' },
    });
    expect(green.replies[0]?.activity.text).toContain('Updated ARAP:2.4 (Amber → Green)');
    expect(await h.db.prisma.progressUpdate.count()).toBe(before + 1);
    const snapshot = await h.snapshot();
    const red = await say(JANE, '', PERSONAL(JANE), {
      replyToId: 'sent-prompt',
      value: { actionbot: 'quick', target: 'ARAP:2.4', status: 'RED' },
    });
    const form = cardOf(red.replies[0]);
    expect(findInput(form, 'status')).toMatchObject({ value: 'RED' });
    expect(cardText(form)).toContain('Red needs a note');
    expect(await h.snapshot()).toEqual(snapshot);
  });

  it('refuses a card submit that is not ours or is out of date, writing nothing', async () => {
    const before = await h.snapshot();
    for (const value of [{ something: 'else' }, { actionbot: 'update', target: 'no target here' }]) {
      const { status, replies } = await say(ADA, '', PERSONAL(ADA), { value });
      expect(status).toBe(200);
      expect(replies[0]?.activity.text).toContain('out of date');
    }
    expect(await h.snapshot()).toEqual(before);
  });

  it('sends a proactive prompt card from a stored personal reference, and to a channel', async () => {
    const actions = await h.store.actions.findActions({ planCodes: ['ARAP'] });
    const items = actions.filter((a) => a.ref.startsWith('2.')).map((a) => toActionItem(a, h.clock.now()));
    const before = fake.sent.length;
    const sent = await door.sender?.send(
      { kind: 'person', externalId: JANE.aadObjectId },
      createReply(
        { type: 'heading', text: 'Time for your quarterly update' },
        { type: 'update-prompt', items },
      ),
    );
    expect(sent?.messageId).toMatch(/^sent-/);
    const message = fake.sent[before];
    expect(message?.conversationId).toBe(PERSONAL(JANE).id);
    expect(message?.replyToId ?? '').not.toMatch(/^in-/);
    const card = cardOf(message);
    expect(cardText(card)).toContain('Time for your quarterly update');
    const buttons = JSON.stringify(card);
    expect(buttons).toContain('"data":{"actionbot":"quick","target":"ARAP:2.4","status":"RED"}');
    expect(buttons).toContain('"type":"Action.ShowCard","title":"Add note"');

    await door.sender?.send(
      { kind: 'channel', channelId: CHANNEL_ID },
      createReply({ type: 'paragraph', text: 'Digest' }),
    );
    expect(fake.sent.at(-1)).toMatchObject({ conversationId: CHANNEL_ID, activity: { text: 'Digest' } });
  });

  it('delivers a reply of many cards through the outbox: a 429 in the middle resumes there, nothing twice', async () => {
    const reply = createLongReply(40, 7_900); // four lines to a card: ten cards and more
    const runKey = 'post:teams-parts-test';
    expect(await h.store.jobRuns.claimRun(runKey, h.clock.now(), 60_000)).toBe('claimed');
    await h.store.outbox.enqueue(runKey, [
      {
        recipient: 'person:jane',
        target: { platform: 'teams', kind: 'person', id: JANE.aadObjectId },
        message: reply,
      },
    ]);
    const before = fake.sent.length;
    fake.failNext(1, 429, { 'retry-after': '1' }, 4);
    const result = await deliverRun(runKey, {
      outbox: h.store.outbox,
      senders: new Map([['teams', door.sender as ChatSender]]),
      clock: h.clock,
      logger: createLogger('error', () => {}),
      // Really wait out Retry-After: Teams' rate is counted in real seconds.
      sleep: async (ms) => {
        await new Promise((r) => setTimeout(r, ms));
        h.clock.set(new Date(h.clock.now().getTime() + ms));
      },
    });
    expect(result).toMatchObject({ sent: 1, failed: 0 });
    const cards = fake.sent.slice(before).filter((m) => m.conversationId === PERSONAL(JANE).id);
    expect(cards.length).toBeGreaterThanOrEqual(10);
    expect(linesIn(cards.map((c) => c.activity))).toEqual(expectedLines(40));
    expect(cardText(cards.at(-1)?.activity.attachments?.[0]?.content)).toContain(
      `Part ${cards.length} of ${cards.length}`,
    );
  });

  it('reports proactive failures as SendFailure: unknown person, 429 with Retry-After, 500, and 403', async () => {
    const reply = createReply({ type: 'paragraph', text: 'Hello' });
    const failure = (p: Promise<unknown> | undefined) =>
      p?.then(
        () => null,
        (e: unknown) => e,
      );
    const unknown = await failure(door.sender?.send({ kind: 'person', externalId: 'aad-nobody' }, reply));
    expect(unknown).toBeInstanceOf(SendFailure);
    expect(unknown).toMatchObject({ retryable: false });

    const target = { kind: 'person' as const, externalId: ADA.aadObjectId };
    fake.failNext(1, 429, { 'retry-after': '2' });
    expect(await failure(door.sender?.send(target, reply))).toMatchObject({
      retryable: true,
      retryAfterMs: 2000,
    });
    fake.failNext(1, 500);
    expect(await failure(door.sender?.send(target, reply))).toMatchObject({ retryable: true });
    fake.failNext(1, 403);
    expect(await failure(door.sender?.send(target, reply))).toMatchObject({ retryable: false });
    // One attempt per call (no retries inside): the fake's failures were used up one per send.
    const posts = fake.requests.length;
    expect((await door.sender?.send(target, reply))?.messageId).toMatch(/^sent-/);
    expect(fake.requests.length).toBe(posts + 1);
  });

  it('stores references on install and forgets them when the bot is removed', async () => {
    const team = { id: '19:team-general@thread.tacv2', conversationType: 'channel', tenantId: TENANT };
    const added = await send(
      activity(ADA, team, {
        type: 'conversationUpdate',
        membersAdded: [BOT],
        channelData: { team: { id: team.id } },
      }),
    );
    expect(added.status).toBe(200);
    expect(added.replies[0]?.activity.text).toContain('Type **help**');
    expect(await h.store.conversations.find('teams', 'channel', team.id)).not.toBeNull();
    const removed = await send(activity(ADA, team, { type: 'conversationUpdate', membersRemoved: [BOT] }));
    expect(removed.replies).toHaveLength(0);
    expect(await h.store.conversations.find('teams', 'channel', team.id)).toBeNull();

    const installed = await send(activity(BOB, PERSONAL(BOB), { type: 'installationUpdate', action: 'add' }));
    expect(installed.status).toBe(200);
    expect(await h.store.conversations.find('teams', 'person', BOB.aadObjectId)).not.toBeNull();
    // Storing a reference creates nobody: Bob becomes a person when he first sends a command.
    expect(await h.db.prisma.identity.count({ where: { externalId: BOB.aadObjectId } })).toBe(0);
  });

  it('survives malformed activities without writing anything', async () => {
    const before = { snapshot: await h.snapshot(), refs: await conversationRows(), sent: fake.sent.length };
    expect((await post('{"type": "message", ')).status).toBe(400);
    expect((await post('[1,2,3]')).status).toBe(400);
    expect((await post('null')).status).toBe(400);
    expect((await post('type=message', 'application/x-www-form-urlencoded')).status).toBe(415);
    const { from: _from, ...noFrom } = activity(ADA, PERSONAL(ADA), { text: 'update 1.1 red Broken' });
    expect((await send(noFrom)).status).toBe(400);
    expect((await send({ ...noFrom, from: { name: 'no id' } })).status).toBe(400);
    expect(
      (await send({ ...activity(ADA, PERSONAL(ADA), {}), serviceUrl: 'file:///etc/passwd' })).status,
    ).toBe(400);
    const unknownType = await send(
      activity(ADA, PERSONAL(ADA), { type: 'somethingNew', text: 'update 1.1 red x' }),
    );
    expect(unknownType).toMatchObject({ status: 200, replies: [] });
    const noAad = await say({ ...ADA, aadObjectId: '' }, 'update 1.1 red Broken');
    expect(noAad.replies[0]?.activity.text).toContain('signed in to Microsoft Teams');
    const huge = await say(ADA, `update 1.1 red ${'x'.repeat(50_000)}`);
    expect(huge.status).toBe(200);
    expect(huge.replies[0]?.activity.text).toContain('too long');
    expect((await post(JSON.stringify({ text: 'x'.repeat(600_000) }))).status).toBe(413);
    expect(await h.snapshot()).toEqual(before.snapshot);
    expect(await conversationRows()).toBe(before.refs);
    expect(fake.sent.length).toBe(before.sent + 2);
    // The server is still up and serving.
    expect((await say(ADA, 'help')).replies[0]).toBeDefined();
  });

  it('never logs message text or user identifiers', () => {
    const log = logLines.join('\n');
    expect(log).not.toContain('Sponsor left');
    expect(log).not.toContain('aad-jane');
    expect(log).not.toContain('jane@example.org');
  });
});

const APP_ID = '00000000-0000-4000-8000-00000000b07a';

/** A Bot Framework channel token as Teams sends it, signed with `key` (RS256). */
function signToken(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const payload = {
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    nbf: now - 60,
    exp: now + 600,
    ...claims,
  };
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', kid })}.${encode(payload)}`;
  return `${unsigned}.${cryptoSign('RSA-SHA256', Buffer.from(unsigned), key).toString('base64url')}`;
}

describe.each(ENGINES)('Teams front door with app credentials on %s', (engine) => {
  let h: Harness;
  let fake: FakeConnector;
  let door: FrontDoor;
  let server: RunningHttpServer;
  const channelKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeConnector();
    fake.keys.push({ ...channelKey.publicKey.export({ format: 'jwk' }), kid: 'channel-key', use: 'sig' });
    const logger = createLogger('error', () => {});
    door = createTeamsFrontDoor(
      {
        mode: 'authenticated',
        appId: APP_ID,
        appPassword: 'not-a-real-secret',
        tenantId: undefined,
        appType: 'MultiTenant',
      },
      { store: h.store, clock: h.clock, admins: [], logger },
      // The Bot Framework's signing keys come from the fake: nothing here may reach the internet.
      { openIdMetadataUrl: `${fake.url}/openid` },
    );
    server = await serveFrontDoor(door, h.db.isReady, logger);
  });

  afterAll(async () => {
    await server?.close();
    await fake?.close();
    await h?.drop();
  });

  const message = (type = 'message') => ({
    type,
    id: 'in-auth',
    serviceUrl: fake.url,
    channelId: 'msteams',
    from: { id: ADA.id, name: ADA.name, aadObjectId: ADA.aadObjectId },
    recipient: BOT,
    conversation: PERSONAL(ADA),
    text: 'update 1.1 green Forged',
  });
  const post = (body: unknown, authorization?: string) =>
    fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
    });

  it('rejects activities without a valid token with 401 before anything is read, fetched or written', async () => {
    const before = { snapshot: await h.snapshot(), refs: await h.db.prisma.conversationReference.count() };
    expect((await post(message())).status).toBe(401);
    expect((await post(message(), 'Bearer not-a-jwt')).status).toBe(401);
    expect((await post(message(), 'Basic YWRhOnNlY3JldA==')).status).toBe(401);
    // Rejected on the header alone: no key was fetched, nothing was sent.
    expect(fake.requests).toEqual([]);
    const claims = { serviceurl: fake.url };
    const forged = signToken(otherKey.privateKey, 'channel-key', claims);
    expect((await post(message(), `Bearer ${forged}`)).status).toBe(401);
    // A token that looks like the channel's is checked against the keys, which come from the fake.
    expect(fake.requests).toEqual(['GET /openid', 'GET /keys']);
    const expired = signToken(channelKey.privateKey, 'channel-key', { ...claims, nbf: 1, exp: 2 });
    expect((await post(message(), `Bearer ${expired}`)).status).toBe(401);
    const otherBot = signToken(channelKey.privateKey, 'channel-key', { ...claims, aud: 'another-app' });
    expect((await post(message(), `Bearer ${otherBot}`)).status).toBe(401);
    const otherService = signToken(channelKey.privateKey, 'channel-key', {
      serviceurl: 'https://elsewhere.example',
    });
    expect((await post(message(), `Bearer ${otherService}`)).status).toBe(401);
    // The only requests were for the (local) signing keys; the bot sent nothing and wrote nothing.
    expect(fake.requests.every((r) => r === 'GET /openid' || r === 'GET /keys')).toBe(true);
    expect(fake.sent).toEqual([]);
    expect(await h.snapshot()).toEqual(before.snapshot);
    expect(await h.db.prisma.conversationReference.count()).toBe(before.refs);
  });

  it('accepts an activity with a token signed by the channel’s key', async () => {
    const token = signToken(channelKey.privateKey, 'channel-key', { serviceurl: fake.url });
    // A typing activity needs no reply, so no outbound token (which would need Microsoft's login) is asked for.
    expect((await post(message('typing'), `Bearer ${token}`)).status).toBe(200);
  });
});
