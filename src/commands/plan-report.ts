import type { Clock, Store } from '../domain/ports.ts';
import { renderReportCsv } from '../domain/report/render-csv.ts';
import { renderReportHtml } from '../domain/report/render-html.ts';
import { renderReportMarkdown } from '../domain/report/render-markdown.ts';
import { buildReport, describeSummary } from '../domain/report/report-model.ts';

/** The formats a report comes in. */
export const REPORT_FORMATS = ['html', 'md', 'csv'] as const;
/** One of {@link REPORT_FORMATS}. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const MEDIA_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** A report file, or why there is none. */
export type PlanReport =
  | { ok: true; name: string; mediaType: string; content: string; summary: string }
  | { ok: false; error: string };

/** Builds a plan's report (the one plan when `code` is null and only one is held). */
export async function createPlanReport(
  store: Pick<Store, 'plans' | 'actions'>,
  clock: Clock,
  code: string | null,
  format: ReportFormat,
): Promise<PlanReport> {
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
  const actions = await store.actions.findActions({ planCodes: [plan.code] });
  const model = buildReport(plan, actions, now);
  const content =
    format === 'html'
      ? renderReportHtml(model)
      : format === 'md'
        ? renderReportMarkdown(model)
        : renderReportCsv(model);
  return {
    ok: true,
    name: `${plan.code.toLowerCase()}-report-${model.date}.${format}`,
    mediaType: MEDIA_TYPES[format],
    content,
    summary: `${plan.title} (${plan.code}), ${model.date}: ${describeSummary(model)}.`,
  };
}
