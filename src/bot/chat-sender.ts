import type { Reply } from '../commands/reply.ts';

/** Where a proactive message goes: a person's direct chat, or a channel (Slack channel, Teams conversation). */
export type ChatTarget = { kind: 'person'; externalId: string } | { kind: 'channel'; channelId: string };

/**
 * Sends proactive messages (prompts, reminders, digests) on one platform. Implementations make one
 * attempt and do not retry: the caller's delivery queue owns retries, so a send is never doubled by
 * two layers retrying. Failures are thrown as {@link SendFailure}.
 */
export type ChatSender = {
  platform: 'slack' | 'teams';
  send(target: ChatTarget, reply: Reply): Promise<{ messageId: string | null }>;
};

/** Why a send failed, and whether trying again later can help (429 with Retry-After, 5xx, network). */
export class SendFailure extends Error {
  override name = 'SendFailure';
  constructor(
    message: string,
    readonly retryable: boolean,
    /** From a 429's Retry-After, when the platform said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
