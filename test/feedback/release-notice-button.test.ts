import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrontDoor } from '../../src/bot/front-door.ts';
import type { RunningHttpServer } from '../../src/bot/http-server.ts';
import { createSlackFrontDoor } from '../../src/bot/slack/slack-front-door.ts';
import { createTeamsFrontDoor } from '../../src/bot/teams/teams-front-door.ts';
import { createStore } from '../../src/db/create-store.ts';
import { openDatabase } from '../../src/db/database.ts';
import type { ChatSender } from '../../src/domain/chat-sender.ts';
import type { Actor } from '../../src/domain/person.ts';
import type { Store } from '../../src/domain/ports.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule.ts';
import { runDueJobs } from '../../src/jobs/scheduler.ts';
import { createLogger } from '../../src/logger.ts';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector.ts';
import { eventually, type FakeSlack, signSlackRequest, startFakeSlack } from '../support/fake-slack.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { serveFrontDoor } from '../support/serve-front-door.ts';
import { buttonClick } from '../support/slack-payloads.ts';
import { ENGINES, TEST_FEEDBACK_SECRET } from '../support/test-database.ts';

/*
 * Issue 16, item 1: after a release, each tagged owner gets one direct message with a button that
 * reads the feedback (`feedback list <ref>` through the pipeline, answered to them alone), once across
 * two replicas, on Slack and on Teams over real HTTP against the strict fakes. Pressing it is a read.
 */

const as = (name: string): Actor => ({ platform: 'console', externalId: name, displayName: name });
const MEMBERS = ['amara', 'ben', 'chi'].map(as);
const CHAIR = as('chair');
const NET = '"Ethnic Minority Staff Network"';
const TEXTS = [
  'Shortlists keep coming back without anyone like me.',
  'The interview panel asked where I am really from.',
  'Nobody explained why the secondment went elsewhere.',
];
const RELEASE = new Date('2026-11-23T17:00:30Z');
const NEXT_DAY = new Date('2026-11-24T10:15:00Z');
const logger = createLogger('error', () => {});

/** Three approved submissions (on 2.4, Head of People Services, unless told) through the console; their receipts. */
async function sendApproved(h: Harness, tags = ['2.4', '2.4', '2.4']): Promise<string[]> {
  expect(await h.run(`network create ${NET}`)).toContain('Created');
  expect(await h.run(`network members ${NET} add @amara @ben @chi`)).toContain('now has 3 people');
  expect(await h.run(`network moderators ${NET} add @chair`)).toContain('chair now moderates');
  h.clock.set(new Date('2026-11-23T10:00:00Z'));
  const receipts: string[] = [];
  for (const [i, member] of MEMBERS.entries()) {
    const reply = await h.run(`feedback ${tags[i]} -- ${TEXTS[i]}`, member);
    receipts.push(/Your receipt: ([A-Z0-9-]{23})/.exec(reply)?.[1] ?? '');
    const code = /as (F[A-Z0-9]{5})/.exec(reply)?.[1] ?? '';
    expect(await h.run(`moderate approve ${code}`, CHAIR)).toContain('Approved');
  }
  expect(receipts.every(Boolean)).toBe(true);
  return receipts;
}

/** The release's tick on two replicas at once (two connections on PostgreSQL), then again on each. */
async function releaseOnTwoReplicas(h: Harness, engine: string, senders: Map<string, ChatSender>) {
  h.clock.set(RELEASE);
  const deps = (store: Store) => ({
    store,
    senders,
    clock: h.clock,
    logger,
    settings: DEFAULT_SCHEDULE,
    catchUpMs: 0,
    digestTimeZone: 'Europe/London',
  });
  const second = engine === 'postgres' ? await openDatabase(h.target) : null;
  try {
    const other = second ? createStore(second.prisma, { feedbackSecret: TEST_FEEDBACK_SECRET }) : h.store;
    await Promise.all([runDueJobs(deps(h.store)), runDueJobs(deps(other))]);
    await runDueJobs(deps(other));
    await runDueJobs(deps(h.store));
  } finally {
    await second?.close();
  }
}

describe.each(ENGINES)('Slack: the release notice’s Read button on %s', (engine) => {
  const SECRET = 'notice-signing-secret-1';
  const OWNER = 'U0OLUOWNER';
  let h: Harness;
  let fake: FakeSlack;
  let door: FrontDoor;
  let server: RunningHttpServer;
  let receipts: string[] = [];

  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeSlack();
    fake.users.set(OWNER, { id: OWNER, name: 'olu', real_name: 'Olu Owner', tz: 'Europe/London' });
    door = createSlackFrontDoor(
      { botToken: 'xoxb-1-2-notice', signingSecret: SECRET, appToken: undefined, apiUrl: fake.apiUrl },
      { store: h.store, clock: h.clock, admins: [], logger },
    );
    server = await serveFrontDoor(door, h.db.isReady, logger);
    await h.holdRole(
      { platform: 'slack', externalId: OWNER, displayName: 'Olu Owner' },
      'Head of People Services',
    );
    receipts = await sendApproved(h);
  });

  afterAll(async () => {
    await server?.close();
    await door?.stop();
    await fake?.close();
    await h?.drop();
  });

  it('sends one direct message with a Read button, once across two replicas; the button lists them to the owner alone', async () => {
    await releaseOnTwoReplicas(h, engine, new Map([['slack', door.sender as ChatSender]]));
    const posts = fake.callsOf('chat.postMessage');
    expect(posts).toHaveLength(1);
    const notice = posts[0]?.args ?? {};
    expect(notice.channel).toBe('D0OLUOWNER'); // the DM conversations.open gave: never a channel
    const shown = JSON.stringify(notice);
    expect(shown).toContain('3 anonymous submissions were released to you today');
    for (const text of TEXTS) expect(shown).not.toContain(text.slice(0, 20));
    type Element = { type: string; action_id?: string; value?: string; text?: { text: string } };
    const button = (notice.blocks as { type: string; elements?: Element[] }[])
      .flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []))
      .find((e) => e.action_id === 'run_command');
    expect(button).toMatchObject({ value: 'feedback list ARAP:2.4', text: { text: 'Read them' } });
    // Not read yet: the sender's receipt says so.
    expect(await h.run(`feedback check ${receipts[0]}`, MEMBERS[0])).toContain('Not yet read by the owners.');

    // The owner presses it the next day: the list comes back at the response URL, to them only.
    h.clock.set(NEXT_DAY);
    const payload = {
      ...buttonClick(OWNER, 'run_command', button?.value ?? '', 'n1', fake.responseUrl('n1')),
      container: { type: 'message', message_ts: '1790000000.000100', channel_id: 'D0OLUOWNER' },
      channel: { id: 'D0OLUOWNER', name: 'directmessage' },
    };
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const res = await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) },
      body,
    });
    expect(res.status).toBe(200);
    const answer = await eventually(
      () => fake.responses.get('n1')?.[0] as { text: string; response_type: string } | undefined,
      'the list',
    );
    expect(answer.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer)).toContain('3 anonymous submissions on ARAP:2.4');
    for (const text of TEXTS) expect(JSON.stringify(answer)).toContain(text);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1); // nothing posted anywhere else
    // Read, on the day it was pressed; the sender sees that day, not who.
    const checked = await h.run(`feedback check ${receipts[0]}`, MEMBERS[0]);
    expect(checked).toContain('Read by an owner on 24 November 2026.');
    expect(checked).toContain('Not yet answered.');
    expect(checked).not.toContain('Olu');
  });
});

describe.each(ENGINES)('Teams: the release notice’s Read button on %s', (engine) => {
  const BOT = { id: '28:actionbot-app-id', name: 'Actionbot' };
  const TENANT = 'tenant-0001';
  const OWNER = { id: '29:olu', name: 'Olu Owner', aadObjectId: 'aad-olu' };
  const CHAT = { id: 'a:personal-aad-olu', conversationType: 'personal', tenantId: TENANT };
  let h: Harness;
  let fake: FakeConnector;
  let door: FrontDoor;
  let server: RunningHttpServer;
  let receipts: string[] = [];
  let seq = 0;

  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeConnector(TENANT);
    fake.members.set(OWNER.id, OWNER);
    door = createTeamsFrontDoor({ mode: 'emulator' }, { store: h.store, clock: h.clock, admins: [], logger });
    server = await serveFrontDoor(door, h.db.isReady, logger);
    const owner = { platform: 'teams' as const, externalId: OWNER.aadObjectId, displayName: OWNER.name };
    await h.holdRole(owner, 'Head of People Services');
    await h.holdRole(owner, 'Chief Executive'); // 1.1 too: two actions, two buttons
    await say({ text: 'help' }); // keeps the owner's personal chat
    receipts = await sendApproved(h, ['2.4', '2.4', '1.1']);
  });

  afterAll(async () => {
    await server?.close();
    await door?.stop();
    await fake?.close();
    await h?.drop();
  });

  /** A message or card submit from the owner in their personal chat; what the bot sent back. */
  async function say(extra: Record<string, unknown>) {
    const before = fake.sent.length;
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `in-${++seq}`,
        serviceUrl: fake.url,
        channelId: 'msteams',
        from: OWNER,
        recipient: BOT,
        conversation: CHAT,
        channelData: { tenant: { id: TENANT } },
        ...extra,
      }),
    });
    expect(res.status).toBe(200);
    return fake.sent.slice(before);
  }

  it('sends one card with a Read button per action to the owner’s chat, once across two replicas; pressing one lists them there', async () => {
    const before = fake.sent.length;
    await releaseOnTwoReplicas(h, engine, new Map([['teams', door.sender as ChatSender]]));
    const notices = fake.sent.slice(before);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.conversationId).toBe(CHAT.id);
    const shown = JSON.stringify(notices[0]?.activity);
    expect(shown).toContain('3 anonymous submissions were released to you today');
    for (const text of TEXTS) expect(shown).not.toContain(text.slice(0, 20));
    expect(shown).toContain('ARAP:1.1 (1), ARAP:2.4 (2)');
    const cards = notices[0]?.activity.attachments ?? [];
    expect(cards).toHaveLength(1); // both buttons at the foot of one card
    type Button = { type: string; title: string; data: Record<string, unknown> };
    const buttons = (cards[0]?.content.actions ?? []) as Button[];
    expect(buttons.map((b) => [b.type, b.title, b.data])).toEqual([
      ['Action.Submit', 'Read ARAP:1.1', { actionbot: 'command', text: 'feedback list ARAP:1.1' }],
      ['Action.Submit', 'Read ARAP:2.4', { actionbot: 'command', text: 'feedback list ARAP:2.4' }],
    ]);
    const submit = buttons[1];

    h.clock.set(NEXT_DAY);
    const answer = await say({ value: submit?.data });
    expect(answer.length).toBeGreaterThan(0);
    expect(answer.every((a) => a.conversationId === CHAT.id)).toBe(true);
    const listed = JSON.stringify(answer.map((a) => a.activity));
    expect(listed).toContain('2 anonymous submissions on ARAP:2.4');
    for (const text of TEXTS.slice(0, 2)) expect(listed).toContain(text);
    expect(listed).not.toContain(TEXTS[2]);
    expect(await h.run(`feedback check ${receipts[1]}`, MEMBERS[1])).toContain(
      'Read by an owner on 24 November 2026.',
    );
    // The one on 1.1 was not listed: not read yet.
    expect(await h.run(`feedback check ${receipts[2]}`, MEMBERS[2])).toContain('Not yet read by the owners.');
  });
});
