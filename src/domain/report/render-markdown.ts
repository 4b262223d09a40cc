import { describeStatus } from '../status.ts';
import {
  cell,
  renderCompletedMarkdown,
  renderExceptionsMarkdown,
  renderSinceThemeMarkdown,
} from './render-markdown-since.ts';
import { describeSummary, REPORT_STATUS_ORDER, type ReportModel } from './report-model.ts';
import { DIRECTION_LABELS } from './since-model.ts';

/** The report as Markdown: summary, counts by status, then one table per theme. */
export function renderReportMarkdown(model: ReportModel): string {
  const { plan, summary, since } = model;
  const out = [
    `# ${plan.title} (${plan.code}): progress report`,
    '',
    `${plan.period ? `Plan period: ${plan.period}. ` : ''}Report date: ${model.date}.${since ? ` Since ${since.sinceLabel}.` : ''}`,
    '',
    ...(since ? [...renderExceptionsMarkdown(since), ''] : []),
    '## Summary',
    '',
    describeSummary(model),
    '',
    '| Status | Actions |',
    '| --- | ---: |',
    ...REPORT_STATUS_ORDER.map((s) => `| ${describeStatus(s)} | ${summary.byStatus[s]} |`),
    `| Overdue | ${summary.overdue} |`,
    `| No update this cycle | ${summary.noUpdateThisCycle} |`,
  ];
  out.push('', '### By theme', '', ...renderRollupMarkdown(model));
  for (const theme of model.themes) {
    out.push('', `## ${[theme.ref, theme.title].filter(Boolean).join('. ')}`, '');
    if (since) {
      out.push(...renderSinceThemeMarkdown(since, theme));
      continue;
    }
    out.push(
      '| Ref | Action | Owners | Due | RAG | Latest update | Updated |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const r of model.rows.filter(
      (row) => row.themeRef === theme.ref && row.themeTitle === theme.title,
    )) {
      const due = r.overdue ? `${r.due} (overdue)` : r.due;
      out.push(
        `| ${cell(r.ref)} | ${cell(r.title)} | ${cell(r.owners.join('; '))} | ${cell(due)} | ${cell(r.statusLabel)} | ${cell(r.latestUpdate ?? '')} | ${cell(r.latestUpdateDate ?? '')} |`,
      );
    }
  }
  if (since) out.push(...renderCompletedMarkdown(since));
  if (model.checkbacks.length)
    out.push('', '## The network asked before Complete', '', ...model.checkbacks.map((c) => `- ${c}`));
  return `${out.join('\n')}\n`;
}

/** Per theme: counts by status, and since a date how many moved each way. */
function renderRollupMarkdown(model: ReportModel): string[] {
  const moves = model.since ? (['improved', 'worsened', 'unchanged', 'new'] as const) : [];
  const head = [
    'Theme',
    ...REPORT_STATUS_ORDER.map(describeStatus),
    'Total',
    ...moves.map((d) => DIRECTION_LABELS[d].word),
  ];
  const lines = [`| ${head.join(' | ')} |`, `| --- |${' ---: |'.repeat(head.length - 1)}`];
  model.themes.forEach((t, i) => {
    const total = Object.values(t.counts).reduce((a, b) => a + b, 0);
    const moved = model.since?.themeDirections[i];
    const cells = [
      cell([t.ref, t.title].filter(Boolean).join('. ')),
      ...REPORT_STATUS_ORDER.map((s) => String(t.counts[s])),
      String(total),
      ...moves.map((d) => String(moved?.[d] ?? 0)),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  });
  return lines;
}
