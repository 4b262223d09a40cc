import { describeStatus } from '../status.ts';
import { describeSummary, REPORT_STATUS_ORDER, type ReportModel } from './report-model.ts';

/** Text safe inside a Markdown table cell: pipes escaped, line breaks as <br>. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>').trim() || ' ';
}

/** The report as Markdown: summary, counts by status, then one table per theme. */
export function renderReportMarkdown(model: ReportModel): string {
  const { plan, summary } = model;
  const out = [
    `# ${plan.title} (${plan.code}): progress report`,
    '',
    `${plan.period ? `Plan period: ${plan.period}. ` : ''}Report date: ${model.date}.`,
    '',
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
  for (const theme of model.themes) {
    out.push('', `## ${[theme.ref, theme.title].filter(Boolean).join('. ')}`, '');
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
  return `${out.join('\n')}\n`;
}
