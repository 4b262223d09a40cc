import { findBrokenCharacter, neutraliseBidi } from '../domain/text-hygiene.ts';
import { addTableRow, createTableState } from './add-table-row.ts';
import { cleanImportValues } from './import-hygiene.ts';
import { type ColumnMap, readHeader } from './plan-columns.ts';
import { finishDraft, type ImportedPlan, type PlanIdentity } from './plan-draft.ts';
import type { SheetRows } from './read-xlsx.ts';
import { readThemeCell, tidy, useTheme } from './table-rows.ts';

/** Names Excel gives new sheets: no hint about what a sheet holds. */
const DEFAULT_SHEET_NAME = /^(sheet|feuil|tabelle|hoja|blad)\s*\d*$/i;

/**
 * Reads a workbook's sheets as one plan table: each sheet finds its header row (within its first ten
 * rows) and may repeat it; a sheet without a theme column makes its name the theme of its rows (unless
 * Excel named it, "Sheet2"). Notes name their sheet and row.
 */
export function parseWorkbookPlan(sheets: readonly SheetRows[], id: Partial<PlanIdentity>): ImportedPlan {
  if (!id.code)
    return {
      ok: false,
      errors: ['--plan CODE is needed for spreadsheets and documents (2-16 capitals, like ARAP)'],
    };
  const options = cleanImportValues({ '--title': id.title, '--period': id.period });
  if (!options.ok) return options;
  const { '--title': title, '--period': period } = options.data as Record<string, string | undefined>;
  const clean = cleanSheets(sheets);
  if (!clean.ok) return clean;
  // Rows get one running number across sheets, mapped back to sheet and row for the notes.
  const where: { sheet: string; row: number }[] = [];
  const state = createTableState();
  let planTitle: string | undefined;
  const skipped: string[] = [];
  for (const sheet of clean.sheets) {
    const rows = sheet.rows.map((r) => ({
      cells: r.cells,
      line: where.push({ sheet: sheet.name, row: r.line }),
    }));
    const headerAt = rows.slice(0, 10).findIndex((r) => readHeader(r.cells));
    if (headerAt < 0) {
      skipped.push(sheet.name);
      continue;
    }
    if (headerAt > 0) planTitle ??= tidy(rows[0]?.cells.find((c) => c.trim()));
    let map = readHeader(rows[headerAt]?.cells ?? []) as ColumnMap;
    noteMerges(sheet, rows[headerAt]?.cells ?? [], state.problems, where.length - rows.length);
    state.current = null; // a sheet's rows do not continue the previous sheet's theme
    state.last = null;
    const hint = sheet.name.trim();
    const first = rows[headerAt + 1];
    if (map.theme === undefined && first && hint && !DEFAULT_SHEET_NAME.test(hint))
      useTheme(state, readThemeCell(hint), first.line);
    for (const row of rows.slice(headerAt + 1)) {
      const header = readHeader(row.cells);
      if (header) map = header;
      else addTableRow(state, row.cells, map, row.line);
    }
  }
  if (skipped.length === clean.sheets.length)
    return {
      ok: false,
      errors: [
        'no sheet has a recognisable header row: expected columns such as Ref, Theme, Action, Owner, Due, Status, Update',
      ],
    };
  const result = finishDraft(
    { title: planTitle, themes: state.themes },
    { code: id.code, title, period },
    state.problems,
  );
  if (!result.ok) return result;
  const problems = result.problems.map((p) => {
    const at = where[p.line - 1];
    return at ? { line: at.row, message: `sheet "${at.sheet}": ${p.message}` } : p;
  });
  for (const name of skipped)
    problems.push({
      line: 1,
      message: `sheet "${name}": no header row like Ref, Action, Owner; sheet not read`,
    });
  return { ...result, problems };
}

const columnName = (index: number): string =>
  (index >= 26 ? columnName(Math.floor(index / 26) - 1) : '') + String.fromCharCode(65 + (index % 26));

// The import pipeline's text hygiene, per cell: a control character or half pair refuses the file naming
// its sheet and cell; bidi controls are removed.
function cleanSheets(
  sheets: readonly SheetRows[],
): { ok: true; sheets: SheetRows[] } | { ok: false; errors: [string] } {
  for (const sheet of sheets)
    for (const row of sheet.rows)
      for (const [i, cell] of row.cells.entries()) {
        const found = findBrokenCharacter(cell);
        if (found) {
          const what = found.kind === 'control' ? 'a control character' : 'half a character';
          return {
            ok: false,
            errors: [
              `sheet "${sheet.name}" cell ${columnName(i)}${row.line} has ${what} (${found.code}): remove it and import the file again`,
            ],
          };
        }
      }
  return {
    ok: true,
    sheets: sheets.map((s) => ({
      ...s,
      name: neutraliseBidi(s.name),
      rows: s.rows.map((r) => ({ line: r.line, cells: r.cells.map(neutraliseBidi) })),
    })),
  };
}

/**
 * A note for each cell merged down several rows below the header: its value was copied to every row
 * it covers (one owner over three actions), a guess the notes name with the column and the rows.
 */
function noteMerges(
  sheet: SheetRows,
  header: readonly string[],
  problems: { line: number; message: string }[],
  firstLine: number,
): void {
  for (const merge of sheet.merges ?? []) {
    const at = sheet.rows.findIndex((r) => r.line === merge.from);
    if (at < 0) continue;
    const name = header[merge.column - 1]?.trim() || `column ${columnName(merge.column - 1)}`;
    const value = sheet.rows[at]?.cells[merge.column - 1]?.replace(/\s+/g, ' ').trim() ?? '';
    const shown = value.length > 40 ? `${value.slice(0, 39)}…` : value;
    problems.push({
      line: firstLine + at + 1,
      message: `the ${name} cell ("${shown}") is merged down rows ${merge.from}-${merge.to}: read as the ${name} of each of those rows`,
    });
  }
}
