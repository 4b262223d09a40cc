import { type Action, isOverdue, needsUpdate } from '../action.ts';
import type { UpdateCycle } from '../cycle.ts';
import { describeStatus, STATUSES, type Status } from '../status.ts';
import { formatIsoDate, getLocalDate } from '../zoned-time.ts';
import { buildSinceSection, groupUpdates, type PlanUpdate, type SinceSection } from './since-model.ts';
import { buildStatusTimeline, type StatusPoint } from './status-timeline.ts';

/** One action in a report. */
export type ReportRow = {
  themeRef: string;
  themeTitle: string;
  ref: string;
  title: string;
  owners: string[];
  due: string;
  overdue: boolean;
  status: Status;
  /** "Amber", "Not yet rated": the text that goes with the colour. */
  statusLabel: string;
  latestUpdate: string | null;
  /** The latest update's date in the plan's zone (YYYY-MM-DD), or null. */
  latestUpdateDate: string | null;
  needsUpdate: boolean;
};

/** Status counts for one theme, for the chart. */
export type ThemeCounts = { ref: string; title: string; counts: Record<Status, number> };

/** Everything a report shows, built once and rendered as HTML, Markdown or CSV. */
export type ReportModel = {
  plan: { code: string; title: string; period: string | null; updateCycle: UpdateCycle };
  /** The day the report was made, in the plan's zone. */
  date: string;
  rows: ReportRow[];
  themes: ThemeCounts[];
  summary: { total: number; byStatus: Record<Status, number>; overdue: number; noUpdateThisCycle: number };
  /** Statuses at the end of each month (empty when the report was built without history). */
  timeline: StatusPoint[];
  /** For a report since a date (a committee): direction of travel, exceptions, completed work. */
  since: SinceSection | null;
  /** The networks asked before Complete counted: one line each (`2.4: ...`), counts only at K or more. */
  checkbacks: string[];
};

/**
 * What a report may add to the actions' current state: their history (every update of the plan,
 * oldest first), and a period start for a report since a date (`day` ISO, `start` that day's 00:00 in
 * the plan's zone, `label` how the report names it).
 */
export type ReportOptions = {
  updates?: readonly PlanUpdate[];
  since?: { day: string; start: Date; label: string };
  /** Check-back lines, already worded (describeCheckback). */
  checkbacks?: string[];
};

/** Builds a plan's report from its actions (in plan order) at `now`. */
export function buildReport(
  plan: { code: string; title: string; period: string | null; timezone: string; updateCycle: UpdateCycle },
  actions: readonly Action[],
  now: Date,
  options: ReportOptions = {},
): ReportModel {
  const zone = plan.timezone;
  const rows = actions.map(
    (a): ReportRow => ({
      themeRef: a.theme?.ref ?? '',
      themeTitle: a.theme?.title ?? 'No theme',
      ref: a.ref,
      title: a.title,
      owners: a.owners,
      due: a.due.text,
      overdue: isOverdue(a, now),
      status: a.status,
      statusLabel: describeStatus(a.status),
      latestUpdate: a.lastUpdate?.note ?? null,
      latestUpdateDate: a.lastUpdate ? formatIsoDate(getLocalDate(a.lastUpdate.at, zone)) : null,
      needsUpdate: needsUpdate(a, now),
    }),
  );
  const themes: ThemeCounts[] = [];
  for (const row of rows) {
    let theme = themes.find((t) => t.ref === row.themeRef && t.title === row.themeTitle);
    if (!theme) {
      theme = { ref: row.themeRef, title: row.themeTitle, counts: emptyCounts() };
      themes.push(theme);
    }
    theme.counts[row.status]++;
  }
  const byStatus = emptyCounts();
  for (const row of rows) byStatus[row.status]++;
  const updates = groupUpdates(options.updates ?? []);
  const since = options.since
    ? buildSinceSection({
        actions,
        rows,
        themes,
        updates,
        since: options.since.day,
        sinceLabel: options.since.label,
        start: options.since.start,
        timezone: zone,
      })
    : null;
  return {
    plan: { code: plan.code, title: plan.title, period: plan.period, updateCycle: plan.updateCycle },
    date: formatIsoDate(getLocalDate(now, zone)),
    rows,
    themes,
    summary: {
      total: rows.length,
      byStatus,
      overdue: rows.filter((r) => r.overdue).length,
      noUpdateThisCycle: rows.filter((r) => r.needsUpdate).length,
    },
    timeline: options.updates
      ? buildStatusTimeline(actions, updates, now, zone, options.since?.start ?? null)
      : [],
    since,
    checkbacks: options.checkbacks ?? [],
  };
}

/** Statuses in the order reports list them: worst first, then done, then not rated. */
export const REPORT_STATUS_ORDER: readonly Status[] = ['RED', 'AMBER', 'GREEN', 'COMPLETE', 'NOT_RATED'];

function emptyCounts(): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
}

/** One line of the summary: "87 actions: 3 Red, 10 Amber, ...; 5 overdue; 12 with no update this cycle". */
export function describeSummary(model: ReportModel): string {
  const s = model.summary;
  const counts = REPORT_STATUS_ORDER.filter((st) => s.byStatus[st] > 0)
    .map((st) => `${s.byStatus[st]} ${describeStatus(st)}`)
    .join(', ');
  return `${s.total} action${s.total === 1 ? '' : 's'}${counts ? `: ${counts}` : ''}; ${s.overdue} overdue; ${s.noUpdateThisCycle} with no update this ${cycleWord(model.plan.updateCycle)}`;
}

function cycleWord(cycle: UpdateCycle): string {
  return cycle === 'monthly' ? 'month' : cycle === 'quarterly' ? 'quarter' : 'half-year';
}
