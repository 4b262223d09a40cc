import { addTableRow, createTableState } from './add-table-row.ts';
import { parseCsv } from './csv.ts';
import { type ColumnMap, readHeader } from './plan-columns.ts';
import type { ImportedPlan, PlanIdentity } from './plan-draft.ts';
import { finishDraft } from './plan-draft.ts';
import { cleanCells, readSectionHeading, reportMarkup } from './row-structure.ts';
import { tidy } from './table-rows.ts';

/**
 * Reads a spreadsheet exported as CSV or TSV: a header row (within the first ten rows) naming the
 * columns, then one action per row. Rows above the header give the plan's title.
 */
export function parseTablePlan(text: string, id: PlanIdentity, delimiter?: string): ImportedPlan {
  const csv = delimiter ? parseCsv(text, delimiter) : parseCsv(text);
  if (!csv.ok) return { ok: false, errors: [`line ${csv.line}: ${csv.error}`] };
  const state = createTableState();
  const rows = csv.rows.map((r) => ({ line: r.line, cells: cleanCells(r.cells, r.line, state.markupLines) }));
  const headerAt = rows.slice(0, 10).findIndex((r) => readHeader(r.cells));
  if (headerAt < 0) {
    const first =
      rows[0]?.cells
        .map((c) => c.trim())
        .filter(Boolean)
        .slice(0, 6)
        .join(', ') ?? '';
    return {
      ok: false,
      errors: [
        `no recognisable header row: expected columns such as Ref, Theme, Action, Owner, Due, Status, Update${first ? ` (line ${rows[0]?.line} reads "${first.slice(0, 120)}")` : ''}`,
      ],
    };
  }
  let map = readHeader(rows[headerAt]?.cells ?? []) as ColumnMap;
  // A numbered heading row above the first header row ("1 Place shaping ...") is the first theme.
  for (const row of rows.slice(0, headerAt))
    if (readSectionHeading(row.cells)) addTableRow(state, row.cells, map, row.line);
  for (const row of rows.slice(headerAt + 1)) {
    const header = readHeader(row.cells);
    if (header) map = header;
    else addTableRow(state, row.cells, map, row.line);
  }
  const firstRow = rows[0];
  const title =
    firstRow && headerAt > 0 && !readSectionHeading(firstRow.cells)
      ? tidy(firstRow.cells.find((c) => c.trim()))
      : undefined;
  reportMarkup(state.markupLines, state.problems);
  return finishDraft({ title, themes: state.themes }, id, state.problems);
}
