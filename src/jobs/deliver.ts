import { type ChatSender, type ChatTarget, SendFailure } from '../domain/chat-sender.ts';
import type { Clock } from '../domain/ports.ts';
import type { DeliveryTarget, Outbox } from '../domain/schedule-ports.ts';
import type { Logger } from '../logger.ts';

/** What sending a run's deliveries needs. `sleep` is injectable so tests need not wait. */
export type DeliveryDeps = {
  outbox: Outbox;
  senders: ReadonlyMap<string, ChatSender>;
  clock: Clock;
  logger: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** Attempts per message before it is given up as failed (default 6). */
  maxAttempts?: number;
  /** Messages per second to send at most, per platform: stay under its rate limit instead of hitting it. */
  pacing?: ReadonlyMap<string, number>;
  /** Asked before every send: does this replica still hold the run (renewing its lease)? */
  holdRun?: () => Promise<boolean>;
  /** Aborted when the service stops: no further send starts, and waits end at once. */
  signal?: AbortSignal;
};

const MAX_BACKOFF_MS = 60_000;

/**
 * Sends a run's pending deliveries one at a time, each recorded as attempted right before and as sent
 * right after it went out, so a run resumed after a crash sends only what was not sent. A 429 waits its Retry-After, transient
 * failures back off exponentially; a permanent failure is recorded and reported in the digest.
 */
export async function deliverRun(
  runKey: string,
  deps: DeliveryDeps,
): Promise<{ sent: number; failed: number; lost: boolean; stopped: boolean }> {
  const sleep = deps.sleep ?? ((ms) => sleepUnlessAborted(ms, deps.signal));
  const maxAttempts = deps.maxAttempts ?? 6;
  let sent = 0;
  let failed = 0;
  const nextSendAt = new Map<string, number>();
  const pace = async (platform: string) => {
    const perSecond = deps.pacing?.get(platform);
    if (!perSecond) return;
    const now = deps.clock.now().getTime();
    const at = Math.max(now, nextSendAt.get(platform) ?? 0);
    nextSendAt.set(platform, at + 1000 / perSecond);
    if (at > now) await sleep(at - now);
  };
  for (;;) {
    const due = await deps.outbox.listPending(runKey, deps.clock.now());
    if (due.length === 0) {
      if (!(await deps.outbox.hasPending(runKey))) return { sent, failed, lost: false, stopped: false };
      if (deps.signal?.aborted) return { sent, failed, lost: false, stopped: true };
      await sleep(MAX_BACKOFF_MS / 60); // retries are due soon: their next attempt is a few seconds off at most
      continue;
    }
    for (const delivery of due) {
      const sender = deps.senders.get(delivery.target?.platform ?? '');
      if (!delivery.target || !sender) {
        await deps.outbox.markFailed(
          delivery.id,
          `no way to send on ${delivery.target?.platform ?? 'any platform'}`,
        );
        failed++;
        continue;
      }
      const target = toChatTarget(delivery.target);
      // Where a member's ask landed is not kept: a direct chat's id would name who was asked.
      const keepPosted = delivery.target.kind !== 'member';
      await pace(delivery.target.platform);
      if (deps.signal?.aborted) return { sent, failed, lost: false, stopped: true };
      // After any wait, and right before sending: a replica that lost the run must not send.
      if (deps.holdRun && !(await deps.holdRun())) return { sent, failed, lost: true, stopped: false };
      try {
        // Each part is recorded as attempted before its call and as sent right after: a retry after a
        // 429 resumes after it, and one after a crash looks for a part that may have gone (Slack).
        await sender.send(target, delivery.message, {
          deliveryId: delivery.id,
          progress: delivery.progress,
          unconfirmedSince: delivery.attemptedAt,
          beforePart: () => deps.outbox.markAttempt(delivery.id, deps.clock.now()),
          onPart: (progress, posted) =>
            deps.outbox.markProgress(
              delivery.id,
              progress,
              keepPosted && posted ? { platform: sender.platform, ...posted } : undefined,
            ),
        });
        await deps.outbox.markSent(delivery.id, deps.clock.now());
        sent++;
      } catch (error) {
        // Anything but a send failure is a bug or a dying process: stop; the run resumes after its lease.
        if (!(error instanceof SendFailure)) throw error;
        const failure = error;
        const attempt = delivery.attempts + 1;
        if (failure.retryable && attempt < maxAttempts) {
          const waitMs = failure.retryAfterMs ?? Math.min(MAX_BACKOFF_MS, 500 * 2 ** (attempt - 1));
          await deps.outbox.markRetry(
            delivery.id,
            new Date(deps.clock.now().getTime() + waitMs),
            failure.message,
            failure.mayHaveGone,
          );
          deps.logger.warn('delivery will be retried', { runKey, attempt, waitMs, reason: failure.message });
          // A rate limit applies to the platform: wait it out before the next message.
          if (failure.retryAfterMs) await sleep(failure.retryAfterMs);
        } else {
          await deps.outbox.markFailed(delivery.id, failure.message);
          deps.logger.warn('delivery failed', { runKey, attempt, reason: failure.message });
          failed++;
        }
      }
    }
  }
}

function sleepUnlessAborted(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A stored delivery's target as its sender takes it. */
function toChatTarget(target: DeliveryTarget): ChatTarget {
  if (target.kind === 'person') return { kind: 'person', externalId: target.id };
  if (target.kind === 'channel') return { kind: 'channel', channelId: target.id };
  const [first = '', second] = target.id.split(' ');
  return second
    ? { kind: 'member', externalId: second, teamId: first }
    : { kind: 'member', externalId: first };
}
