import type { JobRunRepository, NewDelivery } from '../domain/schedule-ports.ts';
import { type DeliveryDeps, deliverRun } from './deliver.ts';
import { createRunCoordinator } from './run-coordinator.ts';

/**
 * How long a replica holds a run without renewing it. A heartbeat renews it while the run sends, so a
 * replica that died is taken over within this (plus a scheduler tick), not after a long wait.
 */
export const RUN_LEASE_MS = 30_000;

/** What running a slot needs: sending, and the job runs that make it happen once. */
export type SlotDeps = DeliveryDeps & { jobRuns: JobRunRepository };

/**
 * How a slot went: `finished` here; `skipped` (another replica has it, or it was done already);
 * `paused` (the service is stopping: the unsent rest stays in the outbox); `lost` (taken over).
 */
export type SlotOutcome = 'finished' | 'skipped' | 'paused' | 'lost';

/**
 * Runs one job slot exactly once across replicas and restarts: claim the slot in the database,
 * record every message it must send (a resumed run keeps the first run's), send what is unsent,
 * then mark the slot finished.
 */
export async function runSlot(
  key: string,
  compose: () => Promise<NewDelivery[]>,
  deps: SlotDeps,
): Promise<SlotOutcome> {
  const coordinator = createRunCoordinator(deps.jobRuns, deps.clock);
  if (!(await coordinator.shouldRun(key, RUN_LEASE_MS))) return 'skipped';
  // The heartbeat: the lease is renewed while a long wait (a Retry-After, pacing) keeps sends apart.
  const heartbeat = setInterval(() => void coordinator.hold(key).catch(() => {}), RUN_LEASE_MS / 3);
  heartbeat.unref();
  try {
    await deps.outbox.enqueue(key, await compose());
    const { sent, failed, lost, stopped } = await deliverRun(key, {
      ...deps,
      holdRun: () => coordinator.hold(key),
    });
    if (stopped) {
      // The service is stopping: hand the rest of the run over to whichever replica ticks next.
      await coordinator.release(key);
      deps.logger.info('scheduled run paused for shutdown', { key, sent, failed });
      return 'paused';
    }
    if (lost) {
      // This replica stalled past its lease and another took the run over: it sends the rest.
      deps.logger.warn('scheduled run taken over by another replica', { key, sent, failed });
      return 'lost';
    }
    await coordinator.onComplete?.(key);
    deps.logger.info('scheduled run finished', { key, sent, failed });
    return 'finished';
  } finally {
    clearInterval(heartbeat);
  }
}
