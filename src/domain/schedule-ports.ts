import type { ProgressUpdate } from './action.ts';
import type { Reply } from './message.ts';
import type { Platform } from './person.ts';

/**
 * Where a scheduled message goes; null target: the person has no chat identity (unreachable). A
 * `member` is a staff-network member asked about an action (a check-back): their id (Slack: the user;
 * Teams: `<team id> <member id>`, the chat opened from the team) is stored sealed, never as it is.
 */
export type DeliveryTarget = {
  platform: 'slack' | 'teams';
  kind: 'person' | 'channel' | 'member';
  id: string;
};

/**
 * A message a run must send once: `recipient` is unique within the run. `held`: its person is away, so
 * it waits (unsent) until they are back, when it goes out with their other held messages as one.
 */
export type NewDelivery = {
  recipient: string;
  target: DeliveryTarget | null;
  message: Reply;
  held?: boolean;
};

/** How far a reply of several messages got: parts sent, and the thread later parts continue (Slack). */
export type SendProgress = { partsSent: number; threadId: string | null };

/** Where one part of a delivery landed on its platform: the conversation and the message's id (a Slack ts). */
export type PostedPart = { channel: string; messageId: string };

/** A part found where it landed: its delivery, its index, and the reply it is part of. */
export type FoundPart = { deliveryId: string; part: number; message: Reply };

/**
 * A delivery still to send (or to retry), and how far it got. `attemptedAt` is set when the send of
 * the next part started and was never confirmed (the process died, or the call failed midway): the
 * platform may have it already, so a sender that can look (Slack) looks before sending it again.
 */
export type PendingDelivery = NewDelivery & {
  id: string;
  attempts: number;
  progress: SendProgress;
  attemptedAt: Date | null;
};

/** What claiming a job run's slot found. */
export type RunClaim = 'claimed' | 'finished' | 'taken';

/**
 * Job runs: one scheduled slot (`digest:2027-01-11`) or one-off post, held by one replica at a time
 * under a lease whose end is the holder's fencing token.
 */
export type JobRunRepository = {
  /** Takes a run for this replica unless it is finished or another replica's lease is still valid. */
  claimRun(key: string, now: Date, leaseMs: number): Promise<RunClaim>;
  /**
   * Extends the lease of a run this replica holds until `heldUntil` to `until`; false when it lost the
   * run meanwhile (another replica took it over after the lease lapsed).
   */
  renewRun(key: string, heldUntil: Date, until: Date): Promise<boolean>;
  /** Lets go of a run this replica holds until `heldUntil`, unfinished: any replica may take it at once. */
  releaseRun(key: string, heldUntil: Date): Promise<void>;
  /**
   * Lets go of every unfinished run. Only for a process that knows no other can hold runs (the
   * embedded database is opened by one process): whatever it finds held belonged to one that died.
   */
  releaseAllRuns(): Promise<number>;
  finishRun(key: string, now: Date): Promise<void>;
  /** Unfinished runs whose key starts with `prefix` that nobody holds (never claimed, released or lapsed). */
  listOpenRuns(prefix: string, now: Date): Promise<string[]>;
  isRunFinished(key: string): Promise<boolean>;
};

/** The messages runs must send, each sent once; one-off posts wait here for the next tick. */
export type Outbox = {
  /** Records a run's deliveries; ones already recorded for the run (same recipient) are left as they are. */
  enqueue(runKey: string, deliveries: NewDelivery[]): Promise<void>;
  /**
   * Records a one-off message outside any schedule (a reply shared to a network's channel) as its own
   * unclaimed run `key` (which must start with `post:`); the scheduler's next tick sends it, once.
   * False when a run with that key exists already: nothing is written (a gesture that posts once).
   */
  post(key: string, delivery: NewDelivery): Promise<boolean>;
  /** The recipients a run's messages reached, and when (the digest says who an escalation went to). */
  listSent(runKey: string): Promise<{ recipient: string; sentAt: Date }[]>;
  listPending(runKey: string, now: Date): Promise<PendingDelivery[]>;
  /** Whether the run has deliveries still to send, due now or waiting for a retry (their messages unread). */
  hasPending(runKey: string): Promise<boolean>;
  /** Records that the send of the delivery's next part starts now: until confirmed, it may have gone. */
  markAttempt(id: string, at: Date): Promise<void>;
  /**
   * Records that another part went out (confirming the attempt), so a retry sends only the parts after
   * it; with `posted`, where it landed, in the same write, so the message can be updated in place later.
   */
  markProgress(id: string, progress: SendProgress, posted?: PostedPart & { platform: string }): Promise<void>;
  /** A delivery's message and where it went (a Teams card's refresh names its delivery); null if none. */
  findDelivery(id: string): Promise<{ message: Reply; target: DeliveryTarget } | null>;
  /** The delivery part posted as this message (a prompt someone pressed a button on); null if none. */
  findPostedPart(platform: string, channel: string, messageId: string): Promise<FoundPart | null>;
  markSent(id: string, now: Date): Promise<void>;
  /** Schedules another try; `mayHaveGone` keeps the attempt unconfirmed (the platform gave no clear answer). */
  markRetry(id: string, nextAttemptAt: Date, error: string, mayHaveGone: boolean): Promise<void>;
  markFailed(id: string, error: string): Promise<void>;
  /**
   * Recipients a run could not reach, for the digest, with why: the last error of a failed send (a
   * platform's refusal, a stored message unreadable), or null when they have no chat identity at all.
   */
  listUnreached(runKey: string): Promise<{ recipient: string; reason: string | null }[]>;
  /** Messages held for people who were away (see {@link NewDelivery}), oldest first. */
  listHeld(): Promise<HeldDelivery[]>;
  /**
   * Marks held messages released and records the one message replacing them as the one-off post `key`
   * (sent by the next tick), in one transaction; false, and nothing written, when any of them is no
   * longer held (another replica released them) or the key exists.
   */
  releaseHeld(ids: readonly string[], key: string, delivery: NewDelivery): Promise<boolean>;
};

/** A message held for someone away: whom for (`person:<id>`), and where it would have gone. */
export type HeldDelivery = { id: string; recipient: string; target: DeliveryTarget | null; message: Reply };

/** Channels that receive the weekly digest. */
export type SubscriptionRepository = {
  subscribe(platform: 'slack' | 'teams', channelId: string, name: string | undefined): Promise<boolean>;
  unsubscribe(platform: 'slack' | 'teams', channelId: string): Promise<boolean>;
  listSubscriptions(): Promise<{ platform: 'slack' | 'teams'; channelId: string; name: string | null }[]>;
};

/** A person who holds owner roles, and where they can be reached. */
export type OwnerContact = {
  personId: string;
  displayName: string;
  /** Their email address, when known: how Slack and Teams find someone named by email alone. */
  email: string | null;
  roleKeys: string[];
  identities: { platform: Platform; externalId: string }[];
};

/** A progress update with its action, for the digest. */
export type RecentUpdate = ProgressUpdate & { planCode: string; ref: string; title: string };

/** What prompts, reminders and the digest read: owners and where they are reached, recent updates. */
export type ScheduleReadModel = {
  listOwnerContacts(): Promise<OwnerContact[]>;
  listUpdatesSince(since: Date): Promise<RecentUpdate[]>;
};
