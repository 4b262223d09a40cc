import type { Action } from '../action.ts';
import type { Status } from '../status.ts';
import type { PlanUpdate } from './since-model.ts';

/** A stretch of time an action held one status: from `from` until `until` (null: still). */
export type StatusSpan = { status: Status; from: Date; until: Date | null };

/**
 * An action's statuses over time from its updates (oldest first): it starts when the action was added,
 * with the status the first update started from; each change of status starts a new stretch.
 */
export function getStatusSpans(
  action: Pick<Action, 'status' | 'createdAt'>,
  updates: readonly Pick<PlanUpdate, 'at' | 'oldStatus' | 'newStatus'>[],
): StatusSpan[] {
  const first = updates[0];
  const spans: StatusSpan[] = [
    {
      status: first?.oldStatus ?? action.status,
      from: first && first.at < action.createdAt ? first.at : action.createdAt,
      until: null,
    },
  ];
  for (const u of updates) {
    const current = spans[spans.length - 1] as StatusSpan;
    if (u.newStatus === current.status) continue;
    current.until = u.at;
    spans.push({ status: u.newStatus, from: u.at, until: null });
  }
  return spans;
}
