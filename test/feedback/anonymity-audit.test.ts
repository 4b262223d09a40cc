import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConsole } from '../../src/bot/console/run-console.ts';
import type { FrontDoor } from '../../src/bot/front-door.ts';
import { type RunningHttpServer, startHttpServer } from '../../src/bot/http-server.ts';
import { createSlackFrontDoor } from '../../src/bot/slack/slack-front-door.ts';
import { createTeamsFrontDoor } from '../../src/bot/teams/teams-front-door.ts';
import { composeFeedbackDigest } from '../../src/commands/feedback-digest.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule.ts';
import { releaseFeedback } from '../../src/jobs/release-feedback.ts';
import { runDueJobs } from '../../src/jobs/scheduler.ts';
import { createLogger } from '../../src/logger.ts';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector.ts';
import { eventually, type FakeSlack, signSlackRequest, startFakeSlack } from '../support/fake-slack.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { buttonClick } from '../support/slack-payloads.ts';
import { checkTaskModuleAnswer } from '../support/teams-limits.ts';
import { ENGINES } from '../support/test-database.ts';

const SECRET = 'audit-signing-secret-77';
const TOKEN = 'xoxb-999-888-audittoken';
const ADMIN = 'U0AUDITADMIN';
const CHAIR = 'U0AUDITCHAIR';
const OWNER = 'U0AUDITOWNER';
const CHANNEL = 'C0EMSNAUDIT';

/** Slack submitters with identifiers that appear nowhere else: any trace of them is a leak. */
const SUBMITTERS = [
  {
    id: 'U0ZQXSUBMITA',
    name: 'zqx-amara',
    real_name: 'Amara Zqxwellington',
    email: 'amara.zqx@audit.example',
  },
  { id: 'U0ZQXSUBMITB', name: 'zqx-bolu', real_name: 'Bolu Zqxfairweather', email: 'bolu.zqx@audit.example' },
  { id: 'U0ZQXSUBMITC', name: 'zqx-chen', real_name: 'Chen Zqxhartley', email: 'chen.zqx@audit.example' },
];
/** Console submitters (the admin-kept member list). */
const CONSOLE_SUBMITTERS = ['zqxconsole-dana', 'zqxconsole-eli', 'zqxconsole-fola'];
const IDENTIFIERS = [
  ...SUBMITTERS.flatMap((s) => [s.id, s.name, s.real_name, s.email, s.id.toLowerCase()]),
  ...CONSOLE_SUBMITTERS,
  'zqx', // every distinctive identifier above contains it
];

describe.each(ENGINES)('anonymity audit over the real Slack front door and the console on %s', (engine) => {
  let h: Harness;
  let fake: FakeSlack;
  let door: FrontDoor;
  let server: RunningHttpServer;
  const logLines: string[] = [];
  const logger = createLogger('debug', (line) => logLines.push(line));
  let seq = 0;

  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeSlack();
    fake.users.set(ADMIN, { id: ADMIN, name: 'ada', real_name: 'Ada Admin' });
    fake.users.set(CHAIR, {
      id: CHAIR,
      name: 'chair',
      real_name: 'Network Chair',
      email: 'chair@example.org',
    });
    fake.users.set(OWNER, { id: OWNER, name: 'owner', real_name: 'Olu Owner', email: 'owner@example.org' });
    for (const s of SUBMITTERS) fake.users.set(s.id, s);
    fake.channelMembers.set(CHANNEL, [CHAIR, ...SUBMITTERS.map((s) => s.id)]);
    door = createSlackFrontDoor(
      { botToken: TOKEN, signingSecret: SECRET, appToken: undefined, apiUrl: fake.apiUrl },
      { store: h.store, clock: h.clock, admins: [{ platform: 'slack', externalId: ADMIN }], logger },
    );
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      routes: door.routes,
      isReady: h.db.isReady,
      logger,
    });
    await door.start();
  });

  afterAll(async () => {
    await server?.close();
    await door?.stop();
    await fake?.close();
    await h?.drop();
  });

  /** `/action <text>` as Slack posts it (signed, with user_name and channel), answered at the response URL. */
  async function slash(user: string, text: string, channel = { id: 'C0GENERAL', name: 'general' }) {
    const id = await postSlash(user, text, channel);
    const reply = await eventually(
      () => fake.responses.get(id)?.[0] as { text: string } | undefined,
      `reply ${id}`,
    );
    return reply.text;
  }

  /** Sends feedback through the Slack form: `/action feedback <tags>` opens it; the submission answers in it. */
  async function viaForm(user: string, tags: string, text: string) {
    const id = await postSlash(user, `feedback ${tags}`, { id: CHANNEL, name: 'emsn' });
    const opened = await eventually(
      () => fake.callsOf('views.open').find((c) => c.args.trigger_id === `trigger-${id}`),
      'the feedback form',
    );
    const view = opened.args.view as { callback_id: string; private_metadata?: string; blocks: unknown[] };
    expect(view.callback_id).toBe('anonymous_feedback');
    expect(view.private_metadata).toBeUndefined();
    const payload = {
      type: 'view_submission',
      team: { id: 'T0TEST' },
      user: { id: user, name: fake.users.get(user)?.name ?? user },
      api_app_id: 'A0TEST',
      view: {
        id: 'V0FEEDBACK',
        type: 'modal',
        callback_id: view.callback_id,
        state: {
          values: {
            experience: { value: { type: 'plain_text_input', value: text } },
            tags: { value: { type: 'multi_static_select', selected_options: [{ value: 'ARAP:2.4' }] } },
            as_is: { value: { type: 'checkboxes', selected_options: [] } },
          },
        },
      },
    };
    const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const res = await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) },
      body,
    });
    const answer = (await res.json()) as {
      response_action: string;
      view: { blocks: { text: { text: string } }[] };
    };
    expect(answer.response_action).toBe('update');
    return answer.view.blocks.map((b) => b.text.text).join('\n');
  }

  async function postSlash(user: string, text: string, channel: { id: string; name: string }) {
    const id = `a${++seq}`;
    const body = new URLSearchParams({
      team_id: 'T0TEST',
      channel_id: channel.id,
      channel_name: channel.name,
      user_id: user,
      user_name: fake.users.get(user)?.name ?? user,
      command: '/action',
      text,
      api_app_id: 'A0TEST',
      response_url: fake.responseUrl(id),
      trigger_id: `trigger-${id}`,
    }).toString();
    const res = await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) },
      body,
    });
    expect(res.status).toBe(200);
    return id;
  }

  async function consoleAs(user: string, lines: string[]): Promise<string> {
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (c: Buffer) => chunks.push(c.toString()));
    await runConsole(
      { store: h.store, clock: h.clock, admins: [{ platform: 'console', externalId: 'admin' }] },
      { input: Readable.from(lines.map((l) => `${l}\n`)), output, user, interactive: false, logger },
    );
    return chunks.join('');
  }

  it('stores and logs nothing that identifies a submitter, and no time finer than a day', async () => {
    h.clock.set(new Date('2026-11-23T10:41:17.123Z'));
    const NET = '"Ethnic Minority Staff Network"';
    expect(await slash(ADMIN, `network create ${NET}`)).toContain('Created');
    expect(await slash(ADMIN, `network link ${NET}`, { id: CHANNEL, name: 'emsn' })).toContain(
      'linked to #emsn',
    );
    expect(await slash(ADMIN, `network moderators ${NET} add <@${CHAIR}|chair>`)).toContain('Network Chair');
    expect(await slash(ADMIN, `owner "Head of People Services" <@${OWNER}|owner>`)).toContain('Olu Owner');
    expect(
      await consoleAs('admin', [
        `network members ${NET} add ${CONSOLE_SUBMITTERS.map((c) => `@${c}`).join(' ')}`,
      ]),
    ).toContain('now has 3 people');

    // A non-member is refused without learning who the members are.
    fake.users.set('U0NOTMEMBER', { id: 'U0NOTMEMBER', name: 'nm', real_name: 'Not Member' });
    const refused = await slash('U0NOTMEMBER', 'feedback 2.4 -- It happens here too');
    expect(refused).toContain('Only members of a staff network');
    expect(refused).not.toMatch(/zqx|U0ZQX|Network Chair/i);

    // Three Slack submitters (slash command, in a channel and in a DM) and one console submitter.
    const receipts: string[] = [];
    const codes: string[] = [];
    const texts = [
      'In my appraisal my accent was called a development need.',
      'I was mistaken for the cleaner twice this month.',
      'I am always asked to organise the diversity event.',
    ];
    for (const [i, s] of SUBMITTERS.entries()) {
      const where = i === 1 ? { id: 'D0DIRECT', name: 'directmessage' } : { id: CHANNEL, name: 'emsn' };
      // The third uses the Slack form (modal) instead of the one-line command.
      const reply =
        i === 2
          ? await viaForm(s.id, '2.4', texts[i] ?? '')
          : await slash(s.id, `feedback 2.4 -- ${texts[i]}`, where);
      expect(reply).toContain('Sent anonymously');
      receipts.push(/Your receipt: ([A-Z0-9-]{23})/.exec(reply)?.[1] ?? '');
      codes.push(/as (F[A-Z0-9]{5})/.exec(reply)?.[1] ?? '');
    }
    const consoleReply = await consoleAs(CONSOLE_SUBMITTERS[0] ?? '', [
      'feedback 2.4 -- Promotion panels never include anyone like me.',
    ]);
    expect(consoleReply).toContain('Sent anonymously');
    codes.push(/as (F[A-Z0-9]{5})/.exec(consoleReply)?.[1] ?? '');
    expect(codes.every(Boolean)).toBe(true);
    // Submitters were never looked up on Slack either.
    expect(fake.callsOf('users.info').some((c) => String(c.args.user).includes('ZQX'))).toBe(false);

    // Moderation, release at the release time, owner listing, replies, receipt checks, digest line.
    for (const code of codes) expect(await slash(CHAIR, `moderate approve ${code}`)).toContain('Approved');
    h.clock.set(new Date('2026-11-23T17:02:09.456Z'));
    expect(await releaseFeedback({ store: h.store, clock: h.clock, logger })).toEqual([
      { network: 'Ethnic Minority Staff Network', released: 4 },
    ]);
    expect(await slash(OWNER, 'feedback list 2.4')).toContain('4 anonymous submissions on ARAP:2.4');
    expect(
      await slash(OWNER, `feedback reply ${codes[0]} We are reviewing the appraisal guidance.`),
    ).toContain('Replied');
    expect(
      await slash(CHAIR, `feedback reply ${codes[1]} share -- Thank you; raised with facilities.`),
    ).toContain("posted to Ethnic Minority Staff Network's channel");
    // The scheduler's next tick posts the shared reply to the network's channel, once.
    const scheduler = {
      store: h.store,
      senders: new Map([['slack', door.sender ?? fail()]]),
      clock: h.clock,
      logger,
      settings: DEFAULT_SCHEDULE,
      catchUpMs: 0,
      digestTimeZone: 'Europe/London',
    };
    h.clock.set(new Date(h.clock.now().getTime() + 1000));
    await runDueJobs(scheduler);
    await runDueJobs(scheduler);
    const posts = fake.callsOf('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
    expect(posts).toHaveLength(1);
    expect(String(posts[0]?.args.text)).toContain('Thank you; raised with facilities.');
    expect(await slash(SUBMITTERS[0]?.id ?? '', `feedback check ${receipts[0]}`)).toContain(
      'We are reviewing',
    );
    expect(await composeFeedbackDigest(h.store, new Date('2026-11-23T00:00:00Z'), 'Europe/London')).toBe(
      'New anonymous feedback from staff networks: Recruitment 4.',
    );
    // The weekly digest carries the line too (here through digest preview, as leadership would see it).
    expect(await slash(ADMIN, 'digest preview')).toContain(
      'New anonymous feedback from staff networks: Recruitment 4.',
    );
    // Read and answered are shown to the sender by the day, never who.
    const checked = await slash(SUBMITTERS[0]?.id ?? '', `feedback check ${receipts[0]}`);
    expect(checked).toContain('Read by an owner on 23 November 2026.');
    expect(checked).toContain('Answered on 23 November 2026.');
    // The weekly chase (respond within 1 working day): the owner and the chair are told, by DM, of the
    // two still unanswered, by id and tags only.
    expect(await slash(ADMIN, `network respond-within ${NET} 1`)).toContain('no reply after 1 working day');
    h.clock.set(new Date('2026-11-30T09:00:30.789Z'));
    await runDueJobs({ ...scheduler, catchUpMs: 60_000 });
    const chased = fake
      .callsOf('chat.postMessage')
      .filter((c) => String(c.args.text).includes('awaiting a response'));
    expect(chased.map((c) => c.args.channel).sort()).toEqual([`D${CHAIR.slice(1)}`, `D${OWNER.slice(1)}`]);
    for (const c of chased) {
      const shown = JSON.stringify(c.args).toLowerCase();
      for (const identifier of IDENTIFIERS) expect(shown, identifier).not.toContain(identifier.toLowerCase());
      for (const text of texts) expect(shown).not.toContain(text.slice(0, 20).toLowerCase());
    }
    expect(await slash(SUBMITTERS[2]?.id ?? '', `feedback withdraw ${receipts[2]}`)).toContain('Withdrawn');

    // Dump every table and every log line: no submitter identifier anywhere.
    const tables = await h.db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'feedback',
        'feedback_replies',
        'people',
        'identities',
        'audit_events',
        'conversation_references',
      ]),
    );
    const dumps: string[] = [];
    for (const { table_name } of tables) {
      const rows = await h.db.prisma.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table_name}"`);
      dumps.push(
        `${table_name}: ${JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`,
      );
    }
    const everything = [...dumps, ...logLines].join('\n').toLowerCase();
    // The dump does see identities (the check itself works): the admin, chair and owner are known people.
    for (const known of [ADMIN, CHAIR, OWNER, 'olu owner']) expect(everything).toContain(known.toLowerCase());
    for (const identifier of IDENTIFIERS)
      expect(everything, identifier).not.toContain(identifier.toLowerCase());
    expect(logLines.length).toBeGreaterThan(0);
    // The receipts themselves are not stored either.
    for (const receipt of receipts) expect(everything).not.toContain(receipt.toLowerCase());

    // Feedback tables have no time columns, and their dates are whole days.
    const columns = await h.db.prisma.$queryRawUnsafe<
      { table_name: string; column_name: string; data_type: string }[]
    >(
      `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'
       AND table_name IN ('feedback', 'feedback_replies', 'feedback_sealed_days', 'staff_networks', 'network_members', 'network_moderators')`,
    );
    expect(columns.filter((c) => /time/i.test(c.data_type))).toEqual([]);
    // Read is a day on the released row; answered is a reply's day.
    expect(columns.filter((c) => c.column_name === 'read_on')).toEqual([
      { table_name: 'feedback', column_name: 'read_on', data_type: 'date' },
    ]);
    const feedbackDump = dumps
      .filter((d) =>
        /^(feedback|feedback_replies|feedback_sealed_days|staff_networks|network_members):/.test(d),
      )
      .join('\n');
    expect(feedbackDump).not.toMatch(/T(?!00:00:00\.000Z)\d{2}:\d{2}:\d{2}/);
    expect(feedbackDump).not.toMatch(/10:41|17:02|09:00/);
    // Nothing else recorded the submissions' moments: no audit events, no new progress updates.
    expect(await h.db.prisma.auditEvent.count({ where: { kind: { contains: 'feedback' } } })).toBe(0);
  });

  it('asks the network before 2.4’s Complete counts; the answer buttons record answers with no trace of who pressed them', async () => {
    h.clock.set(new Date('2026-11-24T10:12:41.321Z'));
    expect(
      await slash(OWNER, 'update 2.4 complete The recruitment data is published by ethnicity'),
    ).toContain('Ethnic Minority Staff Network will be asked, anonymously');
    const scheduler = {
      store: h.store,
      senders: new Map([['slack', door.sender ?? fail()]]),
      clock: h.clock,
      logger,
      settings: DEFAULT_SCHEDULE,
      catchUpMs: 0,
      digestTimeZone: 'Europe/London',
    };
    // Slack lists the app among the channel's members: it is not asked.
    fake.channelMembers.set(CHANNEL, [CHAIR, ...SUBMITTERS.map((s) => s.id), 'UBOT']);
    const postsBefore = fake.callsOf('chat.postMessage').length;
    await runDueJobs(scheduler);
    await runDueJobs(scheduler);
    // Each member of the linked channel asked once, in their direct chat, with the four answers.
    const asks = fake.callsOf('chat.postMessage').slice(postsBefore);
    const members = [CHAIR, ...SUBMITTERS.map((s) => s.id)];
    expect(asks.map((c) => c.args.channel).sort()).toEqual(members.map((m) => `D${m.slice(1)}`).sort());
    const buttons = JSON.stringify(asks[0]?.args.blocks);
    for (const answer of ['yes', 'partly', 'no', 'dont-know'])
      expect(buttons).toContain(`"value":"checkback ARAP:2.4 ${answer}"`);

    /** Presses an answer button on the ask, as Slack posts the block_actions payload. */
    async function press(user: string, answer: string, index: number) {
      const id = `b${++seq}`;
      const payload = buttonClick(
        user,
        `run_command:${index}`,
        `checkback ARAP:2.4 ${answer}`,
        id,
        fake.responseUrl(id),
      );
      const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
      const res = await fetch(`${server.url}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) },
        body,
      });
      expect(res.status).toBe(200);
      return (
        await eventually(() => fake.responses.get(id)?.[0] as { text: string } | undefined, `answer ${id}`)
      ).text;
    }
    const answers = ['yes', 'partly', 'no'];
    for (const [i, s] of SUBMITTERS.entries())
      expect(await press(s.id, answers[i] ?? '', i)).toContain('Counted anonymously');
    const tallies = await h.db.prisma.checkbackTally.findMany();
    expect(await press(SUBMITTERS[0]?.id ?? '', 'no', 2)).toContain(
      'You have already answered about ARAP:2.4',
    );
    expect(await press('U0NOTMEMBER', 'yes', 0)).toContain('Only members of the staff network asked');
    expect(await h.db.prisma.checkbackTally.findMany()).toEqual(tallies);
    expect(await slash(OWNER, 'show 2.4')).toContain("Yes 1, Partly 1, No 1, Don't know 0 (3 answered)");

    // Every table and every log line: nobody who answered, nor who was asked.
    const tables = await h.db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    expect(tables.map((t) => t.table_name)).toContain('checkback_tallies');
    const dumps: string[] = [];
    for (const { table_name } of tables) {
      const rows = await h.db.prisma.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table_name}"`);
      dumps.push(`${table_name}: ${JSON.stringify(rows, maskSealed)}`);
    }
    const everything = [...dumps, ...logLines].join('\n').toLowerCase();
    expect(everything).toContain('checkback:'); // the asks' run is there (the dump sees them)
    for (const identifier of IDENTIFIERS)
      expect(everything, identifier).not.toContain(identifier.toLowerCase());
    expect(everything).not.toContain('d0zqx'); // nor the direct chats the asks went to
  });

  it('offers the form at the end of help once a network exists: its button opens the feedback modal', async () => {
    const id = await postSlash(ADMIN, 'help', { id: 'C0GENERAL', name: 'general' });
    const help = await eventually(
      () => fake.responses.get(id)?.[0] as { blocks?: unknown[] } | undefined,
      'help',
    );
    expect(JSON.stringify(help.blocks)).toContain('"action_id":"run_command"');
    expect(JSON.stringify(help.blocks)).toContain('"value":"feedback"');
    const click = buttonClick(ADMIN, 'run_command', 'feedback', `help-${id}`, fake.responseUrl(`help-${id}`));
    const body = `payload=${encodeURIComponent(JSON.stringify(click))}`;
    const res = await fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) },
      body,
    });
    expect(res.status).toBe(200);
    const opened = await eventually(
      () => fake.callsOf('views.open').find((c) => c.args.trigger_id === `trigger-help-${id}`),
      'the feedback form from help',
    );
    expect((opened.args.view as { callback_id: string }).callback_id).toBe('anonymous_feedback');
  });
});

/**
 * A dump's JSON replacer: bigints as text, and sealed bytes (base64 of ciphertext, which could hold
 * any three letters by chance) as their length: they are checked to be sealed, not searched.
 */
function maskSealed(key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (
    (key === 'sealed' || key === 'target_id') &&
    typeof value === 'string' &&
    /^[A-Za-z0-9+/=]{40,}$/.test(value)
  )
    return `<sealed: ${value.length} characters>`;
  return value;
}

function fail(): never {
  throw new Error('the Slack front door has no sender');
}

describe.each(ENGINES)('anonymity audit over the real Teams front door on %s', (engine) => {
  const BOT = { id: '28:actionbot-app-id', name: 'Actionbot' };
  const TENANT = 'tenant-audit';
  const TEAM = '19:team-emsn-audit@thread.tacv2';
  const TADMIN = { id: '29:audit-admin', name: 'Ada Admin', aadObjectId: 'aad-audit-admin' };
  const SUBMITTER = { id: '29:zqx-gita', name: 'Gita Zqxmorland', aadObjectId: 'aad-zqx-gita' };
  const TYPED = 'My manager zqxtyped keeps calling me by the wrong name.';
  let h: Harness;
  let fake: FakeConnector;
  let door: FrontDoor;
  let server: RunningHttpServer;
  const logLines: string[] = [];
  let seq = 0;

  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeConnector(TENANT);
    // The team's roster: the network needs three members before anyone can be anonymous in it.
    const others = [1, 2].map((i) => ({
      id: `29:member-${i}`,
      name: `Member ${i}`,
      aadObjectId: `aad-member-${i}`,
    }));
    for (const user of [TADMIN, SUBMITTER, ...others]) fake.members.set(user.id, user);
    fake.teams.add(TEAM); // the staff network's team, with the app installed
    const logger = createLogger('debug', (line) => logLines.push(line));
    door = createTeamsFrontDoor(
      { mode: 'emulator' },
      {
        store: h.store,
        clock: h.clock,
        admins: [{ platform: 'teams', externalId: TADMIN.aadObjectId }],
        logger,
      },
    );
    server = await startHttpServer({
      port: 0,
      host: '127.0.0.1',
      routes: door.routes,
      isReady: h.db.isReady,
      logger,
    });
  });

  afterAll(async () => {
    await server?.close();
    await fake?.close();
    await h?.drop();
  });

  async function say(user: typeof TADMIN, extra: Record<string, unknown>, channel = false) {
    const conversation = channel
      ? { id: `19:emsn@thread.tacv2;messageid=1`, conversationType: 'channel', tenantId: TENANT }
      : { id: `a:personal-${user.aadObjectId}`, conversationType: 'personal', tenantId: TENANT };
    const before = fake.sent.length;
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `audit-${++seq}`,
        serviceUrl: fake.url,
        channelId: 'msteams',
        from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
        recipient: BOT,
        conversation,
        channelData: { tenant: { id: TENANT }, ...(channel ? { team: { id: TEAM } } : {}) },
        ...extra,
      }),
    });
    expect(res.status).toBe(200);
    return fake.sent.slice(before).map((s) => s.activity);
  }

  const dumpAll = async () => {
    const tables = await h.db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const dumps: string[] = [];
    for (const { table_name } of tables) {
      const rows = await h.db.prisma.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table_name}"`);
      dumps.push(JSON.stringify(rows, maskSealed));
    }
    return dumps.join('\n');
  };

  it('refuses feedback typed in Teams without storing, logging or echoing it, and opens the form; the form sends it with no identifier', async () => {
    await say(TADMIN, { text: 'network create "Staff Network"' });
    await say(
      TADMIN,
      {
        text: '<at>Actionbot</at> network link "Staff Network"',
        entities: [{ type: 'mention', mentioned: BOT, text: '<at>Actionbot</at>' }],
      },
      true,
    );
    const before = { dump: await dumpAll() };
    const logsBefore = logLines.length;

    const typed = await say(SUBMITTER, { text: `feedback 2.4 -- ${TYPED}` });
    expect(typed).toHaveLength(2);
    expect(typed[0]?.text).toMatch(/^✗ Not sent: Teams keeps messages you type under your name/);
    const card = JSON.stringify(typed[1]?.attachments);
    expect(card).toContain('"id":"experience"');
    expect(card).toContain('"value":"ARAP:2.4"'); // the refs typed stay chosen
    expect(JSON.stringify(typed)).not.toContain('zqxtyped');
    expect(await dumpAll()).toEqual(before.dump);
    expect(logLines.slice(logsBefore).join('\n')).not.toContain('zqxtyped');

    // The form's submit is not a chat message: it is sent, and nothing of the submitter is kept.
    const sent = await say(SUBMITTER, {
      value: {
        actionbot: 'feedback',
        experience: 'Nobody zqxcard sits with me at lunch.',
        tags: 'ARAP:2.4',
        asIs: '',
      },
    });
    expect(sent.map((a) => a.text).join('\n')).toContain('Sent anonymously');
    // Kept in the network's sealed day until release (feedback-sealed.ts): written, and unreadable.
    const after = await dumpAll();
    expect(after).not.toEqual(before.dump);
    expect(await h.db.prisma.sealedFeedbackDay.count()).toBeGreaterThan(0);
    const everything = [after, ...logLines].join('\n').toLowerCase();
    expect(everything).not.toContain('zqxcard');
    expect(everything).not.toContain('zqxtyped');
    for (const trace of [SUBMITTER.id, SUBMITTER.aadObjectId, SUBMITTER.name, 'zqxmorland', 'zqx-gita'])
      expect(everything, trace).not.toContain(trace.toLowerCase());
  });
  it('asks the team’s members before 2.4’s Complete counts; the card’s buttons count an answer once, with no trace of who pressed', async () => {
    // The app is installed in the network's team: the team's reference is what members are reached from.
    await say(TADMIN, { type: 'installationUpdate', action: 'add' }, true);
    // Three approved submissions on 2.4, released (seeded through the store: the asks are under test).
    h.clock.set(new Date('2026-11-23T10:00:00Z'));
    const network = (await h.store.networks.findNetwork('Staff Network')) ?? fail();
    const moderator = await h.store.people.ensurePerson({ platform: 'console', externalId: 'mod' });
    const [action] = await h.store.actions.findActionsByRef('2.4', null);
    for (const i of [1, 2, 3]) {
      const { code } = await h.store.feedback.submit({
        networkId: network.id,
        text: `Seeded experience ${i}.`,
        actionIds: [action?.id ?? ''],
        themeIds: [],
        day: '2026-11-23',
      });
      await h.store.feedback.moderate(code, { kind: 'approve' }, moderator.id, '2026-11-23');
    }
    expect(await h.store.feedback.releaseBatch(network.id, '2026-11-23', 3)).toEqual({
      claimed: true,
      released: 3,
    });

    h.clock.set(new Date('2026-11-24T10:00:00Z'));
    const updated = await say(TADMIN, { text: 'update 2.4 complete The data is published' });
    expect(updated.map((a) => a.text).join('\n')).toContain('Staff Network will be asked, anonymously');
    const before = fake.sent.length;
    const scheduler = {
      store: h.store,
      senders: new Map([['teams', door.sender ?? fail()]]),
      clock: h.clock,
      logger: createLogger('error', (line) => logLines.push(line)),
      settings: DEFAULT_SCHEDULE,
      catchUpMs: 0,
      digestTimeZone: 'Europe/London',
    };
    await runDueJobs(scheduler);
    await runDueJobs(scheduler);
    // One 1:1 chat opened from the team for each of its four members, each sent the card once.
    const asks = fake.sent.slice(before);
    expect(asks.map((a) => a.conversationId).sort()).toEqual(
      [TADMIN, SUBMITTER, { aadObjectId: 'aad-member-1' }, { aadObjectId: 'aad-member-2' }]
        .map((u) => `a:dm-${u.aadObjectId}-`)
        .sort()
        .map((prefix) => expect.stringContaining(prefix)),
    );
    const card = JSON.stringify(asks[0]?.activity.attachments);
    expect(card).toContain('"id":"comment"');
    expect(card).toContain('"text":"checkback ARAP:2.4 partly"');

    const press = async (user: typeof TADMIN, text: string, comment = '') =>
      (await say(user, { value: { actionbot: 'command', text, comment } })).map((a) => a.text).join('\n');
    expect(
      await press(SUBMITTER, 'checkback ARAP:2.4 partly', 'Better, slowly, since the data came out.'),
    ).toContain('Counted anonymously for Staff Network: "Partly" on ARAP:2.4');
    const tallies = await h.db.prisma.checkbackTally.findMany();
    expect(await press(SUBMITTER, 'checkback ARAP:2.4 yes')).toContain(
      'You have already answered about ARAP:2.4',
    );
    expect(await h.db.prisma.checkbackTally.findMany()).toEqual(tallies);
    const typed = await say(SUBMITTER, { text: 'checkback 2.4 no' });
    expect(typed.map((a) => a.text).join('\n')).toContain('Not recorded: Teams keeps messages you type');
    for (const [i, answer] of ['yes', 'no'].entries())
      expect(
        await press(
          { id: `29:member-${i + 1}`, name: `Member ${i + 1}`, aadObjectId: `aad-member-${i + 1}` },
          `checkback ARAP:2.4 ${answer}`,
        ),
      ).toContain('Counted anonymously');
    const shown = (await say(TADMIN, { text: 'show 2.4' })).map((a) => JSON.stringify(a)).join('\n');
    expect(shown).toContain("Yes 1, Partly 1, No 1, Don't know 0 (3 answered)");

    const everything = [await dumpAll(), ...logLines].join('\n').toLowerCase();
    expect(everything).toContain('checkback:');
    expect(everything).not.toContain('better, slowly'); // the comment is sealed until its release
    for (const trace of [
      SUBMITTER.id,
      SUBMITTER.aadObjectId,
      SUBMITTER.name,
      'zqx',
      '29:member-1',
      'aad-member-2',
    ])
      expect(everything, trace).not.toContain(trace.toLowerCase());
  });

  it('sends feedback from the dialog (task/fetch, task/submit) with no identifier in any table or log line', async () => {
    const invoke = async (name: 'task/fetch' | 'task/submit', data: unknown) => {
      const before = fake.sent.length;
      const res = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'invoke',
          name,
          id: `audit-${++seq}`,
          serviceUrl: fake.url,
          channelId: 'msteams',
          from: { id: SUBMITTER.id, name: SUBMITTER.name, aadObjectId: SUBMITTER.aadObjectId },
          recipient: BOT,
          conversation: {
            id: `a:personal-${SUBMITTER.aadObjectId}`,
            conversationType: 'personal',
            tenantId: TENANT,
          },
          channelData: { tenant: { id: TENANT } },
          value: { data, context: { theme: 'default' } },
        }),
      });
      const body = await res.json();
      expect(checkTaskModuleAnswer(name, res.status, body)).toEqual([]);
      expect(fake.sent.length, 'the dialog posts nothing in the chat').toBe(before);
      return body as { task: { type: string; value: unknown } };
    };
    const sealedBefore = JSON.stringify(await h.db.prisma.sealedFeedbackDay.findMany());
    const opened = await invoke('task/fetch', { actionbot: 'feedback-dialog', tags: '2.4' });
    expect(opened.task.type).toBe('continue');
    const sent = await invoke('task/submit', {
      actionbot: 'feedback',
      experience: 'In the zqxdialog rota review my hours were cut.',
      tags: 'ARAP:2.4',
      refs: '',
      asIs: '',
    });
    expect(sent.task).toMatchObject({ type: 'message', value: expect.stringContaining('Sent anonymously') });
    // Stored: the network's sealed day was rewritten, and the receipt finds the submission in it.
    expect(JSON.stringify(await h.db.prisma.sealedFeedbackDay.findMany())).not.toEqual(sealedBefore);
    const receipt = /Your receipt: ([A-Z0-9-]{23})/.exec(String(sent.task.value))?.[1] ?? '';
    expect(await h.store.feedback.findByReceipt(receipt)).toMatchObject({
      text: expect.stringContaining('zqxdialog'),
    });
    const everything = [await dumpAll(), ...logLines].join('\n').toLowerCase();
    expect(everything).not.toContain('zqxdialog');
    for (const trace of [SUBMITTER.id, SUBMITTER.aadObjectId, SUBMITTER.name, 'zqxmorland', 'zqx-gita'])
      expect(everything, trace).not.toContain(trace.toLowerCase());
  });
});
