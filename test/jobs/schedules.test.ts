import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/bot/render-text.ts';
import { dispatch } from '../../src/commands/dispatch.ts';
import type { Block, Reply } from '../../src/commands/reply.ts';
import { createStore } from '../../src/db/create-store.ts';
import { openDatabase } from '../../src/db/database.ts';
import { type ChatSender, type ChatTarget, SendFailure } from '../../src/domain/chat-sender.ts';
import type { Store } from '../../src/domain/ports.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule.ts';
import { deliverRun } from '../../src/jobs/deliver.ts';
import { RUN_LEASE_MS, runSlot } from '../../src/jobs/run-slot.ts';
import { runDueJobs, type SchedulerDeps } from '../../src/jobs/scheduler.ts';
import { createLogger } from '../../src/logger.ts';
import { ADMIN, createHarness, type Harness } from '../support/harness.ts';
import { ENGINES, TEST_FEEDBACK_SECRET } from '../support/test-database.ts';

type Sent = { platform: string; target: ChatTarget; reply: Reply };

/** A ChatSender that records what it sends and can be told to fail the next sends. */
function createRecordingSender(
  platform: 'slack' | 'teams',
  sent: Sent[],
  process: { dieAtAttempt: number; attempts: number },
) {
  const failures: Error[] = [];
  const sender: ChatSender & { failNext(...f: Error[]): void } = {
    platform,
    async send(target, reply) {
      if (++process.attempts === process.dieAtAttempt) throw new Error('process killed mid-run');
      const failure = failures.shift();
      if (failure) throw failure;
      sent.push({ platform, target, reply });
      return { messageId: String(sent.length) };
    },
    failNext: (...f) => failures.push(...f),
  };
  return sender;
}

const heading = (reply: Reply) =>
  reply.blocks.find((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading')?.text ?? '';
const promptRefs = (reply: Reply) =>
  reply.blocks.flatMap((b) => (b.type === 'update-prompt' ? b.items.map((i) => i.ref) : []));

// Q1 2027 opens Friday 1 January, a bank holiday: prompts go out on Monday 4 January, 09:00 GMT.
const SETTINGS = { ...DEFAULT_SCHEDULE, bankHolidays: new Set(['2027-01-01']) };
const OPENING = new Date('2027-01-04T09:00:00Z');

describe.each(ENGINES)('scheduled jobs on %s', (engine) => {
  let h: Harness;
  let sent: Sent[];
  let slack: ReturnType<typeof createRecordingSender>;
  let teams: ReturnType<typeof createRecordingSender>;

  const deps = (store: Store = h.store): SchedulerDeps => ({
    store,
    senders: new Map<string, ChatSender>([
      ['slack', slack],
      ['teams', teams],
    ]),
    clock: h.clock,
    // Waiting moves the fake clock on instead of sleeping.
    sleep: async (ms) => h.clock.set(new Date(h.clock.now().getTime() + ms)),
    logger: createLogger('error', () => {}),
    settings: SETTINGS,
    catchUpMs: 24 * 3_600_000,
    digestTimeZone: 'Europe/London',
  });
  const slotDeps = (store: Store = h.store) => ({
    ...deps(store),
    outbox: store.outbox,
    jobRuns: store.jobRuns,
  });

  beforeAll(async () => {
    h = await createHarness(engine);
    await h.holdRole(
      { platform: 'slack', externalId: 'U0CEO', displayName: 'Chris Chief' },
      'Chief Executive',
    );
    await h.holdRole(
      { platform: 'teams', externalId: 'aad-comms', displayName: 'Casey Comms' },
      'Head of Communications',
    );
    await h.holdRole(
      { platform: 'console', externalId: 'hr', displayName: 'Harper HR' },
      'Head of People Services',
    );
  });
  afterAll(async () => {
    await h?.drop();
  });
  afterEach(async () => {
    await h.db.prisma.delivery.deleteMany();
    await h.db.prisma.jobRun.deleteMany();
  });

  const process = { dieAtAttempt: 0, attempts: 0 };
  function reset() {
    sent = [];
    Object.assign(process, { dieAtAttempt: 0, attempts: 0 });
    slack = createRecordingSender('slack', sent, process);
    teams = createRecordingSender('teams', sent, process);
  }
  const targets = () =>
    sent.map((s) => s.target).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  it('sends ONE prompt per owner with actions needing an update, on the right working day, once', async () => {
    reset();
    h.clock.set(new Date('2027-01-01T09:30:00Z')); // the bank holiday: nothing of the new cycle yet
    expect((await runDueJobs(deps())).filter((k) => k.startsWith('cycle:'))).toEqual([]);
    h.clock.set(new Date(OPENING.getTime() + 60_000));
    expect(await runDueJobs(deps())).toContain('cycle:ARAP:2027-01-04');
    const prompts = sent.filter((s) => heading(s.reply).startsWith('Time to update'));
    expect(prompts.map((p) => [p.platform, p.target, promptRefs(p.reply)])).toEqual(
      expect.arrayContaining([
        ['slack', { kind: 'person', externalId: 'U0CEO' }, ['1.1', '1.2']],
        ['teams', { kind: 'person', externalId: 'aad-comms' }, ['1.2']],
      ]),
    );
    expect(prompts).toHaveLength(2);
    // Harper holds a role but has no Slack or Teams identity: recorded as unreachable, not lost.
    const unreachable = await h.db.prisma.delivery.findMany({ where: { status: 'unreachable' } });
    expect(unreachable).toHaveLength(1);
    // Another tick, or another replica, later the same day: nothing is sent again.
    h.clock.set(new Date(OPENING.getTime() + 3_600_000));
    await runDueJobs(deps());
    expect(sent.filter((s) => heading(s.reply).startsWith('Time to update'))).toHaveLength(2);
  });

  it('resumes a run killed half-way through its prompts: every owner gets exactly one', async () => {
    reset();
    h.clock.set(new Date(OPENING.getTime() + 60_000));
    process.dieAtAttempt = 2; // the run dies at the second prompt, after the first went out
    await expect(runDueJobs(deps())).rejects.toThrow('process killed mid-run');
    expect(sent).toHaveLength(1);
    // Another replica 20 s later: the dead run's lease (30 s) still holds, so nothing happens yet...
    h.clock.set(new Date(OPENING.getTime() + 80_000));
    await runDueJobs(deps());
    expect(sent).toHaveLength(1);
    // ...and once it lapses the run is taken over and only the unsent prompt goes out.
    h.clock.set(new Date(OPENING.getTime() + 100_000));
    expect(await runDueJobs(deps())).toContain('cycle:ARAP:2027-01-04');
    expect(targets()).toEqual(
      [
        { externalId: 'U0CEO', kind: 'person' },
        { externalId: 'aad-comms', kind: 'person' },
      ].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  });

  it('a restarted sole process (the embedded database) resumes a dead run at once', async () => {
    reset();
    h.clock.set(new Date(OPENING.getTime() + 60_000));
    process.dieAtAttempt = 2;
    await expect(runDueJobs(deps())).rejects.toThrow('process killed mid-run');
    expect(sent).toHaveLength(1);
    // One second later, the new process lets go of what the dead one held, and the run resumes.
    h.clock.set(new Date(OPENING.getTime() + 61_000));
    expect(await h.store.jobRuns.releaseAllRuns()).toBe(1);
    expect(await runDueJobs(deps())).toContain('cycle:ARAP:2027-01-04');
    expect(sent).toHaveLength(2);
    expect(new Set(targets().map((t) => JSON.stringify(t))).size).toBe(2);
  });

  it('delivers exactly once through 429s and 500s, waiting out Retry-After', async () => {
    reset();
    h.clock.set(new Date(OPENING.getTime() + 60_000));
    slack.failNext(
      new SendFailure('Slack rate limit (429)', true, 2_000),
      new SendFailure('Slack HTTP 500', true),
    );
    teams.failNext(new SendFailure('Teams 429', true, 1_000));
    await runDueJobs(deps());
    expect(sent.map((s) => s.target)).toEqual(
      expect.arrayContaining([
        { kind: 'person', externalId: 'aad-comms' },
        { kind: 'person', externalId: 'U0CEO' },
      ]),
    );
    expect(sent).toHaveLength(2);
    const attempts = await h.db.prisma.delivery.findMany({
      where: { status: 'sent' },
      orderBy: { targetId: 'asc' },
    });
    expect(attempts.map((d) => [d.targetId, d.attempts])).toEqual([
      ['U0CEO', 3],
      ['aad-comms', 2],
    ]);
  });

  it('paces messages to the configured rate per platform', async () => {
    reset();
    const start = new Date(OPENING.getTime() + 60_000);
    h.clock.set(start);
    const sendTimes: number[] = [];
    const original = slack.send;
    slack.send = async (target, reply) => {
      sendTimes.push(h.clock.now().getTime());
      return original(target, reply);
    };
    await runDueJobs({ ...deps(), pacing: new Map([['slack', 0.5]]) });
    // One Slack prompt: no wait before it. A second send on Slack would wait 2 s; Teams is not paced.
    expect(sendTimes).toEqual([start.getTime()]);
    await h.store.jobRuns.claimRun('paced', h.clock.now(), 60_000);
    await h.store.outbox.enqueue(
      'paced',
      ['a', 'b', 'c'].map((id) => ({
        recipient: id,
        target: { platform: 'slack', kind: 'channel', id },
        message: { visibility: 'channel' as const, blocks: [] },
      })),
    );
    const before = h.clock.now().getTime();
    await deliverRun('paced', { ...slotDeps(), pacing: new Map([['slack', 0.5]]) });
    expect(sendTimes.slice(1).map((t) => t - before)).toEqual([0, 2000, 4000]);
  });

  it('keeps a long run’s lease while it sends; a replica that stalled past its lease stops sending', async () => {
    reset();
    h.clock.set(new Date('2027-03-01T10:00:00Z'));
    const messages = Array.from({ length: 8 }, (_, i) => ({
      recipient: `channel:${i}`,
      target: { platform: 'slack' as const, kind: 'channel' as const, id: `C${i}` },
      message: { visibility: 'channel' as const, blocks: [] },
    }));
    // 0.1 messages a second: 10 s between sends, 70 s in all, longer than the 30-second lease.
    const slow = new Map([['slack', 0.1]]);
    const advance = (ms: number) => h.clock.set(new Date(h.clock.now().getTime() + ms));
    const rivals: string[] = [];
    const long = await runSlot('long-run', async () => messages, {
      ...slotDeps(),
      pacing: slow,
      sleep: async (ms) => {
        advance(ms);
        rivals.push(await h.store.jobRuns.claimRun('long-run', h.clock.now(), RUN_LEASE_MS));
      },
    });
    expect(long).toBe('finished');
    expect(sent).toHaveLength(8);
    expect(new Set(rivals)).toEqual(new Set(['taken'])); // never taken over, though it outlived one lease
    expect(await h.store.jobRuns.isRunFinished('long-run')).toBe(true);

    reset();
    let stalled = false;
    const lost = await runSlot('stalled-run', async () => messages, {
      ...slotDeps(),
      pacing: slow,
      sleep: async (ms) => {
        if (sent.length === 2 && !stalled) {
          // The process freezes for 11 minutes after its second send; another replica takes the run over.
          stalled = true;
          advance(11 * 60_000);
          expect(await h.store.jobRuns.claimRun('stalled-run', h.clock.now(), RUN_LEASE_MS)).toBe('claimed');
        }
        advance(ms);
      },
    });
    expect(lost).toBe('lost');
    expect(sent).toHaveLength(2);
    // The replica that took over sends the rest: every channel gets its message once.
    await deliverRun('stalled-run', slotDeps());
    expect(sent.map((m) => m.target)).toEqual(
      messages.map((m) => ({ kind: 'channel', channelId: m.target.id })),
    );
  });

  it('stops sending at once when the service stops, and the next replica resumes without waiting', async () => {
    reset();
    h.clock.set(new Date('2027-03-02T10:00:00Z'));
    const messages = Array.from({ length: 5 }, (_, i) => ({
      recipient: `channel:${i}`,
      target: { platform: 'slack' as const, kind: 'channel' as const, id: `C${i}` },
      message: { visibility: 'channel' as const, blocks: [] },
    }));
    const stopping = new AbortController();
    const original = slack.send;
    slack.send = async (target, reply) => {
      const result = await original(target, reply);
      if (sent.length === 2) stopping.abort(); // SIGTERM arrives after the second message
      return result;
    };
    const paused = await runSlot('stopping-run', async () => messages, {
      ...slotDeps(),
      signal: stopping.signal,
    });
    expect(paused).toBe('paused');
    expect(sent).toHaveLength(2);
    expect(await h.store.jobRuns.isRunFinished('stopping-run')).toBe(false);
    // A minute later another replica (or this one restarted) takes it over at once: no lease to wait out.
    h.clock.set(new Date('2027-03-02T10:01:00Z'));
    expect(await runSlot('stopping-run', async () => messages, slotDeps())).toBe('finished');
    expect(sent.map((m) => m.target)).toEqual(
      messages.map((m) => ({ kind: 'channel', channelId: m.target.id })),
    );
  });

  it('gives up on a permanent failure and names the owner in the digest', async () => {
    reset();
    h.clock.set(new Date(OPENING.getTime() + 60_000));
    teams.failNext(new SendFailure('Teams refused: no conversation with aad-comms', false));
    await runDueJobs(deps());
    expect(await h.db.prisma.delivery.count({ where: { status: 'failed' } })).toBe(1);
    await h.store.subscriptions.subscribe('slack', 'C0LEADERS', 'leaders');
    h.clock.set(new Date('2027-01-11T09:05:00Z'));
    await runDueJobs(deps());
    const digest = sent.find((s) => heading(s.reply).startsWith('Weekly digest'));
    expect(digest?.target).toEqual({ kind: 'channel', channelId: 'C0LEADERS' });
    const text = JSON.stringify(digest?.reply.blocks);
    expect(text).toContain('Casey Comms (Teams refused: no conversation with aad-comms)');
    expect(text).toContain('Harper HR (no Slack or Teams account linked)');
    await h.store.subscriptions.unsubscribe('slack', 'C0LEADERS');
  });

  it('folds the deadline reminder and due-date reminders into one message per owner', async () => {
    reset();
    // Friday 15 January: three days before the cycle's deadline (18 January); 1.1 and 1.2 still owe updates.
    h.clock.set(new Date('2027-01-15T09:30:00Z'));
    expect(await runDueJobs(deps())).toContain('reminders:ARAP:2027-01-15');
    const reminders = sent.filter((s) => heading(s.reply).startsWith('Reminder'));
    expect(reminders.map((r) => [r.target, promptRefs(r.reply)])).toEqual(
      expect.arrayContaining([
        [{ kind: 'person', externalId: 'U0CEO' }, ['1.1', '1.2']],
        [{ kind: 'person', externalId: 'aad-comms' }, ['1.2']],
      ]),
    );
    expect(reminders).toHaveLength(2);
    expect(JSON.stringify(reminders[0]?.reply)).toContain('update due by 18 January 2027');
    // Saturday: no reminders at all.
    reset();
    h.clock.set(new Date('2027-01-16T09:30:00Z'));
    expect((await runDueJobs(deps())).filter((k) => k.startsWith('reminders:'))).toEqual([]);
    // Wednesday 17 March: 1.1 ("March 27", read as 31 March 2027) is due in 14 days; only its owner hears.
    reset();
    h.clock.set(new Date('2027-03-17T09:30:00Z'));
    await runDueJobs(deps());
    const due = sent.filter((s) => heading(s.reply).startsWith('Reminder'));
    expect(due.map((r) => [r.target, promptRefs(r.reply)])).toEqual([
      [{ kind: 'person', externalId: 'U0CEO' }, ['1.1']],
    ]);
    expect(JSON.stringify(due[0]?.reply)).toContain('1.1: due in 14 days');
  });

  it('lets an action follow its own cycle: a monthly action is prompted monthly, alone', async () => {
    reset();
    h.clock.set(new Date('2027-01-20T10:00:00Z'));
    await h.run('help'); // the console admin's first contact makes them a person
    const before = await h.snapshot();
    expect(await h.run('cycle set 1.1 fortnightly')).toContain('"fortnightly" is not an update cycle');
    expect(await h.run('cycle set XYZ monthly')).toBe('✗ No plan XYZ. Plans: ARAP.');
    expect(await h.run('cycle set 9.9 monthly')).toContain('No action 9.9');
    expect(await h.snapshot()).toEqual(before);
    expect(await h.run('cycle set 1.1 monthly')).toBe('✓ ARAP:1.1 now asks for updates monthly.');
    expect(await h.run('cycle')).toMatch(/ARAP: quarterly;[\s\S]*ARAP:1\.1: monthly;.*\(its own cycle\)/);
    // Monday 1 February 2027, 09:01: only 1.1's cycle opens; Chris hears about 1.1 alone, Casey nothing.
    h.clock.set(new Date('2027-02-01T09:01:00Z'));
    expect(await runDueJobs(deps())).toContain('cycle:ARAP:2027-02-01');
    const prompts = sent.filter((s) => heading(s.reply).startsWith('Time to update'));
    expect(prompts.map((p) => [p.target, promptRefs(p.reply)])).toEqual([
      [{ kind: 'person', externalId: 'U0CEO' }, ['1.1']],
    ]);
    expect(JSON.stringify(prompts[0]?.reply)).toContain('The monthly update cycle is open');
    expect(await h.run('cycle set 1.1 plan')).toBe(
      '✓ ARAP:1.1 now asks for updates quarterly, like its plan.',
    );
  });

  it('builds the digest with RAG counts and their change this week, status changes with who and why', async () => {
    h.clock.set(new Date('2027-01-06T10:00:00Z'));
    expect(await h.run('update 1.2 red Sponsor left the organisation')).toContain('Amber → Red');
    h.clock.set(new Date('2027-01-07T10:00:00Z'));
    expect(await h.run('update 2.4 Data shared with the staff network')).toContain('status stays');
    h.clock.set(new Date('2027-01-11T09:05:00Z'));
    const preview = await h.run('digest preview');
    expect(preview).toContain('== Weekly digest: ARAP');
    expect(preview).toMatch(/Red: 1 \(\+1 this week\)/);
    expect(preview).toMatch(/Amber: 0 \(-1 this week\)/);
    expect(preview).toContain('1.2 Amber → Red · admin: Sponsor left the organisation');
    expect(preview).toContain('2.4 Green · admin: Data shared with the staff network');
    expect(preview).toMatch(/Overdue \(\d+\):/);
  });

  it('sends a digest missed while the service was down once, marked as late, within the tolerance', async () => {
    reset();
    await h.store.subscriptions.subscribe('slack', 'C0LATE', 'late-leaders');
    const digests = () => sent.filter((s) => heading(s.reply).startsWith('Weekly digest'));
    // Down from Sunday night across Monday 25 January 09:00; back at 11:00.
    h.clock.set(new Date('2027-01-25T11:00:00Z'));
    expect(await runDueJobs(deps())).toContain('digest:2027-01-25');
    h.clock.set(new Date('2027-01-25T11:01:00Z'));
    expect(await runDueJobs(deps())).not.toContain('digest:2027-01-25');
    expect(digests()).toHaveLength(1);
    const [late] = digests();
    expect(late?.target).toEqual({ kind: 'channel', channelId: 'C0LATE' });
    expect(late?.reply.blocks[0]).toEqual({
      type: 'paragraph',
      text: 'Sent late: this digest was due Monday 25 January at 09:00, while Actionbot was not running.',
    });
    // On time the next week: not marked.
    h.clock.set(new Date('2027-02-01T09:00:30Z'));
    expect(await runDueJobs(deps())).toContain('digest:2027-02-01');
    expect(JSON.stringify(digests()[1]?.reply)).not.toContain('Sent late');
    // Down for longer than the tolerance (24 h): that week's digest is skipped, not sent a day late.
    h.clock.set(new Date('2027-02-09T09:30:00Z'));
    expect((await runDueJobs(deps())).filter((k) => k.startsWith('digest:'))).toEqual([]);
    expect(digests()).toHaveLength(2);
    await h.store.subscriptions.unsubscribe('slack', 'C0LATE');
  });

  it('sets a plan to a cron cycle with its own deadline: prompts when it fires, reminders before it', async () => {
    reset();
    h.clock.set(new Date('2027-02-08T10:00:00Z'));
    const before = await h.snapshot();
    for (const [text, reply] of [
      ['cycle set ARAP quarterly 31', 'The open day is a day of the month from 1 to 28'],
      ['cycle set ARAP quarterly 5 200', 'The deadline is a number of days from 1 to 180'],
      ['cycle set ARAP quarterly 5 14 3', 'Too many numbers'],
      ['cycle set ARAP quarterly soon', 'The open day is a day of the month'],
      ['cycle set ARAP "0 9-17 * * *"', 'A cycle opens at most once a day'],
      ['cycle set ARAP "0 9 * *"', 'a cron expression has five fields'],
      ['cycle set ARAP "0 9 30 2 *"', 'never fires'],
      ['cycle set ARAP "0 9 1 * *" 5 14', 'Too many numbers: give the deadline in days'],
      ['cycle set 1.1 plan 5', 'takes nothing after "plan"'],
    ])
      expect(await h.run(text as string)).toContain(reply);
    expect(
      await h.run('cycle set ARAP "30 14 * * 3" 7', { platform: 'slack', externalId: 'U0CEO' }),
    ).toContain('Only admins');
    expect(await h.snapshot()).toEqual(before);
    expect(await h.run('cycle set ARAP "30  14 * * wed" 5')).toBe(
      '✓ ARAP now asks for updates cron "30 14 * * wed", updates due 5 days after it opens.',
    );
    // Wednesday 10 February, 14:31: the cycle opened a minute ago; one message per owner, due in 5 days.
    h.clock.set(new Date('2027-02-10T14:31:00Z'));
    expect(await h.run('cycle')).toContain(
      'ARAP: cron "30 14 * * wed"; this cycle\'s prompts went out Wednesday 10 February at 14:30; updates due by 15 February 2027',
    );
    expect(await runDueJobs(deps())).toContain('cycle:ARAP:2027-02-10T14:30');
    const prompts = sent.filter((s) => heading(s.reply).startsWith('Time to update'));
    expect(prompts.map((p) => [p.target, promptRefs(p.reply)])).toEqual(
      expect.arrayContaining([
        [{ kind: 'person', externalId: 'U0CEO' }, ['1.1', '1.2']],
        [{ kind: 'person', externalId: 'aad-comms' }, ['1.2']],
      ]),
    );
    expect(prompts).toHaveLength(2);
    expect(JSON.stringify(prompts[0]?.reply)).toContain('by 15 February 2027');
    // Casey updates 1.2; on Friday 12 February (three days before the deadline) only Chris still owes
    // an update, for 1.1.
    h.clock.set(new Date('2027-02-11T10:00:00Z'));
    await h.run('update 1.2 Comms plan agreed', { platform: 'teams', externalId: 'aad-comms' });
    reset();
    h.clock.set(new Date('2027-02-12T09:30:00Z'));
    expect(await runDueJobs(deps())).toContain('reminders:ARAP:2027-02-12');
    const reminders = sent.filter((s) => heading(s.reply).startsWith('Reminder'));
    expect(reminders.map((r) => [r.target, promptRefs(r.reply)])).toEqual([
      [{ kind: 'person', externalId: 'U0CEO' }, ['1.1']],
    ]);
    expect(JSON.stringify(reminders[0]?.reply)).toContain('1.1: update due by 15 February 2027');
    // After the deadline (and before the next Wednesday) the digest lists 1.1 as "no update this cycle".
    h.clock.set(new Date('2027-02-16T10:00:00Z'));
    expect(await h.run('digest preview')).toMatch(/No update this cycle \(\d\): 1\.1/);
  });

  it('opens a quarterly cycle on its configured open day, with its configured deadline', async () => {
    reset();
    expect(await h.run('cycle set ARAP quarterly 5 21')).toBe(
      '✓ ARAP now asks for updates quarterly (opens on the 5th), updates due 21 days after it opens.',
    );
    // Thursday 1 April 2027 (BST): nothing yet; Monday 5 April 09:00 local = 08:00 UTC.
    h.clock.set(new Date('2027-04-01T08:30:00Z'));
    expect((await runDueJobs(deps())).filter((k) => k.startsWith('cycle:'))).toEqual([]);
    h.clock.set(new Date('2027-04-05T08:01:00Z'));
    expect(await runDueJobs(deps())).toContain('cycle:ARAP:2027-04-05');
    const prompts = sent.filter((s) => heading(s.reply).startsWith('Time to update'));
    expect(prompts).toHaveLength(2);
    expect(JSON.stringify(prompts[0]?.reply)).toContain('by 26 April');
    expect(await h.run('cycle set ARAP quarterly')).toBe('✓ ARAP now asks for updates quarterly.');
  });

  it('shows cycle dates with the deployment’s bank holidays', async () => {
    h.clock.set(new Date('2027-01-20T10:00:00Z'));
    const cycle = async (schedule?: typeof SETTINGS) =>
      renderText(
        await dispatch(
          { text: 'cycle', actor: ADMIN },
          {
            store: h.store,
            clock: h.clock,
            admins: [{ platform: 'console', externalId: 'admin' }],
            schedule,
          },
        ),
      );
    expect(await cycle()).toContain(
      "ARAP: quarterly; this cycle's prompts went out Friday 1 January at 09:00",
    );
    expect(await cycle(SETTINGS)).toContain(
      "ARAP: quarterly; this cycle's prompts went out Monday 4 January at 09:00; updates due by 18 January 2027",
    );
  });

  it('subscribes a channel from Slack or Teams only, and refuses in the console', async () => {
    const admin = { platform: 'slack' as const, externalId: 'U0ADMIN' };
    const inChannel = { conversation: { kind: 'channel' as const, id: 'C0LEAD', name: 'leadership' } };
    expect(await h.run('digest subscribe')).toContain(
      'Run digest subscribe in the Slack channel or Teams channel',
    );
    const asAdmin = await h.reply('digest subscribe weekly', { ...admin }, inChannel);
    // Slack admins come from ACTIONBOT_ADMINS; this harness only makes console:admin one.
    expect(JSON.stringify(asAdmin)).toContain('Only admins');
    expect(await h.store.subscriptions.listSubscriptions()).toEqual([]);
  });

  it.runIf(engine === 'postgres')(
    'two scheduler instances sharing the database send one digest per channel',
    async () => {
      reset();
      await h.store.subscriptions.subscribe('slack', 'C0LEADERS', 'leaders');
      await h.store.subscriptions.subscribe('teams', '19:leaders@thread.tacv2', 'Leadership');
      const second = await openDatabase(h.target);
      try {
        h.clock.set(new Date('2027-01-18T09:01:00Z'));
        await Promise.all([
          runDueJobs(deps()),
          runDueJobs(deps(createStore(second.prisma, { feedbackSecret: TEST_FEEDBACK_SECRET }))),
          runDueJobs(deps()),
        ]);
        const digests = sent.filter((s) => heading(s.reply).startsWith('Weekly digest'));
        expect(digests.map((d) => d.target)).toEqual(
          expect.arrayContaining([
            { kind: 'channel', channelId: 'C0LEADERS' },
            { kind: 'channel', channelId: '19:leaders@thread.tacv2' },
          ]),
        );
        expect(digests).toHaveLength(2);
      } finally {
        await second.close();
      }
    },
  );
});
