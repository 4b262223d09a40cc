import { getCycleStart, type UpdateCycle } from './cycle.ts';
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
};

/** The plan facts an action's rules depend on. */
export type PlanContext = { code: string; title: string; timezone: string; updateCycle: UpdateCycle };

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
  createdAt: Date;
  lastUpdate: ProgressUpdate | null;
};

/** How often an action is asked for updates: its own cycle, else its plan's. */
export function getActionCycle(
  action: Pick<Action, 'plan'> & { updateCycle?: UpdateCycle | null },
): UpdateCycle {
  return action.updateCycle ?? action.plan.updateCycle;
}

/** Due date passed (in the plan's zone) and the action is not complete. */
export function isOverdue(action: Pick<Action, 'due' | 'status' | 'plan'>, now: Date): boolean {
  if (action.status === 'COMPLETE' || !action.due.date || action.due.kind === 'from') return false;
  return action.due.date < formatIsoDate(getLocalDate(now, action.plan.timezone));
}

/** Not complete and no update since the current update cycle opened. */
export function needsUpdate(
  action: Pick<Action, 'status' | 'plan' | 'lastUpdate'> & { updateCycle?: UpdateCycle | null },
  now: Date,
): boolean {
  if (action.status === 'COMPLETE') return false;
  const opened = getCycleStart(getActionCycle(action), now, action.plan.timezone);
  return !action.lastUpdate || action.lastUpdate.at < opened;
}

/** Not complete and nothing heard since before the previous cycle opened: a whole cycle missed. */
export function isStale(
  action: Pick<Action, 'status' | 'plan' | 'lastUpdate' | 'createdAt'> & { updateCycle?: UpdateCycle | null },
  now: Date,
): boolean {
  if (action.status === 'COMPLETE') return false;
  const previous = getCycleStart(getActionCycle(action), now, action.plan.timezone, 1);
  return (action.lastUpdate?.at ?? action.createdAt) < previous;
}
