import { composeFeedbackDigestLine, DEFAULT_RELEASE_THRESHOLD, getLocalDay } from '../domain/feedback.ts';
import type { Store } from '../domain/ports.ts';

/**
 * The weekly digest's feedback line: anonymous feedback released since `since`, counted by theme, each
 * theme shown only when its count reaches K (the largest threshold of any network, default 3). Null when
 * there is nothing to show. For the digest's composer to call.
 */
export async function composeFeedbackDigest(
  store: Store,
  since: Date,
  timeZone: string,
): Promise<string | null> {
  const networks = await store.networks.listNetworks();
  const threshold = Math.max(DEFAULT_RELEASE_THRESHOLD, ...networks.map((n) => n.threshold));
  const released = await store.feedback.listReleasedSince(getLocalDay(since, timeZone));
  return composeFeedbackDigestLine(released, threshold);
}
