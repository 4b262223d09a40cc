import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/bot/render-text.ts';
import type { Block, Reply } from '../../src/commands/reply.ts';
import { composeDigest } from '../../src/commands/scheduled/digest.ts';
import type { ChatSender, ChatTarget } from '../../src/domain/chat-sender.ts';
import type { Actor } from '../../src/domain/person.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule.ts';
import { runDueJobs, type SchedulerDeps } from '../../src/jobs/scheduler.ts';
import { createLogger } from '../../src/logger.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ENGINES } from '../support/test-database.ts';

type Sent = { day: string; to: string; reply: Reply };

const CHRIS: Actor = { platform: 'slack', externalId: 'U0CEO', displayName: 'Chris Chief' };
const HARPER: Actor = { platform: 'slack', externalId: 'U0HR', displayName: 'Harper HR' };
const BOB: Actor = { platform: 'slack', externalId: 'U0BOB', displayName: 'Bob Builder' };
const CASEY: Actor = { platform: 'teams', externalId: 'aad-comms', displayName: 'Casey Comms' };

// Q1 2027 opens Friday 1 January, a bank holiday: prompts go out on Monday 4 January, 09:00 GMT.
const SETTINGS = { ...DEFAULT_SCHEDULE, bankHolidays: new Set(['2027-01-01']) };
const at = (day: string, time = '09:01') => new Date(`${day}T${time}:00Z`);
const heading = (reply: Reply) =>
  reply.blocks.find((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading')?.text ?? '';
const refs = (reply: Reply) =>
  reply.blocks.flatMap((b) => (b.type === 'update-prompt' ? b.items.map((i) => i.ref) : []));

/** Every day from `first` to `last` (ISO), both included. */
function days(first: string, last: string): string[] {
  const out: string[] = [];
  for (
    let d = new Date(`${first}T00:00:00Z`);
    d <= new Date(`${last}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  )
    out.push(d.toISOString().slice(0, 10));
  return out;
}

describe.each(ENGINES)('prompts while owners are away, on %s', (engine) => {
  let h: Harness;
  const sent: Sent[] = [];
  const sender = (platform: 'slack' | 'teams'): ChatSender => ({
    platform,
    async send(target: ChatTarget, reply) {
      const to = target.kind === 'channel' ? target.channelId : target.externalId;
      sent.push({ day: h.clock.now().toISOString().slice(0, 10), to, reply });
      return { messageId: String(sent.length) };
    },
  });
  const deps = (): SchedulerDeps => ({
    store: h.store,
    senders: new Map([
      ['slack', sender('slack')],
      ['teams', sender('teams')],
    ]),
    clock: h.clock,
    sleep: async (ms) => h.clock.set(new Date(h.clock.now().getTime() + ms)),
    logger: createLogger('error', () => {}),
    settings: SETTINGS,
    catchUpMs: 24 * 3_600_000,
    digestTimeZone: 'Europe/London',
  });
  const to = (who: Actor, from?: string) =>
    sent.filter((s) => s.to === who.externalId && (!from || s.day >= from));

  beforeAll(async () => {
    h = await createHarness(engine);
    await h.holdRole(CHRIS, 'Chief Executive');
    await h.holdRole(CASEY, 'Head of Communications');
    await h.holdRole(HARPER, 'Head of People Services');
    // In November: Chris will be away over the new year with Bob covering; Harper is away from now, uncovered.
    expect(await h.run('away 28/12/2026 to 15/01/2027', CHRIS)).toContain(
      'You are away from 28 December 2026',
    );
    // Set through the store: a typed @U0BOB in a test would name Bob by his id (the console's way).
    const bob = await h.store.people.ensurePerson(BOB);
    const chris = await h.store.people.ensurePerson(CHRIS);
    expect(await h.store.absences.setCover('Chief Executive', bob.id, '2027-01-15', chris.id)).toBe('set');
    expect(await h.run('away until 15/01/2027', HARPER)).toContain('You are away until 15 January 2027');
  }, 60_000);
  afterAll(() => h?.drop());

  it("sends an away owner's prompt to their cover and holds an uncovered one, at the cycle opening", async () => {
    h.clock.set(at('2027-01-04'));
    await runDueJobs(deps());
    const prompts = sent.filter((s) => heading(s.reply).startsWith('Time to update'));
    expect(prompts.map((p) => [p.to, refs(p.reply)]).sort()).toEqual([
      ['U0BOB', ['1.1', '1.2']],
      ['aad-comms', ['1.2']],
    ]);
    expect(renderText(prompts.find((p) => p.to === 'U0BOB')?.reply as Reply)).toContain(
      'You cover "Chief Executive" while Chris Chief is away (until 15 January 2027): 1.1, 1.2.',
    );
    const held = await h.db.prisma.delivery.findMany({ where: { status: 'held' } });
    expect(held.map((d) => [d.runKey, d.targetId])).toEqual([['cycle:ARAP:2027-01-04', 'U0HR']]);
  });

  it("records the cover's update on the role's behalf", async () => {
    h.clock.set(at('2027-01-05', '10:00'));
    expect(await h.run('update 1.1 green Champion appointed', BOB)).toBe(
      '✓ Updated ARAP:1.1 (Not yet rated → Green) on behalf of Chief Executive.',
    );
  });

  it('says in the digest who is away, covered by whom, or held until return', async () => {
    h.clock.set(at('2027-01-11'));
    const digest = renderText(await composeDigest(h.store, h.clock.now(), SETTINGS));
    expect(digest).toContain(
      'Away (2):\nChris Chief away until 15 January 2027, covered by Bob Builder\nHarper HR away until 15 January 2027, prompts held until return',
    );
    expect(digest).toContain(
      '1.1 Not yet rated → Green · Bob Builder on behalf of Chief Executive: Champion appointed',
    );
  });

  it('over the following days: reminders go to the cover, the held ones wait, and go out once on the first working day back', async () => {
    for (const day of days('2027-01-05', '2027-01-19')) {
      h.clock.set(at(day, '08:30')); // before the send hour: nothing is released yet
      await runDueJobs(deps());
      h.clock.set(at(day));
      // Two replicas ticking at once, and a tick later on: each message still goes once.
      await Promise.all([runDueJobs(deps()), runDueJobs(deps())]);
      h.clock.set(at(day, '15:00'));
      await runDueJobs(deps());
    }
    // 15 January, the reminder day before the 18 January deadline: Chris's reminder goes to Bob,
    // naming only the action still without an update.
    const reminders = sent.filter((s) => heading(s.reply).startsWith('Reminder'));
    expect(reminders.map((r) => [r.day, r.to, refs(r.reply)]).sort()).toEqual([
      ['2027-01-15', 'U0BOB', ['1.2']],
      ['2027-01-15', 'aad-comms', ['1.2']],
    ]);
    expect(to(CHRIS)).toEqual([]);
    // Harper was away until Friday 15 January: her prompt and reminder wait for Monday 18 January.
    const harper = to(HARPER);
    expect(harper.map((s) => [s.day, heading(s.reply), refs(s.reply)])).toEqual([
      ['2027-01-18', 'Welcome back: 1 action waited for you', ['2.4']],
    ]);
    const held = await h.db.prisma.delivery.findMany({
      where: { recipient: { startsWith: 'person:' }, status: { in: ['held', 'released'] } },
    });
    expect(held.map((d) => [d.runKey, d.status]).sort()).toEqual([
      ['cycle:ARAP:2027-01-04', 'released'],
      ['reminders:ARAP:2027-01-15', 'released'],
    ]);
  });

  it('sends the next cycle to the owners themselves, once they are back', async () => {
    sent.length = 0;
    h.clock.set(at('2027-04-01'));
    await runDueJobs(deps());
    const prompts = sent.filter((s) => heading(s.reply).startsWith('Time to update'));
    expect(prompts.map((p) => [p.to, refs(p.reply)]).sort()).toEqual([
      ['U0CEO', ['1.1', '1.2']],
      ['U0HR', ['2.4']],
      ['aad-comms', ['1.2']],
    ]);
    expect(to(BOB)).toEqual([]);
  });
});
