import type { NewDelivery } from '../domain/ports.ts';
import { type DeliveryDeps, deliverRun } from './deliver.ts';

/** How long a replica holds a slot before another may take over an unfinished run (its holder died). */
export const RUN_LEASE_MS = 10 * 60_000;

/**
 * Runs one job slot exactly once across replicas and restarts: claim the slot in the database,
 * record every message it must send (a resumed run keeps the first run's), send what is unsent,
 * then mark the slot finished. Returns false when another replica has it or it is already done.
 */
export async function runSlot(
  key: string,
  compose: () => Promise<NewDelivery[]>,
  deps: DeliveryDeps,
): Promise<boolean> {
  const claim = await deps.schedules.claimRun(key, deps.clock.now(), RUN_LEASE_MS);
  if (claim !== 'claimed') return false;
  await deps.schedules.enqueue(key, await compose());
  const { sent, failed } = await deliverRun(key, deps);
  await deps.schedules.finishRun(key, deps.clock.now());
  deps.logger.info('scheduled run finished', { key, sent, failed });
  return true;
}
