import type { Action } from '../action.ts';
import { formatShortDate } from '../format.ts';
import { STATUSES, type Status } from '../status.ts';
import { getLocalDate, getZonedInstant } from '../zoned-time.ts';
import { getStatusAt, type PlanUpdate } from './since-model.ts';

/** How many actions had each status at the end of one month (the last point: today). */
export type StatusPoint = { label: string; counts: Record<Status, number> };

const MAX_POINTS = 12;
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

/**
 * The plan's statuses at the end of each month, from the month of `from` (or the first month anything
 * was recorded) to today, at most the last twelve months.
 */
export function buildStatusTimeline(
  actions: readonly Action[],
  updates: ReadonlyMap<string, readonly PlanUpdate[]>,
  now: Date,
  timezone: string,
  from: Date | null,
): StatusPoint[] {
  const first =
    from ??
    actions.reduce<Date>((min, a) => {
      const earliest = [a.createdAt, ...(updates.get(a.id) ?? []).map((u) => u.at)];
      return earliest.reduce((m, d) => (d < m ? d : m), min);
    }, now);
  const today = getLocalDate(now, timezone);
  const start = getLocalDate(first, timezone);
  let months = (today.year - start.year) * 12 + (today.month - start.month) + 1;
  months = Math.max(1, Math.min(MAX_POINTS, months));
  const points: StatusPoint[] = [];
  for (let back = months - 1; back >= 0; back--) {
    const index = today.year * 12 + (today.month - 1) - back;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const endOfMonth = getZonedInstant(
      { year: month === 12 ? year + 1 : year, month: month === 12 ? 1 : month + 1, day: 1 },
      timezone,
    );
    const at = back === 0 || endOfMonth > now ? now : endOfMonth;
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
    for (const action of actions) {
      const status = back === 0 ? action.status : getStatusAt(action, updates.get(action.id) ?? [], at);
      if (status) counts[status]++;
    }
    const label = back === 0 ? formatShortDate(today) : `${SHORT_MONTHS[month - 1]} ${year}`;
    points.push({ label, counts });
  }
  return points;
}
