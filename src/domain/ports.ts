import type { AbsenceRepository } from './absence-ports.ts';
import type { Action, PlanContext, ProgressUpdate } from './action.ts';
import type { CheckbackRepository } from './checkback.ts';
import type { CycleRule } from './cycle.ts';
import type { FeedbackRepository, NetworkRepository } from './feedback-ports.ts';
import type { Actor, Person, Platform } from './person.ts';
import type { PlanFile } from './plan-file.ts';
import type { PlanUpdate } from './report/since-model.ts';
import type {
  JobRunRepository,
  Outbox,
  ScheduleReadModel,
  SubscriptionRepository,
} from './schedule-ports.ts';
import type { SponsorRepository } from './sponsor-ports.ts';
import type { Status } from './status.ts';

/** The current time; tests pass a fixed one. */
export type Clock = { now(): Date };

/** A plan with its size, for listings. */
export type PlanSummary = PlanContext & {
  period: string | null;
  themeCount: number;
  actionCount: number;
  /** Update cycles some of its actions use instead of the plan's. */
  actionCycles: CycleRule[];
  /** Working days after a cycle's deadline that its sponsors hear of missing updates; null: off. */
  escalationDays: number | null;
};

/** Which actions to fetch; every field narrows. */
export type ActionQuery = {
  planCodes?: readonly string[];
  themeRef?: string;
  statuses?: readonly Status[];
  ownerRoleKeys?: readonly string[];
};

/** What changed when a plan file was imported. */
export type ImportSummary = {
  planCode: string;
  created: boolean;
  themes: number;
  actionsCreated: number;
  actionsUpdated: number;
  /** Progress updates recorded from the file's status and latest-update columns. */
  updatesRecorded: number;
  /** One line per change, for `--dry-run` and the import's report: "+ 1.1 ...", "~ 1.2: due". */
  changes: string[];
  /** True when nothing was written (a dry run). */
  dryRun: boolean;
};

/**
 * How to import: `dryRun` works out the changes and writes nothing; `at` dates imported updates;
 * `onProgress` hears how many actions are done.
 */
export type ImportOptions = { dryRun?: boolean; at?: Date; onProgress?: (done: number) => void };

/** Plans, themes and actions. */
export type PlanRepository = {
  listPlans(): Promise<PlanSummary[]>;
  /** Changes how often a plan's owners are asked for updates, with an audit event. */
  setUpdateCycle(code: string, rule: CycleRule, actorId: string): Promise<void>;
  /** Gives one action its own update cycle (null: back to the plan's), with an audit event. */
  setActionCycle(code: string, ref: string, rule: CycleRule | null, actorId: string): Promise<void>;
  /** Creates or updates a plan from a file, matching themes and actions by ref; never duplicates. */
  importPlan(file: PlanFile, actorId: string | null, options?: ImportOptions): Promise<ImportSummary>;
};

/** A progress update to record, guarded by the status it was decided against. */
export type NewUpdate = {
  actionId: string;
  authorId: string;
  source: Platform;
  expectedStatus: Status;
  newStatus: Status;
  note: string | null;
  at: Date;
  /** The gesture's idempotency key, when it came from a button or form. */
  requestKey?: string;
  /** The role a cover recorded it for (the author is a deputy, not an owner). */
  onBehalfOf?: string | null;
};

/** Actions and their history. */
export type ActionRepository = {
  findActions(query: ActionQuery): Promise<Action[]>;
  findAction(planCode: string, ref: string): Promise<Action | null>;
  /** Every action ref with its plan, for resolving and suggesting refs. */
  listRefs(): Promise<{ planCode: string; ref: string }[]>;
  /** The actions with this ref (any case), in one plan or in every plan: one query, latest update included. */
  findActionsByRef(ref: string, planCode: string | null): Promise<Action[]>;
  getHistory(actionId: string, limit: number): Promise<ProgressUpdate[]>;
  /** Every update of a plan's actions, oldest first in the order they were applied: one statement. */
  getPlanHistory(planCode: string): Promise<PlanUpdate[]>;
  /**
   * Records the update unless the status changed meanwhile (`conflict`) or an update with the same
   * request key exists (`duplicate`).
   */
  recordUpdate(update: NewUpdate): Promise<'recorded' | 'conflict' | 'duplicate'>;
  hasUpdateWithKey(requestKey: string): Promise<boolean>;
};

/** A role with the people holding it. */
export type RoleSummary = { name: string; holders: Person[]; actionCount: number };

/** People, their platform identities and the roles they hold. */
export type PeopleRepository = {
  /** Finds the person behind an identity, linking by email or creating them on first contact. */
  ensurePerson(actor: Actor): Promise<Person>;
  getRoleNames(personId: string): Promise<string[]>;
  listRoles(): Promise<RoleSummary[]>;
  /**
   * Adds or removes holders of an existing role, with an audit event: people by id, and people by email
   * address (adding creates a person known only by email, found on Slack or Teams when a message must
   * go out). Nothing is written when there is no such role, or when an email to remove names nobody.
   */
  changeRoleHolders(change: {
    roleName: string;
    personIds: string[];
    emails?: readonly string[];
    mode: 'add' | 'remove';
    actorId: string;
  }): Promise<RoleChange>;
};

/** What changing a role's holders did: the people it named, or why it changed nothing. */
export type RoleChange =
  | { ok: true; people: Person[] }
  | { ok: false; reason: 'no-role' }
  | { ok: false; reason: 'unknown-email'; email: string };

/**
 * Where proactive messages reach someone: a person's direct chat (`key` their platform id), a channel or
 * group chat (`key` its conversation id), or a team the app is installed in (Teams: `key` the team id,
 * whose roster finds owners). `reference` is the platform's own opaque record of it; `unreachable` says
 * why the platform refused for good (blocked, uninstalled), recorded once.
 */
export type StoredConversation = {
  platform: Platform;
  kind: 'person' | 'channel' | 'team';
  key: string;
  reference: Record<string, unknown>;
  unreachable?: string | null;
};

/** Conversation references the chat platforms need for proactive messages (Teams). */
export type ConversationRepository = {
  /** Creates or replaces the reference for one person, channel or team (reachable again, if it was not). */
  save(conversation: Omit<StoredConversation, 'unreachable'>): Promise<void>;
  find(platform: Platform, kind: StoredConversation['kind'], key: string): Promise<StoredConversation | null>;
  /** Every reference of one kind on a platform (the teams whose rosters are read at start). */
  list(platform: Platform, kind: StoredConversation['kind']): Promise<StoredConversation[]>;
  /** Records once why messages cannot go there; false if there is no such reference. */
  markUnreachable(
    platform: Platform,
    kind: StoredConversation['kind'],
    key: string,
    reason: string,
  ): Promise<boolean>;
  /** Forgets a reference (the app was removed there); false if there was none. */
  remove(platform: Platform, kind: StoredConversation['kind'], key: string): Promise<boolean>;
};

/** The meetings of the committee or board each plan is reported to; days are ISO `YYYY-MM-DD`. */
export type CommitteeRepository = {
  /** Records a meeting, with an audit event; `exists` when that day is already recorded, nothing written. */
  recordMeeting(planCode: string, day: string, actorId: string): Promise<'recorded' | 'exists'>;
  /** The latest meeting on or before `day`, or null when none is recorded. */
  findLastMeeting(planCode: string, onOrBefore: string): Promise<string | null>;
};

/** Everything the commands read and write. */
export type Store = {
  sponsors: SponsorRepository;
  plans: PlanRepository;
  actions: ActionRepository;
  people: PeopleRepository;
  conversations: ConversationRepository;
  jobRuns: JobRunRepository;
  outbox: Outbox;
  subscriptions: SubscriptionRepository;
  scheduleReads: ScheduleReadModel;
  networks: NetworkRepository;
  feedback: FeedbackRepository;
  committees: CommitteeRepository;
  absences: AbsenceRepository;
  /** The network asked before an action's Complete counts. */
  checkbacks: CheckbackRepository;
};
