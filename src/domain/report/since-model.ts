import { type Action, describeAuthor, type ProgressUpdate, type UpdateSource } from '../action.ts';
import { formatShortDate } from '../format.ts';
import type { Status } from '../status.ts';
import { getLocalDate } from '../zoned-time.ts';
import type { ReportRow } from './report-model.ts';

/** A progress update of one of a plan's actions, for reports over a period. */
export type PlanUpdate = ProgressUpdate & { actionId: string };

/** How an action moved over the period: better, worse, the same, or not in the plan (or not rated) before. */
export type Direction = 'improved' | 'worsened' | 'unchanged' | 'new';

/** The mark and word of each direction; the word always goes with the mark. */
export const DIRECTION_LABELS: Record<Direction, { mark: string; word: string }> = {
  improved: { mark: '▲', word: 'Improved' },
  worsened: { mark: '▼', word: 'Worsened' },
  unchanged: { mark: '▶', word: 'Unchanged' },
  new: { mark: '★', word: 'New' },
};

/** One update in the period, as a report lists it. */
export type PeriodUpdate = {
  /** "22 Nov 2026", in the plan's zone. */
  date: string;
  author: string | null;
  source: UpdateSource;
  from: Status;
  to: Status;
  note: string | null;
};

/** An action over the period: its status then (null: not in the plan yet) and now, and every update. */
export type SinceRow = { row: ReportRow; then: Status | null; direction: Direction; updates: PeriodUpdate[] };

/** A Red or Amber action with its latest note (what is blocking, what help is needed). */
export type ExceptionRow = { row: ReportRow; note: string | null; noteDate: string | null };

/** A completed action with the note given as its evidence. */
export type CompletedRow = { row: ReportRow; evidence: string | null; completedOn: string | null };

/** What a report since a date adds: direction of travel, every update, exceptions first, completed work. */
export type SinceSection = {
  /** ISO day the period starts (at 00:00 in the plan's zone). */
  since: string;
  /** "15 September 2026", or "the committee on 15 September 2026". */
  sinceLabel: string;
  rows: SinceRow[];
  exceptions: { redAmber: ExceptionRow[]; noUpdate: ReportRow[]; overdue: ReportRow[] };
  /** Actions completed in the period, with their evidence. */
  completed: CompletedRow[];
  directions: Record<Direction, number>;
  /** Per theme (same order as the report's themes): how many moved each way. */
  themeDirections: Record<Direction, number>[];
};

const RANK: Record<Status, number> = { NOT_RATED: 0, RED: 1, AMBER: 2, GREEN: 3, COMPLETE: 4 };

/** The direction from one status to another; from nothing or from "not yet rated" to a rating is new. */
export function getDirection(then: Status | null, now: Status): Direction {
  if (then === null || (then === 'NOT_RATED' && now !== 'NOT_RATED')) return 'new';
  if (RANK[now] === RANK[then]) return 'unchanged';
  return RANK[now] > RANK[then] ? 'improved' : 'worsened';
}

/**
 * An action's status at an instant, from its history (oldest first): the last update before it, else
 * the status the first update after it started from (an imported starting status), else today's;
 * null when the action did not exist yet.
 */
export function getStatusAt(
  action: Pick<Action, 'status' | 'createdAt'>,
  updates: readonly PlanUpdate[],
  at: Date,
): Status | null {
  const before = updates.filter((u) => u.at < at);
  const last = before[before.length - 1];
  if (last) return last.newStatus;
  if (action.createdAt >= at) return null;
  return updates[0]?.oldStatus ?? action.status;
}

/** Groups a plan's updates by action, oldest first within each. */
export function groupUpdates(updates: readonly PlanUpdate[]): Map<string, PlanUpdate[]> {
  const byAction = new Map<string, PlanUpdate[]>();
  for (const u of updates) {
    const list = byAction.get(u.actionId) ?? [];
    list.push(u);
    byAction.set(u.actionId, list);
  }
  return byAction;
}

/** Builds the since section for `rows` (one per action, same order) from the period starting at `start`. */
export function buildSinceSection(input: {
  actions: readonly Action[];
  rows: readonly ReportRow[];
  themes: readonly { ref: string; title: string }[];
  updates: ReadonlyMap<string, readonly PlanUpdate[]>;
  since: string;
  sinceLabel: string;
  start: Date;
  timezone: string;
}): SinceSection {
  const { actions, rows, start, timezone } = input;
  const day = (at: Date) => formatShortDate(getLocalDate(at, timezone));
  const section: SinceSection = {
    since: input.since,
    sinceLabel: input.sinceLabel,
    rows: [],
    exceptions: { redAmber: [], noUpdate: [], overdue: [] },
    completed: [],
    directions: emptyDirections(),
    themeDirections: input.themes.map(emptyDirections),
  };
  actions.forEach((action, i) => {
    const row = rows[i] as ReportRow;
    const history = input.updates.get(action.id) ?? [];
    const inPeriod = history.filter((u) => u.at >= start);
    const then = getStatusAt(action, history, start);
    const direction = getDirection(then, action.status);
    section.directions[direction]++;
    const t = input.themes.findIndex((th) => th.ref === row.themeRef && th.title === row.themeTitle);
    const themeCounts = section.themeDirections[t];
    if (themeCounts) themeCounts[direction]++;
    section.rows.push({
      row,
      then,
      direction,
      updates: inPeriod.map((u) => ({
        date: day(u.at),
        author: describeAuthor(u),
        source: u.source,
        from: u.oldStatus,
        to: u.newStatus,
        note: u.note,
      })),
    });
    if (action.status === 'RED' || action.status === 'AMBER') {
      const noted = history.filter((u) => u.note?.trim()).pop();
      section.exceptions.redAmber.push({
        row,
        note: noted?.note ?? null,
        noteDate: noted ? day(noted.at) : null,
      });
    }
    if (action.status !== 'COMPLETE' && inPeriod.length === 0) section.exceptions.noUpdate.push(row);
    if (row.overdue) section.exceptions.overdue.push(row);
    const completion = inPeriod.filter((u) => u.newStatus === 'COMPLETE' && u.oldStatus !== 'COMPLETE').pop();
    if (action.status === 'COMPLETE' && (completion || then !== 'COMPLETE')) {
      // The evidence is the note of the update that completed it, or a later note on it.
      const evidence = history.filter((u) => u.newStatus === 'COMPLETE' && u.note?.trim()).pop();
      section.completed.push({
        row,
        evidence: evidence?.note ?? null,
        completedOn: completion ? day(completion.at) : null,
      });
    }
  });
  // Red before Amber, each in plan order.
  section.exceptions.redAmber.sort((a, b) => RANK[a.row.status] - RANK[b.row.status]);
  return section;
}

function emptyDirections(): Record<Direction, number> {
  return { improved: 0, worsened: 0, unchanged: 0, new: 0 };
}
