import { type CycleRule, getCycleStart, type UpdateCycle } from './cycle.ts';
import type { Due } from './due-date.ts';
import type { Platform } from './person.ts';
import type { Status } from './status.ts';
import { formatIsoDate, getLocalDate } from './zoned-time.ts';

/** Where a progress update came from: a chat platform, or an imported spreadsheet or document. */
export type UpdateSource = Platform | 'import';

/** One progress update: who changed what, when, from where. Kept forever. */
export type ProgressUpdate = {
  at: Date;
  authorName: string | null;
  source: UpdateSource;
  oldStatus: Status;
  newStatus: Status;
  note: string | null;
  /** The role a cover (deputy) recorded it for, when the author was not an owner. */
  onBehalfOf?: string | null;
};

/** Who recorded an update: "Bob Jones", or "Bob Jones on behalf of Head of People Services". */
export function describeAuthor(update: Pick<ProgressUpdate, 'authorName' | 'onBehalfOf'>): string | null {
  if (!update.onBehalfOf) return update.authorName;
  return `${update.authorName ?? 'someone no longer listed'} on behalf of ${update.onBehalfOf}`;
}

/** The plan facts an action's rules depend on. */
export type PlanContext = {
  code: string;
  title: string;
  timezone: string;
  updateCycle: UpdateCycle;
  /** Day of a calendar cycle's first month it opens (default 1). */
  cycleOpenDay?: number;
  /** Days from opening until updates are due (default: the deployment's). */
  cycleDeadlineDays?: number | null;
};

/** An action as the commands see it. */
export type Action = {
  id: string;
  plan: PlanContext;
  ref: string;
  title: string;
  description: string | null;
  theme: { ref: string; title: string } | null;
  owners: string[];
  due: Due;
  successMeasure: string | null;
  metrics: string[];
  status: Status;
  /** This action's own update cycle, when it differs from its plan's. */
  updateCycle: UpdateCycle | null;
  /** With its own cycle: the day that cycle opens, and days until due (see {@link PlanContext}). */
  cycleOpenDay?: number;
  cycleDeadlineDays?: number | null;
  createdAt: Date;
  lastUpdate: ProgressUpdate | null;
};

/** The action's own cycle fields, as the rules read them. */
type OwnCycle = {
  updateCycle?: UpdateCycle | null;
  cycleOpenDay?: number;
  cycleDeadlineDays?: number | null;
};

/** An action's whole cycle rule: its own when it has one, else its plan's. */
export function getActionCycleRule(action: Pick<Action, 'plan'> & OwnCycle): CycleRule {
  const own = action.updateCycle ? action : null;
  return {
    cycle: action.updateCycle ?? action.plan.updateCycle,
    openDay: (own ? own.cycleOpenDay : action.plan.cycleOpenDay) ?? 1,
    deadlineDays: (own ? own.cycleDeadlineDays : action.plan.cycleDeadlineDays) ?? null,
  };
}

/** Due date passed (in the plan's zone) and the action is not complete. */
export function isOverdue(action: Pick<Action, 'due' | 'status' | 'plan'>, now: Date): boolean {
  if (action.status === 'COMPLETE' || !action.due.date || action.due.kind === 'from') return false;
  return action.due.date < formatIsoDate(getLocalDate(now, action.plan.timezone));
}

/** Not complete and no update since the current update cycle opened. */
export function needsUpdate(
  action: Pick<Action, 'status' | 'plan' | 'lastUpdate'> & OwnCycle,
  now: Date,
): boolean {
  if (action.status === 'COMPLETE') return false;
  const { cycle, openDay } = getActionCycleRule(action);
  const opened = getCycleStart(cycle, now, action.plan.timezone, 0, openDay);
  return !action.lastUpdate || action.lastUpdate.at < opened;
}

/** Not complete and nothing heard since before the previous cycle opened: a whole cycle missed. */
export function isStale(
  action: Pick<Action, 'status' | 'plan' | 'lastUpdate' | 'createdAt'> & OwnCycle,
  now: Date,
): boolean {
  if (action.status === 'COMPLETE') return false;
  const { cycle, openDay } = getActionCycleRule(action);
  const previous = getCycleStart(cycle, now, action.plan.timezone, 1, openDay);
  return (action.lastUpdate?.at ?? action.createdAt) < previous;
}
