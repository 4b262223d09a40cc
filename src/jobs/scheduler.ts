import cron from 'node-cron';
import {
  CHECKBACK_RUN_PREFIX,
  composeCheckbackAsks,
  openMissedCheckbacks,
} from '../commands/scheduled/checkback-asks.ts';
import { composeDigest } from '../commands/scheduled/digest.ts';
import { composeEscalations, dueEscalations } from '../commands/scheduled/escalations.ts';
import { composeAwaitingResponses, getAwaitingSlot } from '../commands/scheduled/feedback-awaiting.ts';
import { composeReleaseNotices, releaseNoticeKey } from '../commands/scheduled/feedback-release-notices.ts';
import { releaseHeldPrompts } from '../commands/scheduled/held-prompts.ts';
import { composeCyclePrompts } from '../commands/scheduled/prompts.ts';
import { reachOwners } from '../commands/scheduled/reach-owners.ts';
import { composeReminders } from '../commands/scheduled/reminders.ts';
import { getActionCycleRule } from '../domain/action.ts';
import { getLocalDay } from '../domain/feedback.ts';
import type { Store } from '../domain/ports.ts';
import {
  getDigestSlot,
  getOpeningSlot,
  getPlanSlots,
  isLate,
  type ScheduleSettings,
  type Slot,
} from '../domain/schedule.ts';
import { cronLogger } from './cron-logger.ts';
import type { DeliveryDeps } from './deliver.ts';
import { releaseFeedback } from './release-feedback.ts';
import { runSlot } from './run-slot.ts';

export type SchedulerDeps = Omit<DeliveryDeps, 'outbox'> & {
  store: Store;
  settings: ScheduleSettings;
  /** A slot missed by up to this long (the service was down) still runs, once. */
  catchUpMs: number;
  /** The zone of the weekly digest's day and hour. */
  digestTimeZone: string;
  /** Told of each run paused because the service is stopping (its unsent messages stay in the outbox). */
  onPaused?: (runKey: string) => void;
};

/**
 * Runs every job slot that is due now and not yet run: each plan's cycle opening (prompts) and
 * daily reminders, the weekly digest, and each staff network's feedback release. Safe to call from
 * any number of replicas at once, and again after a restart: each slot runs once (see runSlot).
 */
export async function runDueJobs(deps: SchedulerDeps): Promise<string[]> {
  const now = deps.clock.now();
  const platforms = (['slack', 'teams'] as const).filter((p) => deps.senders.has(p));
  const due = (slot: Slot | null): slot is Slot =>
    slot !== null && slot.at <= now && now.getTime() - slot.at.getTime() <= deps.catchUpMs;
  const ran: string[] = [];
  const slotDeps = { ...deps, outbox: deps.store.outbox, jobRuns: deps.store.jobRuns };
  const run = async (slot: Slot, compose: Parameters<typeof runSlot>[1]) => {
    if (deps.signal?.aborted) return; // stopping: start nothing new
    const outcome = await runSlot(slot.key, compose, slotDeps);
    if (outcome === 'finished') ran.push(slot.key);
    if (outcome === 'paused') deps.onPaused?.(slot.key);
  };
  // Owners named by email are looked up on each platform once per tick that messages owners.
  let reached: Promise<unknown> | null = null;
  const reachFirst =
    <T>(compose: () => Promise<T>) =>
    async (): Promise<T> => {
      reached ??= reachOwners(
        deps.store,
        platforms.flatMap((p) => deps.senders.get(p) ?? []),
        (platform, error) => deps.logger.warn('finding owners failed', { platform, error }),
      );
      await reached;
      return compose();
    };
  for (const plan of await deps.store.plans.listPlans()) {
    const { reminder } = getPlanSlots(plan, now, deps.settings);
    // The plan's cycle and any its actions override it with: cycles opening at the same time share a
    // slot key, so an owner still gets one message listing everything due.
    const openings = new Map<string, Slot>();
    for (const rule of [getActionCycleRule({ plan, updateCycle: null }), ...plan.actionCycles]) {
      const opening = getOpeningSlot(plan, rule, now, deps.settings);
      if (due(opening)) openings.set(opening.key, opening);
    }
    for (const opening of openings.values())
      await run(
        opening,
        reachFirst(() => composeCyclePrompts(deps.store, plan.code, now, deps.settings, platforms, opening)),
      );
    if (due(reminder))
      await run(
        reminder,
        reachFirst(() => composeReminders(deps.store, plan.code, now, deps.settings, platforms)),
      );
    // Escalations to sponsors after a deadline (escalations.ts): working days only, once per deadline.
    for (const slot of dueEscalations(plan, now, deps.settings).filter(due))
      await run(
        slot,
        reachFirst(() =>
          composeEscalations(deps.store, plan.code, slot.deadline, now, deps.settings, platforms),
        ),
      );
  }
  const digest = getDigestSlot(now, deps.digestTimeZone, deps.settings);
  if (due(digest)) {
    await run(digest, async () => {
      const message = await composeDigest(deps.store, now, deps.settings, {
        ...(isLate(digest, now) ? { lateFrom: digest.at, timeZone: deps.digestTimeZone } : {}),
      });
      const subscriptions = await deps.store.subscriptions.listSubscriptions();
      return subscriptions
        .filter((s) => deps.senders.has(s.platform))
        .map((s) => ({
          recipient: `channel:${s.platform}:${s.channelId}`,
          target: { platform: s.platform, kind: 'channel' as const, id: s.channelId },
          message,
        }));
    });
  }
  // Prompts held for people now back from absence become one post each, sent just below.
  if (!deps.signal?.aborted)
    await releaseHeldPrompts(deps.store, now, deps.settings, deps.digestTimeZone, platforms);
  // Weekly, with the digest: released feedback with no reply after its network's days, to owners and moderators.
  const awaiting = getAwaitingSlot(digest);
  if (due(awaiting))
    await run(
      awaiting,
      reachFirst(() => composeAwaitingResponses(deps.store, now, deps.settings, platforms)),
    );
  // One-off posts commands put in the outbox (a reply shared to a network's channel), and any a
  // replica left unfinished: sent once here.
  for (const key of await deps.store.jobRuns.listOpenRuns('post:', now))
    await run({ key, at: now }, async () => []);
  // A Complete action's check-back (opened by `update`): its network's members asked, each once. A
  // platform that cannot list them now fails the run, not the tick: it is tried again when its lease lapses.
  const members = platforms.flatMap((p) => deps.senders.get(p) ?? []);
  await openMissedCheckbacks(deps.store, now);
  for (const key of await deps.store.jobRuns.listOpenRuns(CHECKBACK_RUN_PREFIX, now))
    await run({ key, at: now }, () => composeCheckbackAsks(deps.store, key, members)).catch(
      (error: unknown) => deps.logger.warn('check-back asks not sent yet', { key, error }),
    );
  // Anonymous feedback goes to owners in batches at each network's release time (claimed per day).
  if (!deps.signal?.aborted)
    await releaseFeedback({ store: deps.store, clock: deps.clock, logger: deps.logger });
  // Each network released today tells the owners concerned, once (a slot: exactly once across
  // replicas, and resumed after a crash between the release and the messages).
  for (const network of await deps.store.networks.listNetworks()) {
    const today = getLocalDay(now, network.timezone);
    if (network.lastReleaseOn !== today) continue;
    await run({ key: releaseNoticeKey(network.id, today), at: now }, () =>
      composeReleaseNotices(deps.store, network, today, platforms),
    );
  }
  return ran;
}

/**
 * How often the scheduler looks for due slots and open runs: often enough that a run a dead replica
 * left is taken over within a minute of its lease lapsing (RUN_LEASE_MS), cheap enough to idle.
 */
export const TICK_EVERY = '*/20 * * * * *';

/**
 * Checks for due slots every 20 seconds (and once at start, to catch up after downtime) until
 * stopped. `soleProcess` (the embedded database, which one process opens) first lets go of every run
 * still held: its holder can only be a process that died, so they resume at once, not after a lease.
 * Stopping starts no new send, ends waits for retries at once, hands an unfinished run to the next
 * replica, and waits for the tick (a send already on the wire included: the caller bounds that).
 * It resolves with the keys of the runs it paused.
 */
export function startScheduler(
  deps: SchedulerDeps,
  options: { soleProcess?: boolean } = {},
): { stop(): Promise<string[]> } {
  let running: Promise<unknown> = Promise.resolve();
  const stopping = new AbortController();
  const paused: string[] = [];
  const onPaused = (key: string) => paused.push(key);
  const tick = () => {
    running = running
      .then(() => runDueJobs({ ...deps, signal: stopping.signal, onPaused }))
      .catch((error: unknown) => deps.logger.error('scheduled jobs failed', { error }));
    return running;
  };
  if (options.soleProcess)
    running = deps.store.jobRuns.releaseAllRuns().then((released) => {
      if (released > 0) deps.logger.info('resuming runs a stopped process left unfinished', { released });
    });
  void tick();
  const task = cron.schedule(TICK_EVERY, tick, {
    name: 'actionbot-schedules',
    noOverlap: true,
    logger: cronLogger(deps.logger),
  });
  return {
    async stop() {
      stopping.abort();
      await task.stop();
      await running;
      return [...paused];
    },
  };
}
