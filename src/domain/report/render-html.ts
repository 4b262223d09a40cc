import { escapeHtml } from './html-text.ts';
import {
  badge,
  renderCompleted,
  renderExceptions,
  renderRollup,
  renderSinceTheme,
} from './render-html-since.ts';
import { describeSummary, REPORT_STATUS_ORDER, type ReportModel } from './report-model.ts';
import { renderStatusChart } from './status-chart.ts';
import { renderTimelineChart } from './timeline-chart.ts';

const CSS = `
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#1a1a1a;margin:2rem;max-width:75rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;break-after:avoid}
.meta{color:#444;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#eee}tr{break-inside:avoid}
.rag{display:inline-block;padding:.1rem .45rem;border-radius:.25rem;font-weight:600;white-space:nowrap;border:1px solid #333;print-color-adjust:exact;-webkit-print-color-adjust:exact}
.overdue{font-weight:600;color:#8e0000}.note{white-space:pre-line}
.summary td:last-child{text-align:right}
figure{margin:1rem 0}figcaption{color:#444;font-size:.9rem}
h3{font-size:1.05rem;margin:1.25rem 0 .4rem}.when{color:#444;white-space:nowrap}
.exceptions{border-left:4px solid #c62828;padding-left:1rem}
.dot{white-space:nowrap;font-weight:600}.dot-worsened{color:#8e0000}.dot-improved{color:#1b5e20}
ul.updates{margin:0;padding-left:1.1rem;min-width:16rem}ul.updates li{margin:.15rem 0}
.rollup td:not(:first-child),.rollup th:not(:first-child){text-align:right}.rollup td:first-child{min-width:16rem;max-width:28rem}
@media print{body{margin:1cm;font-size:10pt}thead{display:table-header-group}a{color:inherit}}
`;

/** The report as one self-contained HTML page (no scripts, fonts or images fetched) that prints well. */
export function renderReportHtml(model: ReportModel): string {
  const { plan, summary } = model;
  const e = escapeHtml;
  const summaryRows = REPORT_STATUS_ORDER.map(
    (s) => `<tr><td>${badge(s)}</td><td>${summary.byStatus[s]}</td></tr>`,
  ).join('');
  const since = model.since;
  const themes = model.themes
    .map((theme) => {
      if (since) return renderSinceTheme(since, theme);
      const rows = model.rows
        .filter((r) => r.themeRef === theme.ref && r.themeTitle === theme.title)
        .map(
          (r) =>
            `<tr><td>${e(r.ref)}</td><td>${e(r.title)}</td><td>${e(r.owners.join('; '))}</td><td${r.overdue ? ' class="overdue"' : ''}>${e(r.due)}${r.overdue ? ' (overdue)' : ''}</td><td>${badge(r.status)}</td><td class="note">${e(r.latestUpdate ?? '')}</td><td>${e(r.latestUpdateDate ?? '')}</td></tr>`,
        )
        .join('\n');
      return `<section><h2>${e([theme.ref, theme.title].filter(Boolean).join('. '))}</h2>
<table><thead><tr><th>Ref</th><th>Action</th><th>Owners</th><th>Due</th><th>RAG</th><th>Latest update</th><th>Updated</th></tr></thead>
<tbody>
${rows}
</tbody></table></section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(plan.title)} – progress report</title><style>${CSS}</style></head>
<body>
<header><h1>${e(plan.title)}</h1>
<p class="meta">Plan ${e(plan.code)}${plan.period ? ` · Period: <span class="period">${e(plan.period)}</span>` : ''} · Report date: ${e(model.date)}${since ? ` · <strong>Since ${e(since.sinceLabel)}</strong>` : ''}</p></header>
${since ? renderExceptions(since) : ''}
<section><h2>Summary</h2><p class="summary-line">${e(describeSummary(model))}</p>
<table class="summary" style="width:auto"><thead><tr><th>Status</th><th>Actions</th></tr></thead><tbody>${summaryRows}
<tr><td>Overdue</td><td>${summary.overdue}</td></tr><tr><td>No update this cycle</td><td>${summary.noUpdateThisCycle}</td></tr></tbody></table>
<h3>By theme</h3>${renderRollup(model)}
<figure>${renderStatusChart(model.themes)}<figcaption>Actions by status in each theme.</figcaption></figure>
${model.timeline.length ? `<figure>${renderTimelineChart(model.timeline)}<figcaption>Actions by status at the end of each month.</figcaption></figure>` : ''}</section>
${themes}
${since ? renderCompleted(since) : ''}
${model.checkbacks.length ? `<h2>The network asked before Complete</h2><ul>${model.checkbacks.map((c) => `<li>${e(c)}</li>`).join('')}</ul>` : ''}
</body></html>
`;
}
