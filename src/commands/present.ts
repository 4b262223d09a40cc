import {
  type Action,
  describeAuthor,
  isOverdue,
  isStale,
  needsUpdate,
  type ProgressUpdate,
} from '../domain/action.ts';
import { formatShortDateTime } from '../domain/format.ts';
import { describeStatus, type Status } from '../domain/status.ts';
import type { ActionFlag, ActionItem } from './reply.ts';

// Colour never carries the status alone: every front door prints the word after the mark.
/** The mark before each status word, on every platform. */
export const STATUS_MARKS: Readonly<Record<Status, string>> = {
  NOT_RATED: '⚪',
  RED: '🔴',
  AMBER: '🟠',
  GREEN: '🟢',
  COMPLETE: '🔵',
};

/** How each flag on an action reads; each front door adds its own emphasis. */
export const FLAG_WORDS: Readonly<Record<ActionFlag, string>> = {
  overdue: 'OVERDUE',
  'needs-update': 'needs an update this cycle',
  stale: 'STALE',
};

/** One line about an update: "22 Nov 2026, 18:40 · Amber → Green · Jane Doe (slack): note". */
export function describeUpdate(update: ProgressUpdate, timeZone: string): string {
  const change =
    update.oldStatus === update.newStatus
      ? `${describeStatus(update.newStatus)} (no change)`
      : `${describeStatus(update.oldStatus)} → ${describeStatus(update.newStatus)}`;
  const who = `${describeAuthor(update) ?? 'someone no longer listed'} (${update.source})`;
  return `${formatShortDateTime(update.at, timeZone)} · ${change} · ${who}${update.note ? `: ${update.note}` : ''}`;
}

/** The marks an action carries now: overdue, needs an update this cycle, stale. */
export function getFlags(action: Action, now: Date): ActionFlag[] {
  const flags: ActionFlag[] = [];
  if (isOverdue(action, now)) flags.push('overdue');
  if (isStale(action, now)) flags.push('stale');
  else if (needsUpdate(action, now)) flags.push('needs-update');
  return flags;
}

/** An action as a listing line. */
export function toActionItem(action: Action, now: Date): ActionItem {
  return {
    planCode: action.plan.code,
    ref: action.ref,
    title: action.title,
    status: action.status,
    owners: action.owners,
    due: action.due.text || 'no due date',
    flags: getFlags(action, now),
    lastUpdate: action.lastUpdate && describeUpdate(action.lastUpdate, action.plan.timezone),
  };
}
