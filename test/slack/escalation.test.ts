import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrontDoor } from '../../src/bot/front-door.ts';
import type { RunningHttpServer } from '../../src/bot/http-server.ts';
import { createSlackFrontDoor } from '../../src/bot/slack/slack-front-door.ts';
import type { ChatSender } from '../../src/domain/chat-sender.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule.ts';
import { runDueJobs } from '../../src/jobs/scheduler.ts';
import { createLogger } from '../../src/logger.ts';
import {
  eventually,
  type FakeSlack,
  type FakeSlackMessage,
  signSlackRequest,
  startFakeSlack,
} from '../support/fake-slack.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { serveFrontDoor } from '../support/serve-front-door.ts';
import { buttonClick } from '../support/slack-payloads.ts';
import { ENGINES } from '../support/test-database.ts';

const SECRET = 'test-signing-secret-e5ca';
const TOKEN = 'xoxb-111-222-escalationtoken';
const SETTINGS = { ...DEFAULT_SCHEDULE, bankHolidays: new Set(['2027-01-01']) };
const PEOPLE = [
  ['U0ERIN', 'Erin Director', 'Executive Director, People'],
  ['U0CEO', 'Chris Chief', 'Chief Executive'],
  ['U0COMMS', 'Casey Comms', 'Head of Communications'],
  ['U0HR', 'Harper HR', 'Head of People Services'],
] as const;

type Element = { type: string; action_id?: string; value?: string };
type Block = { type: string; elements?: Element[] };

describe.each(ENGINES)('Slack: escalation and its nudge button over HTTP on %s', (engine) => {
  let h: Harness;
  let fake: FakeSlack;
  let door: FrontDoor;
  let server: RunningHttpServer;
  let seq = 0;
  const logger = createLogger('error', () => {});

  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeSlack();
    door = createSlackFrontDoor(
      { botToken: TOKEN, signingSecret: SECRET, appToken: undefined, apiUrl: fake.apiUrl },
      { store: h.store, clock: h.clock, admins: [], logger, schedule: SETTINGS },
    );
    server = await serveFrontDoor(door, h.db.isReady, logger);
    await h.run('sponsor ARAP new "Executive Director, People"');
    for (const [id, name, role] of PEOPLE) {
      fake.users.set(id, {
        id,
        name: name.split(' ')[0]?.toLowerCase() ?? id,
        real_name: name,
        tz: 'Europe/London',
      });
      await h.holdRole({ platform: 'slack', externalId: id, displayName: name }, role);
    }
  });

  afterAll(async () => {
    await server?.close();
    await door?.stop();
    await fake?.close();
    await h?.drop();
  });

  const tick = (at: string) => {
    h.clock.set(new Date(at));
    return runDueJobs({
      store: h.store,
      senders: new Map([['slack', door.sender as ChatSender]]),
      clock: h.clock,
      sleep: async (ms) => h.clock.set(new Date(h.clock.now().getTime() + ms)),
      logger,
      settings: SETTINGS,
      catchUpMs: 24 * 3_600_000,
      digestTimeZone: 'Europe/London',
    });
  };
  const dm = (user: string) => fake.history.get(`D${user.slice(1)}`) ?? [];
  const texts = (user: string) => dm(user).map((m) => JSON.stringify(m.blocks ?? m.text));

  /** Presses the message's command button as Slack sends the click; the answer at its response_url. */
  async function press(message: FakeSlackMessage, user: string) {
    const button = (message.blocks as Block[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'run_command');
    if (!button?.value) throw new Error('no nudge button');
    const id = `n${++seq}`;
    const click = {
      ...buttonClick(user, 'run_command', button.value, id, fake.responseUrl(id)),
      container: {
        type: 'message',
        message_ts: message.ts,
        channel_id: `D${user.slice(1)}`,
        is_ephemeral: false,
      },
      channel: { id: `D${user.slice(1)}`, name: 'directmessage' },
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

  it('sends the sponsor one escalation; its button reminds each owner once, and a second press sends nothing', async () => {
    await tick('2027-01-04T09:00:30Z'); // the cycle's prompts
    await tick('2027-01-19T09:00:30Z'); // the day after the deadline: not yet
    expect(texts('U0ERIN').filter((t) => t.includes('updates missing after the deadline'))).toEqual([]);
    await tick('2027-01-20T09:00:30Z');
    await tick('2027-01-20T15:00:00Z');
    const escalation = dm('U0ERIN').filter((m) =>
      JSON.stringify(m.blocks).includes('updates missing after the deadline'),
    );
    expect(escalation).toHaveLength(1);
    expect(JSON.stringify(escalation[0]?.blocks)).toContain('were due by 18 January 2027');
    for (const ref of ['1.1', '1.2', '2.4'])
      expect(JSON.stringify(escalation[0]?.blocks)).toContain(`*${ref}*`);

    const owners = ['U0CEO', 'U0COMMS', 'U0HR'];
    const before = owners.map((u) => dm(u).length);
    h.clock.set(new Date('2027-01-20T16:00:00Z'));
    const answer = await press(escalation[0] as FakeSlackMessage, 'U0ERIN');
    expect(answer.text).toContain('Reminding 3 owners of ARAP updates due by 18 January 2027');
    await tick('2027-01-20T16:00:30Z');
    const reminders = owners.map((u, i) => dm(u).slice(before[i]));
    for (const got of reminders) {
      expect(got).toHaveLength(1);
      expect(JSON.stringify(got[0]?.blocks)).toContain('Erin Director asks for your update');
    }
    // The second press, and the next ticks: nothing again.
    const again = await press(escalation[0] as FakeSlackMessage, 'U0ERIN');
    expect(again.text).toContain('Nothing sent: every owner was already reminded');
    await tick('2027-01-20T16:05:00Z');
    await tick('2027-01-21T09:00:30Z');
    expect(owners.map((u, i) => dm(u).length - (before[i] ?? 0))).toEqual([1, 1, 1]);
    // An owner's button on it is not a sponsor's: refused.
    const notSponsor = await press(escalation[0] as FakeSlackMessage, 'U0CEO');
    expect(notSponsor.text).toContain("Only ARAP's sponsors and admins can nudge its owners.");
  });
});
