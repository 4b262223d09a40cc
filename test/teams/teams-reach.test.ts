import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { FrontDoor } from '../../src/bot/front-door.ts';
import type { RunningHttpServer } from '../../src/bot/http-server.ts';
import { createSlackFrontDoor } from '../../src/bot/slack/slack-front-door.ts';
import { createTeamsFrontDoor } from '../../src/bot/teams/teams-front-door.ts';
import { createReply } from '../../src/commands/reply.ts';
import type { ChatSender } from '../../src/domain/chat-sender.ts';
import { SendFailure } from '../../src/domain/chat-sender.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule.ts';
import { runDueJobs, type SchedulerDeps } from '../../src/jobs/scheduler.ts';
import { createLogger } from '../../src/logger.ts';
import { cardText, type FakeConnector, startFakeConnector } from '../support/fake-connector.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { serveFrontDoor } from '../support/serve-front-door.ts';
import { ENGINES } from '../support/test-database.ts';

const BOT = { id: '28:actionbot-app-id', name: 'Actionbot' };
const TENANT = 'tenant-0001';
const TEAM = '19:equality-team@thread.tacv2';
// Ada installs the app; Jane and Carl are owners named by email who never wrote to the bot; Bob holds
// no role (yet) and has only a userPrincipalName; Carl blocked the bot.
const ADA = { id: '29:ada', name: 'Ada Admin', aadObjectId: 'aad-ada', email: 'ada@council.example' };
const JANE = { id: '29:jane', name: 'Jane Doe', aadObjectId: 'aad-jane', email: 'Jane@Council.example' };
const BOB = {
  id: '29:bob',
  name: 'Bob Smith',
  aadObjectId: 'aad-bob',
  userPrincipalName: 'bob@council.example',
};
const CARL = { id: '29:carl', name: 'Carl Chief', aadObjectId: 'aad-carl', email: 'carl@council.example' };
const SAM = {
  id: 'U0SAM',
  name: 'sam',
  real_name: 'Sam Comms',
  email: 'sam@council.example',
  tz: 'Europe/London',
};
const GENERAL = { id: TEAM, conversationType: 'channel', tenantId: TENANT };
// Q1 2027 opens Friday 1 January, a bank holiday: prompts go out on Monday 4 January, 09:00 GMT.
const SETTINGS = { ...DEFAULT_SCHEDULE, bankHolidays: new Set(['2027-01-01']) };
const OPENING = new Date('2027-01-04T09:00:00Z');

describe.each(ENGINES)('Teams reach without a first message, and owners named by email, on %s', (engine) => {
  let h: Harness;
  let fake: FakeConnector;
  let slack: FakeSlack;
  let teamsDoor: FrontDoor;
  let slackDoor: FrontDoor;
  let server: RunningHttpServer;
  const logLines: string[] = [];
  let seq = 0;
  const logger = createLogger('debug', (line) => logLines.push(line));

  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeConnector(TENANT);
    for (const user of [ADA, JANE, BOB, CARL]) fake.members.set(user.id, user);
    fake.teams.add(TEAM);
    fake.pageLimit = 2; // four members: the roster comes in two pages
    fake.blocked.add(CARL.aadObjectId);
    slack = await startFakeSlack();
    slack.users.set(SAM.id, SAM);
    const deps = {
      store: h.store,
      clock: h.clock,
      admins: [{ platform: 'teams' as const, externalId: ADA.aadObjectId }],
      logger,
    };
    teamsDoor = createTeamsFrontDoor({ mode: 'emulator' }, deps);
    slackDoor = createSlackFrontDoor(
      {
        botToken: 'xoxb-1-2-reach',
        signingSecret: 'reach-secret',
        appToken: undefined,
        apiUrl: slack.apiUrl,
      },
      deps,
    );
    server = await serveFrontDoor(teamsDoor, h.db.isReady, logger);
  });

  afterAll(async () => {
    await server?.close();
    await teamsDoor?.stop();
    await slackDoor?.stop();
    await fake?.close();
    await slack?.close();
    await h?.drop();
  });

  function activity(
    user: { id: string; name: string; aadObjectId: string },
    conversation: object,
    extra: object,
  ) {
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
  const post = (body: unknown) =>
    fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const personRef = (aad: string) => h.store.conversations.find('teams', 'person', aad);
  const creates = () => fake.requests.filter((r) => r === 'POST /v3/conversations').length;
  const schedulerDeps = (): SchedulerDeps => ({
    store: h.store,
    senders: new Map<string, ChatSender>([
      ['slack', slackDoor.sender as ChatSender],
      ['teams', teamsDoor.sender as ChatSender],
    ]),
    clock: h.clock,
    sleep: async (ms) => h.clock.set(new Date(h.clock.now().getTime() + ms)),
    logger,
    settings: SETTINGS,
    catchUpMs: 24 * 3_600_000,
    digestTimeZone: 'Europe/London',
  });

  it('maps roles to owners named by email alone, in any case', async () => {
    expect(await h.run('owner "Head of People Services" jane@council.example')).toContain(
      'jane@council.example now holds "Head of People Services".',
    );
    await h.run('owner "Chief Executive" CARL@council.example');
    await h.run('owner "Head of Communications" sam@council.example');
    expect(await h.db.prisma.person.count({ where: { email: { endsWith: '@council.example' } } })).toBe(3);
  });

  it('a team install reads the roster page by page and opens 1:1 chats with role holders only', async () => {
    const res = await post(
      activity(ADA, GENERAL, {
        type: 'conversationUpdate',
        membersAdded: [BOT],
        channelData: { tenant: { id: TENANT }, team: { id: TEAM }, eventType: 'teamMemberAdded' },
      }),
    );
    expect(res.status).toBe(200);
    // Two pages of two, the second asked for with the first's continuation token.
    expect(
      fake.requests.filter((r) => r === `GET /v3/conversations/${encodeURIComponent(TEAM)}/pagedmembers`),
    ).toHaveLength(2);
    // Jane gets a chat; Carl was asked for and refused (he blocked the bot); Ada and Bob hold no role.
    expect(fake.created).toEqual([
      { conversationId: `a:dm-${JANE.aadObjectId}-1`, memberId: JANE.id, tenantId: TENANT, bot: BOT },
    ]);
    expect(creates()).toBe(2);
    expect(await personRef(JANE.aadObjectId)).toMatchObject({
      unreachable: null,
      reference: {
        serviceUrl: fake.url,
        bot: BOT,
        user: { id: JANE.id, aadObjectId: JANE.aadObjectId },
        conversation: { id: `a:dm-${JANE.aadObjectId}-1`, conversationType: 'personal', tenantId: TENANT },
      },
    });
    expect((await personRef(CARL.aadObjectId))?.unreachable).toContain('MessageWritesBlocked');
    expect(await personRef(ADA.aadObjectId)).toBeNull();
    expect(await personRef(BOB.aadObjectId)).toBeNull();
    expect(await h.store.conversations.find('teams', 'team', TEAM)).not.toBeNull();
    // The owner named by email and the Teams account are one person, named by the roster.
    const jane = await h.db.prisma.person.findUniqueOrThrow({
      where: { email: 'jane@council.example' },
      include: { identities: true },
    });
    expect(jane.displayName).toBe('Jane Doe');
    expect(jane.identities.map((i) => [i.platform, i.externalId])).toEqual([['teams', JANE.aadObjectId]]);
    // Nobody outside the owner roles became a person.
    expect(
      await h.db.prisma.identity.count({ where: { externalId: { in: [ADA.aadObjectId, BOB.aadObjectId] } } }),
    ).toBe(0);

    // Teams also sends installationUpdate for the same install: nothing is opened or asked again.
    const again = await post(
      activity(ADA, GENERAL, {
        type: 'installationUpdate',
        action: 'add',
        channelData: { tenant: { id: TENANT }, team: { id: TEAM } },
      }),
    );
    expect(again.status).toBe(200);
    expect(creates()).toBe(2);
  });

  it('the cycle prompt reaches owners who never wrote to the bot: on Teams, and on Slack by email', async () => {
    h.clock.set(new Date(OPENING.getTime() + 60_000));
    const sentBefore = fake.sent.length;
    expect(await runDueJobs(schedulerDeps())).toContain('cycle:ARAP:2027-01-04');
    const toJane = fake.sent
      .slice(sentBefore)
      .filter((s) => s.conversationId === `a:dm-${JANE.aadObjectId}-1`);
    expect(toJane).toHaveLength(1);
    const card = toJane[0]?.activity.attachments?.[0]?.content;
    expect(cardText(card)).toContain('Time to update ARAP');
    expect(JSON.stringify(card)).toContain('"target":"ARAP:2.4"');
    // Sam, named by email, was found on Slack and prompted in a direct chat.
    expect(slack.callsOf('users.lookupByEmail').map((c) => c.args.email)).toEqual(['sam@council.example']);
    expect(slack.callsOf('conversations.open').map((c) => c.args.users)).toEqual([SAM.id]);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    const sam = await h.db.prisma.person.findUniqueOrThrow({
      where: { email: 'sam@council.example' },
      include: { identities: true },
    });
    expect(sam).toMatchObject({
      displayName: 'Sam Comms',
      identities: [expect.objectContaining({ platform: 'slack' })],
    });
    // Carl's refusal was recorded once, at install: his prompt failed without asking Teams again.
    expect(creates()).toBe(2);
    const failed = await h.db.prisma.delivery.findMany({ where: { status: 'failed' } });
    expect(failed.map((d) => [d.targetId, d.attempts])).toEqual([[CARL.aadObjectId, 1]]);
    expect(failed[0]?.lastError).toContain('MessageWritesBlocked');
  });

  it('names the blocked owner in the digest, with the reason', async () => {
    await h.store.subscriptions.subscribe('teams', TEAM, 'General');
    h.clock.set(new Date('2027-01-11T09:05:00Z'));
    const before = fake.sent.length;
    expect(await runDueJobs(schedulerDeps())).toContain('digest:2027-01-11');
    const digest = fake.sent.slice(before).find((s) => s.conversationId === TEAM);
    expect(cardText(digest?.activity.attachments?.[0]?.content)).toContain(
      'Owners Actionbot could not reach (1):\nCarl Chief (they blocked or uninstalled Actionbot in Teams (MessageWritesBlocked))',
    );
    await h.store.subscriptions.unsubscribe('teams', TEAM);
  });

  it('opens a chat Teams dropped (404) again, once, and sends there; a refusal then is recorded', async () => {
    const reply = createReply({ type: 'paragraph', text: 'Reminder' });
    fake.gone.add(`a:dm-${JANE.aadObjectId}-1`);
    const sent = await teamsDoor.sender?.send({ kind: 'person', externalId: JANE.aadObjectId }, reply);
    expect(sent?.messageId).toMatch(/^sent-/);
    expect(fake.created.at(-1)).toMatchObject({
      memberId: JANE.id,
      conversationId: `a:dm-${JANE.aadObjectId}-2`,
    });
    expect(fake.sent.at(-1)).toMatchObject({ conversationId: `a:dm-${JANE.aadObjectId}-2` });
    expect((await personRef(JANE.aadObjectId))?.reference).toMatchObject({
      conversation: { id: `a:dm-${JANE.aadObjectId}-2` },
    });
    // Gone again, and now blocked: one attempt to open it, then recorded as unreachable.
    fake.gone.add(`a:dm-${JANE.aadObjectId}-2`);
    fake.blocked.add(JANE.aadObjectId);
    const before = creates();
    const failure = await teamsDoor.sender
      ?.send({ kind: 'person', externalId: JANE.aadObjectId }, reply)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SendFailure);
    expect(failure).toMatchObject({
      retryable: false,
      message: expect.stringContaining('MessageWritesBlocked'),
    });
    expect(creates()).toBe(before + 1);
    expect((await personRef(JANE.aadObjectId))?.unreachable).toContain('MessageWritesBlocked');
    // When she writes to the bot again she is reachable again.
    fake.blocked.delete(JANE.aadObjectId);
    const personal = { id: 'a:personal-jane', conversationType: 'personal', tenantId: TENANT };
    expect((await post(activity(JANE, personal, { text: 'mine' }))).status).toBe(200);
    expect(await personRef(JANE.aadObjectId)).toMatchObject({
      unreachable: null,
      reference: { conversation: { id: 'a:personal-jane' } },
    });
  });

  it('at start, reads the teams already known and reaches owners named since (matched by userPrincipalName)', async () => {
    await h.run('owner "Head of Communications" bob@council.example');
    const restarted = createTeamsFrontDoor(
      { mode: 'emulator' },
      { store: h.store, clock: h.clock, admins: [], logger },
    );
    await restarted.start();
    await vi.waitFor(async () => expect(await personRef(BOB.aadObjectId)).not.toBeNull(), { timeout: 5_000 });
    await restarted.stop();
    expect(fake.created.at(-1)).toMatchObject({ memberId: BOB.id, tenantId: TENANT });
    const bob = await h.db.prisma.person.findUniqueOrThrow({
      where: { email: 'bob@council.example' },
      include: { identities: true },
    });
    expect(bob).toMatchObject({
      displayName: 'Bob Smith',
      identities: [expect.objectContaining({ externalId: BOB.aadObjectId })],
    });
  });

  it('refuses a bad address or an unknown role typed in Teams in one line, changing nothing', async () => {
    const personal = { id: 'a:personal-ada', conversationType: 'personal', tenantId: TENANT };
    await post(activity(ADA, personal, { text: 'roles' })); // Ada is known before the snapshot
    for (const [text, expected] of [
      ['owner "Head of People Services" jane@', '"jane@" is not an email address'],
      ['owner "Head of People Servises" new.person@council.example', 'No role "Head of People Servises".'],
    ] as const) {
      const before = { snapshot: await h.snapshot(), refs: await h.db.prisma.conversationReference.count() };
      const sentBefore = fake.sent.length;
      expect((await post(activity(ADA, personal, { text }))).status).toBe(200);
      const replies = fake.sent.slice(sentBefore);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.activity.text).toContain(expected);
      expect({ snapshot: await h.snapshot(), refs: await h.db.prisma.conversationReference.count() }).toEqual(
        before,
      );
    }
  });

  it('logs no one’s name, address or id while reaching them', () => {
    const logs = logLines.join('\n');
    for (const secret of [
      JANE.name,
      CARL.name,
      'jane@council.example',
      'carl@council.example',
      SAM.email,
      JANE.id,
    ])
      expect(logs).not.toContain(secret);
  });
});

describe('the fake connector refuses what Teams refuses', () => {
  let fake: FakeConnector;
  beforeAll(async () => {
    fake = await startFakeConnector(TENANT);
    fake.members.set(JANE.id, JANE);
    fake.teams.add(TEAM);
  });
  afterAll(async () => {
    await fake?.close();
  });
  const create = (body: object) =>
    fetch(`${fake.url}/v3/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const base = { isGroup: false, bot: BOT, members: [{ id: JANE.id }], tenantId: TENANT };

  it('creates a 1:1 chat only with one member of a team, in the tenant', async () => {
    expect((await create(base)).status).toBe(201);
    expect(
      (await create({ ...base, tenantId: undefined, channelData: { tenant: { id: TENANT } } })).status,
    ).toBe(201);
    expect((await create({ ...base, tenantId: undefined })).status).toBe(400);
    expect((await create({ ...base, isGroup: true })).status).toBe(400);
    expect((await create({ ...base, members: [{ id: JANE.id }, { id: '29:other' }] })).status).toBe(400);
    expect((await create({ ...base, members: [{ id: '29:stranger' }] })).status).toBe(404);
    expect((await create({ ...base, members: [{ id: JANE.aadObjectId }] })).status).toBe(404);
    expect((await create({ ...base, tenantId: 'another-tenant' })).status).toBe(403);
    fake.blocked.add(JANE.aadObjectId);
    const blocked = await create(base);
    expect(blocked.status).toBe(403);
    expect(JSON.stringify(await blocked.json())).toContain('MessageWritesBlocked');
  });

  it('pages rosters only of teams with the app, with valid page sizes and tokens', async () => {
    const page = (query: string, team = TEAM) =>
      fetch(`${fake.url}/v3/conversations/${team}/pagedmembers${query}`);
    expect((await page('?pageSize=500')).status).toBe(200);
    expect((await page('?pageSize=501')).status).toBe(400);
    expect((await page('?pageSize=0')).status).toBe(400);
    expect((await page('?continuationToken=made-up')).status).toBe(400);
    expect((await page('', '19:other@thread.tacv2')).status).toBe(404);
  });
});

describe.each(ENGINES)(
  'owners named by email, with a Slack app lacking users:read.email, on %s',
  (engine) => {
    let h: Harness;
    let slack: FakeSlack;
    let door: FrontDoor;
    const logLines: string[] = [];

    beforeAll(async () => {
      h = await createHarness(engine);
      const manifest = parseYaml(
        fs.readFileSync(path.resolve(import.meta.dirname, '../../slack/manifest.yml'), 'utf8'),
      );
      const scopes = (manifest.oauth_config.scopes.bot as string[]).filter((s) => s !== 'users:read.email');
      slack = await startFakeSlack(undefined, { scopes });
      slack.users.set(SAM.id, SAM);
      door = createSlackFrontDoor(
        {
          botToken: 'xoxb-1-2-noemail',
          signingSecret: 'reach-secret',
          appToken: undefined,
          apiUrl: slack.apiUrl,
        },
        {
          store: h.store,
          clock: h.clock,
          admins: [],
          logger: createLogger('debug', (l) => logLines.push(l)),
        },
      );
    });
    afterAll(async () => {
      await door?.stop();
      await slack?.close();
      await h?.drop();
    });

    it('cannot look the address up: the owner stays unreachable, the run goes on, one warning says why', async () => {
      slack.expectRefusals();
      await h.run('owner "Head of Communications" sam@council.example');
      h.clock.set(new Date(OPENING.getTime() + 60_000));
      const ran = await runDueJobs({
        store: h.store,
        senders: new Map<string, ChatSender>([['slack', door.sender as ChatSender]]),
        clock: h.clock,
        sleep: async (ms) => h.clock.set(new Date(h.clock.now().getTime() + ms)),
        logger: createLogger('debug', (l) => logLines.push(l)),
        settings: SETTINGS,
        catchUpMs: 24 * 3_600_000,
        digestTimeZone: 'Europe/London',
      });
      expect(ran).toContain('cycle:ARAP:2027-01-04');
      expect(slack.refusals).toEqual([
        expect.objectContaining({ method: 'users.lookupByEmail', error: 'missing_scope' }),
      ]);
      expect(slack.callsOf('chat.postMessage')).toHaveLength(0);
      const unreachable = await h.db.prisma.delivery.findMany({ where: { status: 'unreachable' } });
      expect(unreachable).toHaveLength(1);
      expect(logLines.filter((l) => l.includes('finding owners failed'))).toHaveLength(1);
      expect(logLines.join('\n')).not.toContain('sam@council.example');
    });
  },
);
