import type { FeedbackItem, StaffNetwork } from './feedback.ts';
import type { UnansweredFeedback } from './feedback-response.ts';
import type { Actor } from './person.ts';
import type { OwnerContact } from './schedule-ports.ts';

/** A platform identity, for a live membership check: used in memory, never stored as it is. */
export type MemberIdentity = Pick<Actor, 'platform' | 'externalId'>;

/** What a network's linked channel or team says about one person, asked at submission time. */
export type MembershipCheck =
  | { status: 'member'; memberCount: number }
  | { status: 'not-member' }
  /** The network has no channel or team on this platform. */
  | { status: 'not-linked' }
  /** The platform could not be asked (missing scope, outage). */
  | { status: 'unavailable' };

/**
 * Live membership of a network's linked channel or team, one implementation per chat platform
 * (Slack: conversations.members of `slackChannelId`; Teams: the roster of `teamsTeamId`). The answer
 * is used for one submission and then forgotten.
 */
export type NetworkMembership = {
  check(network: StaffNetwork, who: MemberIdentity): Promise<MembershipCheck>;
};

/** Something feedback can be tagged to. */
export type TagTargets = {
  actions: { id: string; planCode: string; ref: string; title: string; themeId: string | null }[];
  themes: { id: string; planCode: string; ref: string; title: string }[];
};

/** Staff networks, their moderators and admin-kept member lists. */
export type NetworkRepository = {
  /**
   * The new network, or why not: one of that name exists, or no feedback secret is configured (its
   * member list and receipts could not be keyed).
   */
  createNetwork(
    name: string,
  ): Promise<{ ok: true; network: StaffNetwork } | { ok: false; code: 'exists' | 'no_secret' }>;
  findNetwork(name: string): Promise<StaffNetwork | null>;
  listNetworks(): Promise<(StaffNetwork & { moderators: string[] })[]>;
  link(networkId: string, platform: 'slack' | 'teams', conversationId: string): Promise<void>;
  setRelease(networkId: string, settings: { releaseTime?: string; threshold?: number }): Promise<void>;
  /** Sets (or, with null, clears) where the network points people with an incident to investigate. */
  setSignpost(networkId: string, signpost: { text: string; url: string } | null): Promise<void>;
  /** Sets how many working days released feedback may wait for a reply before it is chased. */
  setRespondWithin(networkId: string, days: number): Promise<void>;
  changeModerators(networkId: string, personIds: string[], mode: 'add' | 'remove'): Promise<void>;
  /** Adds or removes identities from the member list (kept as keyed hashes); returns the list's size. */
  changeMembers(networkId: string, who: MemberIdentity[], mode: 'add' | 'remove'): Promise<number>;
  isListedMember(networkId: string, who: MemberIdentity): Promise<boolean>;
  listModeratedBy(personId: string): Promise<StaffNetwork[]>;
};

/** A submission to store: nothing about who sent it; `day` is YYYY-MM-DD. */
export type NewFeedback = {
  networkId: string;
  text: string;
  actionIds: string[];
  themeIds: string[];
  day: string;
};

/** A moderator's decision on a pending (or approved, for redaction) submission. */
export type ModerationDecision =
  | { kind: 'approve' }
  | { kind: 'reject'; reason: string }
  | { kind: 'redact'; part: string };

/** A submission with the ids commands check permissions against. */
export type StoredFeedback = FeedbackItem & { networkId: string; actionIds: string[] };

/** Whether released feedback was read and answered: days only, on released rows only. */
export type FeedbackResponses = {
  /** Records that an owner read these released submissions today (the first day is kept). */
  markRead(feedbackIds: string[], day: string): Promise<void>;
  /** Released submissions no one has replied to yet. */
  listUnanswered(): Promise<UnansweredFeedback[]>;
  /** Each network's moderators and where they can be reached. */
  listModeratorContacts(): Promise<{ networkId: string; contact: OwnerContact }[]>;
};

/** Anonymous submissions, their moderation, release and replies. */
export type FeedbackRepository = FeedbackResponses & {
  listTagTargets(): Promise<TagTargets>;
  /**
   * At most `limit` themes and actions (themes first) whose plan code, ref or title holds each word
   * (any case; a theme also matches the word "theme"): what a searchable select shows as people type.
   */
  searchTagTargets(words: readonly string[], limit: number): Promise<TagTargets>;
  /** Stores a submission and returns its code and a new receipt (shown once; only its hash is kept). */
  submit(feedback: NewFeedback): Promise<{ code: string; receipt: string }>;
  findByReceipt(receipt: string): Promise<FeedbackItem | null>;
  /** Deletes the submission (and its replies); false when no submission has that receipt. */
  withdraw(receipt: string): Promise<boolean>;
  findByCode(code: string): Promise<StoredFeedback | null>;
  /** Pending submissions of these networks, oldest day first. */
  listQueue(networkIds: string[]): Promise<FeedbackItem[]>;
  moderate(
    code: string,
    decision: ModerationDecision,
    moderatorId: string,
    day: string,
  ): Promise<'done' | 'not_found' | 'not_pending' | 'not_in_text'>;
  /** Released submissions tagged to an action, directly or through its theme. */
  listReleasedFor(actionId: string, themeId: string | null): Promise<FeedbackItem[]>;
  addReply(feedbackId: string, authorId: string, text: string, day: string): Promise<void>;
  /**
   * Runs today's release for a network once across replicas: marks the day as done and, when at least
   * `threshold` approved submissions wait, releases them all. `claimed` false: already run today.
   */
  releaseBatch(
    networkId: string,
    today: string,
    threshold: number,
  ): Promise<{ claimed: boolean; released: number }>;
  /**
   * Moves pending and approved submissions stored as rows of their own (before sealed days existed)
   * into their network's sealed days, in one transaction; returns how many. Run at start-up.
   */
  sealUnsealed(): Promise<number>;
  /** What a network's release of one day let out: each submission's tags, nothing else. */
  listReleasedOn(networkId: string, day: string): Promise<{ actionIds: string[]; themeIds: string[] }[]>;
  /** Submissions released on or after a day, with their themes, for the digest's counts. */
  listReleasedSince(day: string): Promise<{ themes: string[] }[]>;
};
