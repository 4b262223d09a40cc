import type { StaffNetwork } from './feedback.ts';
import type { Reply } from './message.ts';
import type { OwnerContact, PostedPart, SendProgress } from './schedule-ports.ts';

/** Where a proactive message goes: a person's direct chat, or a channel (Slack channel, Teams conversation). */
export type ChatTarget =
  | { kind: 'person'; externalId: string }
  | { kind: 'channel'; channelId: string }
  /** A staff-network member (check-backs): no stored chat; Teams opens one from the team `teamId`. */
  | { kind: 'member'; externalId: string; teamId?: string };

/**
 * Where a send that needs several messages resumes, and how it records each part. `beforePart` is
 * called right before a part's platform call and `onPart` right after it was accepted; a part whose
 * send started and was never confirmed (`unconfirmedSince`) may be on the platform already, so a
 * sender that can look for it (by `deliveryId`, carried in each part) does so instead of sending it twice.
 */
export type PartResume = {
  deliveryId: string;
  progress: SendProgress;
  unconfirmedSince: Date | null;
  beforePart(): Promise<void>;
  /** `posted`: where the part landed, when the platform says (a Slack channel and ts). */
  onPart(progress: SendProgress, posted?: PostedPart): Promise<void>;
};

/**
 * Sends proactive messages (prompts, reminders, digests) on one platform: the port the outbox sends
 * through. A reply too large for one message goes out as several parts, in order, paced for the
 * platform; `resume` starts after the parts already sent and hears of each new one, so a 429 part way
 * through never repeats a part. Implementations make one attempt per part and do not retry: the
 * delivery queue owns retries, so a send is never doubled by two layers retrying. Failures are
 * thrown as {@link SendFailure}.
 */
export type ChatSender = {
  platform: 'slack' | 'teams';
  send(target: ChatTarget, reply: Reply, resume?: PartResume): Promise<{ messageId: string | null }>;
  /**
   * Before owners are messaged: finds on this platform the owners it cannot reach yet (named by email
   * alone: Slack `users.lookupByEmail`, Teams the rosters of its teams) and links their account to
   * them, opening the chat where the platform needs one (Teams). Returns how many it made reachable.
   */
  reachOwners?(owners: readonly OwnerContact[]): Promise<number>;
  /**
   * The members of a staff network's linked channel (Slack) or team (Teams), as member targets' ids
   * (see DeliveryTarget); null when the network is not linked on this platform. Read, used, forgotten.
   */
  listNetworkMembers?(network: StaffNetwork): Promise<string[] | null>;
};

/**
 * Why a send failed, and whether trying again later can help (429 with Retry-After, 5xx, network).
 * `mayHaveGone`: the platform gave no clear answer (a timeout, a dropped connection, a 5xx), so the
 * message may have been posted all the same.
 */
export class SendFailure extends Error {
  override name = 'SendFailure';
  constructor(
    message: string,
    readonly retryable: boolean,
    /** From a 429's Retry-After, when the platform said. */
    readonly retryAfterMs?: number,
    readonly mayHaveGone = false,
  ) {
    super(message);
  }
}
