import { describeStatus } from '../status.ts';
import { describePeriodUpdate } from './render-markdown-since.ts';
import type { ReportModel } from './report-model.ts';
import { DIRECTION_LABELS } from './since-model.ts';

const HEADER = ['Theme', 'Ref', 'Action', 'Owners', 'Due', 'Overdue', 'RAG', 'Latest update', 'Update date'];

/** Quotes a CSV field when it needs it (RFC 4180: delimiter, quote, line break). */
function quoteCsvField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Columns a report since a date adds: the status then, the direction of travel, the period's updates. */
const SINCE_HEADER = ['Status then', 'Direction', 'Updates in the period'];

/**
 * The report as CSV: one row per action, CRLF line ends and a byte order mark so Excel reads UTF-8.
 * Since a date, each row adds its status then, its direction and every update in the period (one a line).
 */
export function renderReportCsv(model: ReportModel): string {
  const since = model.since;
  const rows = model.rows.map((r, i) => [
    [r.themeRef, r.themeTitle].filter(Boolean).join('. '),
    r.ref,
    r.title,
    r.owners.join('; '),
    r.due,
    r.overdue ? 'yes' : 'no',
    r.statusLabel,
    r.latestUpdate ?? '',
    r.latestUpdateDate ?? '',
    ...(since ? sinceCells(since.rows[i]) : []),
  ]);
  const header = since ? [...HEADER, ...SINCE_HEADER] : HEADER;
  return `\uFEFF${[header, ...rows].map((cells) => cells.map(quoteCsvField).join(',')).join('\r\n')}\r\n`;
}

function sinceCells(row: NonNullable<ReportModel['since']>['rows'][number] | undefined): string[] {
  if (!row) return ['', '', ''];
  return [
    row.then ? describeStatus(row.then) : 'Not in the plan',
    DIRECTION_LABELS[row.direction].word,
    row.updates.map(describePeriodUpdate).join('\n'),
  ];
}
