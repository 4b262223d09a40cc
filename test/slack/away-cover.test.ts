import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrontDoor } from '../../src/bot/front-door.ts';
import type { RunningHttpServer } from '../../src/bot/http-server.ts';
import { createSlackFrontDoor } from '../../src/bot/slack/slack-front-door.ts';
import { createSlackSender } from '../../src/bot/slack/slack-sender.ts';
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
import { buttonClick, slashCommand } from '../support/slack-payloads.ts';
import { ENGINES } from '../support/test-database.ts';

const SECRET = 'test-signing-secret-c0ve';
const TOKEN = 'xoxb-111-222-secrettokenvalue';
const ADMIN = 'U0ADMIN';
const HARPER = 'U0HR';
const BOB = 'U0BOB';
const HR = 'Head of People Services';

type Block = { type: string; block_id?: string; text?: { text: string }; elements?: Block[]; value?: string };

describe.each(ENGINES)('away and cover in Slack over HTTP on %s', (engine) => {
  let h: Harness;
  let fake: FakeSlack;
  let door: FrontDoor;
  let server: RunningHttpServer;
  let seq = 0;

  beforeAll(async () => {
    h = await createHarness(engine);
    fake = await startFakeSlack();
    fake.users.set(ADMIN, { id: ADMIN, name: 'ada', real_name: 'Ada Admin', tz: 'Europe/London' });
    fake.users.set(HARPER, { id: HARPER, name: 'harper', real_name: 'Harper HR', tz: 'Europe/London' });
    fake.users.set(BOB, { id: BOB, name: 'bob', real_name: 'Bob Smith', tz: 'Europe/London' });
    const logger = createLogger('error', () => {});
    door = createSlackFrontDoor(
      { botToken: TOKEN, signingSecret: SECRET, appToken: undefined, apiUrl: fake.apiUrl },
      { store: h.store, clock: h.clock, admins: [{ platform: 'slack', externalId: ADMIN }], logger },
    );
    server = await serveFrontDoor(door, h.db.isReady, logger);
    await h.holdRole({ platform: 'slack', externalId: HARPER, displayName: 'Harper HR' }, HR);
  });
  afterAll(async () => {
    await server?.close();
    await door?.stop();
    await fake?.close();
    await h?.drop();
  });

  const post = (body: string) =>
    fetch(`${server.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) },
      body,
    });
  /** Types `/action <text>` as `user`; the answer at the response URL. */
  async function slash(user: string, text: string): Promise<string> {
    const id = `r${++seq}`;
    const res = await post(
      new URLSearchParams(slashCommand(user, text, id, fake.responseUrl(id))).toString(),
    );
    expect(res.status).toBe(200);
    const answer = await eventually(
      () => fake.responses.get(id)?.[0] as { text: string } | undefined,
      'answer',
    );
    return answer.text;
  }
  /** Presses a button of a message in `channel` as `user`; the answer at its response URL. */
  async function press(
    user: string,
    channel: string,
    message: FakeSlackMessage,
    actionId: string,
    target: string,
  ) {
    const button = (message.blocks as Block[])
      .filter((b) => b.type === 'actions' && b.block_id === `act:${target}`)
      .flatMap((b) => b.elements ?? [])
      .find((e) => (e as { action_id?: string }).action_id === actionId);
    if (!button?.value) throw new Error(`no ${actionId} button for ${target}`);
    const id = `b${++seq}`;
    const click = {
      ...buttonClick(user, actionId, button.value, id, fake.responseUrl(id)),
      container: { type: 'message', message_ts: message.ts, channel_id: channel, is_ephemeral: false },
      channel: { id: channel, name: 'directmessage' },
    };
    expect((await post(`payload=${encodeURIComponent(JSON.stringify(click))}`)).status).toBe(200);
    return eventually(() => fake.responses.get(id)?.[0] as { text: string } | undefined, 'the answer');
  }

  it("sends the away owner's prompt to the cover named by mention, whose press is recorded on the role's behalf", async () => {
    expect(await slash(ADMIN, `away <@${HARPER}> until 15/01/2027`)).toContain(
      'Harper HR is away until 15 January 2027.',
    );
    expect(await slash(HARPER, `cover "${HR}" <@${BOB}|bob> until 15/01/2027`)).toContain(
      `Bob Smith covers "${HR}" until 15 January 2027`,
    );
    // The cycle opens on Monday 4 January 2027: the prompt goes through the real Slack sender.
    h.clock.set(new Date('2027-01-04T09:01:00Z'));
    const client = new webApi.WebClient(TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    await runDueJobs({
      store: h.store,
      senders: new Map([['slack', createSlackSender(client, { partIntervalMs: 0 })]]),
      clock: h.clock,
      logger: createLogger('error', () => {}),
      settings: { ...DEFAULT_SCHEDULE, bankHolidays: new Set(['2027-01-01']) },
      catchUpMs: 3_600_000,
      digestTimeZone: 'Europe/London',
    });
    expect(fake.history.get('D0HR')).toBeUndefined();
    const [prompt, ...more] = fake.history.get('D0BOB') ?? [];
    expect(more).toEqual([]);
    if (!prompt) throw new Error('the cover got no prompt');
    expect(JSON.stringify(prompt.blocks)).toContain(
      `You cover \\"${HR}\\" while Harper HR is away (until 15 January 2027): 2.4.`,
    );
    h.clock.set(new Date('2027-01-04T10:30:00Z'));
    const answer = await press(BOB, 'D0BOB', prompt, 'quick_status:AMBER', 'ARAP:2.4');
    expect(answer.text).toContain(`Updated ARAP:2.4 (Green → Amber) on behalf of ${HR}.`);
    const stored = await h.db.prisma.progressUpdate.findFirst({
      orderBy: { seq: 'desc' },
      include: { author: true },
    });
    expect([stored?.author?.displayName, stored?.onBehalfOf]).toEqual(['Bob Smith', HR]);
    // The prompt is brought up to date in place, saying who recorded it and for whom.
    await eventually(() => prompt.edits, 'chat.update of the prompt');
    expect(JSON.stringify(prompt.blocks)).toContain(
      `Recorded: Amber by Bob Smith on behalf of ${HR}, 4 Jan 2027, 10:30`,
    );
  });
});
