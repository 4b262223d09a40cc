import { describeCheckback } from '../domain/checkback.ts';
import type { Store } from '../domain/ports.ts';

/** How long a check-back stays in the weekly digest after its action was marked Complete. */
export const CHECKBACK_DIGEST_DAYS = 84;

/**
 * The weekly digest's check-back lines: each network asked in the last 12 weeks whether a Complete
 * action changed things, its counts once at least its K answered (below K: only that it was asked).
 * Null when no network was asked in that time.
 */
export async function composeCheckbackDigest(store: Store, now: Date): Promise<string | null> {
  const from = new Date(now.getTime() - CHECKBACK_DIGEST_DAYS * 86_400_000).toISOString().slice(0, 10);
  const results = (await store.checkbacks.listResults()).filter((r) => r.askedOn >= from);
  if (results.length === 0) return null;
  const refs = new Map(
    (await store.feedback.listTagTargets()).actions.map((a) => [a.id, `${a.planCode}:${a.ref}`]),
  );
  const lines = results.map((r) => `${refs.get(r.actionId) ?? '?'}: ${describeCheckback(r)}`);
  return `Staff networks asked before Complete counted:\n${lines.join('\n')}`;
}
