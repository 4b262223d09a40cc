import type { ReportModel } from './report-model.ts';

const HEADER = ['Theme', 'Ref', 'Action', 'Owners', 'Due', 'Overdue', 'RAG', 'Latest update', 'Update date'];

/** Quotes a CSV field when it needs it (RFC 4180: delimiter, quote, line break). */
function quoteCsvField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The report as CSV: one row per action, CRLF line ends and a byte order mark so Excel reads UTF-8. */
export function renderReportCsv(model: ReportModel): string {
  const rows = model.rows.map((r) => [
    [r.themeRef, r.themeTitle].filter(Boolean).join('. '),
    r.ref,
    r.title,
    r.owners.join('; '),
    r.due,
    r.overdue ? 'yes' : 'no',
    r.statusLabel,
    r.latestUpdate ?? '',
    r.latestUpdateDate ?? '',
  ]);
  return `\uFEFF${[HEADER, ...rows].map((cells) => cells.map(quoteCsvField).join(',')).join('\r\n')}\r\n`;
}
