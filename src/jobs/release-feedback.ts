import { getReleaseDue } from '../domain/feedback.ts';
import type { Clock, Store } from '../domain/ports.ts';
import type { Logger } from '../logger.ts';

/** What the feedback release needs: the store, the time, and a logger for counts (never text or ids). */
export type ReleaseFeedbackDeps = { store: Store; clock: Clock; logger?: Logger };

/** One network's release today: how many submissions became visible to owners (0: fewer than K waited). */
export type ReleaseResult = { network: string; released: number };

/**
 * Releases approved anonymous feedback in batches: for each staff network whose release time (default
 * 17:00 in its zone) has passed today and whose release has not yet run today, all approved submissions
 * become visible to owners, but only when at least K (the network's threshold) are waiting; otherwise
 * they wait for a later day. Safe to call every minute and from several replicas: each network's day is
 * claimed once in the database. After downtime, the missed release runs once on the next call.
 */
export async function releaseFeedback(deps: ReleaseFeedbackDeps): Promise<ReleaseResult[]> {
  const now = deps.clock.now();
  const results: ReleaseResult[] = [];
  for (const network of await deps.store.networks.listNetworks()) {
    const { due, today } = getReleaseDue(network, now);
    if (!due) continue;
    const batch = await deps.store.feedback.releaseBatch(network.id, today, network.threshold);
    if (!batch.claimed) continue;
    results.push({ network: network.name, released: batch.released });
    deps.logger?.info('feedback release', { network: network.name, released: batch.released });
  }
  return results;
}
