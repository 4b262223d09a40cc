import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrontDoor } from '../../src/bot/front-door.ts';
import type { RunningHttpServer } from '../../src/bot/http-server.ts';
import { createTeamsFrontDoor } from '../../src/bot/teams/teams-front-door.ts';
import type { ChatSender } from '../../src/domain/chat-sender.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule.ts';
import { runDueJobs } from '../../src/jobs/scheduler.ts';
import { createLogger } from '../../src/logger.ts';
import { type FakeConnector, type SentActivity, startFakeConnector } from '../support/fake-connector.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { serveFrontDoor } from '../support/serve-front-door.ts';
import { ENGINES } from '../support/test-database.ts';

const BOT = { id: '28:actionbot-app-id', name: 'Actionbot' };
const TENANT = 'tenant-0001';
const SETTINGS = { ...DEFAULT_SCHEDULE, bankHolidays: new Set(['2027-01-01']) };
const user = (name: string, key: string) => ({ id: `29:${key}`, name, aadObjectId: `aad-${key}` });
const ERIN = user('Erin Director', 'erin');
const DANA = user('Dana Workforce', 'dana');
const OWNERS = [
  [user('Chris Chief', 'ceo'), 'Chief Executive'],
  [user('Casey Comms', 'comms'), 'Head of Communications'],
  [user('Harper HR', 'hr'), 'Head of People Services'],
] as const;
type User = typeof ERIN;

describe.each(ENGINES)('Teams: escalation and its nudge button over HTTP on %s', (engine) => {
  let h: Harness;
  let fake: FakeConnector;
  let door: FrontDoor;
  let server: RunningHttpServer;
  let seq = 0;
  const logger = createLogger('error', () => {});

  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeConnector();
    door = createTeamsFrontDoor(
      { mode: 'emulator' },
      { store: h.store, clock: h.clock, admins: [], logger, schedule: SETTINGS },
    );
    server = await serveFrontDoor(door, h.db.isReady, logger);
    await h.run('sponsor ARAP new "Executive Director, People"');
    await h.run('sponsor ARAP:2 new "Director of Workforce"');
    const holders = [
      [ERIN, 'Executive Director, People'],
      [DANA, 'Director of Workforce'],
      ...OWNERS,
    ] as const;
    for (const [who, role] of holders) {
      fake.members.set(who.id, who);
      await send(who, { text: 'help' }); // each has talked to the bot: their chat's reference is kept
      await h.holdRole({ platform: 'teams', externalId: who.aadObjectId, displayName: who.name }, role);
    }
  });

  afterAll(async () => {
    await server?.close();
    await door?.stop();
    await fake?.close();
    await h?.drop();
  });

  const chatOf = (who: User) => `a:personal-${who.aadObjectId}`;
  async function send(who: User, extra: Record<string, unknown>): Promise<SentActivity[]> {
    const before = fake.sent.length;
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `in-${++seq}`,
        timestamp: new Date().toISOString(),
        serviceUrl: fake.url,
        channelId: 'msteams',
        from: who,
        recipient: BOT,
        conversation: { id: chatOf(who), conversationType: 'personal', tenantId: TENANT },
        channelData: { tenant: { id: TENANT } },
        ...extra,
      }),
    });
    expect(res.status).toBe(200);
    return fake.sent.slice(before);
  }
  const tick = (at: string) => {
    h.clock.set(new Date(at));
    return runDueJobs({
      store: h.store,
      senders: new Map([['teams', door.sender as ChatSender]]),
      clock: h.clock,
      sleep: async (ms) => h.clock.set(new Date(h.clock.now().getTime() + ms)),
      logger,
      settings: SETTINGS,
      catchUpMs: 24 * 3_600_000,
      digestTimeZone: 'Europe/London',
    });
  };
  const shown = (sent: SentActivity[]) => sent.map((s) => JSON.stringify(s.activity)).join('\n');
  const received = (who: User, marker: string) =>
    fake.sent.filter((s) => s.conversationId === chatOf(who) && JSON.stringify(s.activity).includes(marker));
  const nudgeData = (sent: SentActivity | undefined) =>
    ((sent?.activity.attachments ?? []) as { content?: { actions?: { data?: { actionbot?: string } }[] } }[])
      .flatMap((a) => a.content?.actions ?? [])
      .map((a) => a.data)
      .find((d) => d?.actionbot === 'command');

  it('each sponsor gets one escalation card; the nudge reminds each owner once, whoever presses', async () => {
    await tick('2027-01-04T09:00:30Z');
    await tick('2027-01-20T09:00:30Z');
    await tick('2027-01-20T11:00:00Z');
    const erins = received(ERIN, 'updates missing after the deadline');
    const danas = received(DANA, 'updates missing after the deadline');
    expect([erins.length, danas.length]).toEqual([1, 1]);
    expect(shown(danas)).toContain('2.4');
    expect(shown(danas)).not.toContain('1.2');
    const data = nudgeData(danas[0]);
    expect(data).toEqual({ actionbot: 'command', text: 'nudge ARAP 18/01/2027' });

    h.clock.set(new Date('2027-01-20T12:00:00Z'));
    // Dana (theme 2) first: Harper alone; then Erin (the plan): the other two; then Erin again: nobody.
    expect(shown(await send(DANA, { value: data }))).toContain(
      'Reminding one owner of ARAP updates due by 18 January 2027: Harper HR.',
    );
    const erinsPress = shown(await send(ERIN, { value: nudgeData(erins[0]) }));
    expect(erinsPress).toContain('Reminding 2 owners');
    expect(erinsPress).toContain('Already reminded, not sent again: Harper HR.');
    await tick('2027-01-20T12:00:30Z');
    expect(shown(await send(ERIN, { value: nudgeData(erins[0]) }))).toContain(
      'Nothing sent: every owner was already reminded',
    );
    await tick('2027-01-20T12:05:00Z');
    await tick('2027-01-21T09:00:30Z');
    const reminders = OWNERS.map(([who]) => received(who, 'asks for your update'));
    expect(reminders.map((r) => r.length)).toEqual([1, 1, 1]);
    expect(shown(reminders[2] ?? [])).toContain('Dana Workforce asks for your update');
    expect(shown(reminders[0] ?? [])).toContain('Erin Director asks for your update');
  });
});
