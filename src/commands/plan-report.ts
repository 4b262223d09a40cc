import { describeCheckback } from '../domain/checkback.ts';
import { formatLongDate } from '../domain/format.ts';
import type { Clock, PlanSummary, Store } from '../domain/ports.ts';
import { renderReportCsv } from '../domain/report/render-csv.ts';
import { renderReportHtml } from '../domain/report/render-html.ts';
import { renderReportMarkdown } from '../domain/report/render-markdown.ts';
import type { ReportDocuments } from '../domain/report/report-documents.ts';
import { buildReport, describeSummary, type ReportModel } from '../domain/report/report-model.ts';
import { formatIsoDate, getLocalDate, getZonedInstant, type LocalDate } from '../domain/zoned-time.ts';

/** The formats a report comes in. */
export const REPORT_FORMATS = ['html', 'md', 'csv', 'docx'] as const;
/** One of {@link REPORT_FORMATS}. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const MEDIA_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Where a report's period starts: a day, or the last committee meeting recorded for the plan. */
export type ReportSince = { kind: 'day'; day: LocalDate } | { kind: 'last-committee' };

/**
 * A report file, or why there is none. `content` is text, or base64 when `encoding` says so (Word);
 * `bytes` holds a binary file's bytes for writers that take them.
 */
export type PlanReport =
  | {
      ok: true;
      name: string;
      mediaType: string;
      content: string;
      encoding?: 'base64';
      bytes?: Uint8Array;
      summary: string;
    }
  | { ok: false; error: string };

/** What a report is made of: which plan, format and period, and the Word writer when there is one. */
export type ReportRequestOptions = {
  code: string | null;
  format: ReportFormat;
  since?: ReportSince | null;
  documents?: ReportDocuments | undefined;
};

/** Builds a plan's report (the one plan when `code` is null and only one is held). */
export async function createPlanReport(
  store: Pick<Store, 'plans' | 'actions' | 'committees' | 'checkbacks'>,
  clock: Clock,
  options: ReportRequestOptions,
): Promise<PlanReport> {
  const { code, format } = options;
  if (format === 'docx' && !options.documents)
    return { ok: false, error: 'Word reports are not available here: ask for html, md or csv.' };
  const plans = await store.plans.listPlans();
  if (plans.length === 0) return { ok: false, error: 'No plans yet: import one first.' };
  const plan = code
    ? plans.find((p) => p.code === code.toUpperCase())
    : plans.length === 1
      ? plans[0]
      : undefined;
  if (!plan)
    return {
      ok: false,
      error: code
        ? `No plan ${code.toUpperCase()}. Plans: ${plans.map((p) => p.code).join(', ')}.`
        : `Say which plan: ${plans.map((p) => p.code).join(', ')} (report plan CODE).`,
    };
  const now = clock.now();
  const since = options.since ? await resolveSince(store, plan, options.since, now) : null;
  if (since && !since.ok) return since;
  const actions = await store.actions.findActions({ planCodes: [plan.code] });
  const updates = await store.actions.getPlanHistory(plan.code);
  const checkbacks = (await store.checkbacks.listResults(actions.map((a) => a.id))).map(
    (c) => `${actions.find((a) => a.id === c.actionId)?.ref ?? '?'}: ${describeCheckback(c)}`,
  );
  const model = buildReport(plan, actions, now, {
    updates,
    checkbacks,
    ...(since ? { since: since.value } : {}),
  });
  const name = `${plan.code.toLowerCase()}-report-${model.date}${model.since ? `-since-${model.since.since}` : ''}.${format}`;
  const summary = `${plan.title} (${plan.code}), ${model.date}${model.since ? `, since ${model.since.sinceLabel}` : ''}: ${describeSummary(model)}.`;
  const base = { ok: true as const, name, mediaType: MEDIA_TYPES[format], summary };
  if (format === 'docx' && options.documents) {
    const bytes = await options.documents.renderDocx(model);
    return { ...base, content: Buffer.from(bytes).toString('base64'), encoding: 'base64', bytes };
  }
  return { ...base, content: renderText(model, format) };
}

function renderText(model: ReportModel, format: ReportFormat): string {
  if (format === 'html') return renderReportHtml(model);
  if (format === 'md') return renderReportMarkdown(model);
  return renderReportCsv(model);
}

/** The period's first day and how the report names it, or why it cannot start there. */
async function resolveSince(
  store: Pick<Store, 'committees'>,
  plan: PlanSummary,
  since: ReportSince,
  now: Date,
): Promise<{ ok: true; value: { day: string; start: Date; label: string } } | { ok: false; error: string }> {
  const today = formatIsoDate(getLocalDate(now, plan.timezone));
  let day: LocalDate;
  let label: string;
  if (since.kind === 'last-committee') {
    const last = await store.committees.findLastMeeting(plan.code, today);
    if (!last)
      return {
        ok: false,
        error: `No committee is recorded for ${plan.code}: record one with committee ${plan.code} <date>, or say since <date>.`,
      };
    const [y, m, d] = last.split('-').map(Number);
    day = { year: y ?? 0, month: m ?? 1, day: d ?? 1 };
    label = `the committee on ${formatLongDate(day)}`;
  } else {
    day = since.day;
    if (formatIsoDate(day) > today)
      return { ok: false, error: `${formatLongDate(day)} is after today: a report since a date looks back.` };
    label = formatLongDate(day);
  }
  return { ok: true, value: { day: formatIsoDate(day), start: getZonedInstant(day, plan.timezone), label } };
}
