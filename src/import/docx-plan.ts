import { neutraliseBidi } from '../domain/text-hygiene.ts';
import { addTableRow, createTableState, type TableState } from './add-table-row.ts';
import type { DocxBlock } from './docx-blocks.ts';
import { cleanImportText, cleanImportValues } from './import-hygiene.ts';
import { type ColumnMap, readHeader } from './plan-columns.ts';
import type { ImportedPlan, PlanIdentity } from './plan-draft.ts';
import { finishDraft } from './plan-draft.ts';
import { readThemeCell, tidy, useTheme } from './table-rows.ts';

/** An action number in a cell ("1.1 ..."): a row that starts with one is an action, not a heading. */
const ACTION_REF = /^\d{1,3}\.\d{1,3}/;
/** A Word heading numbered without a separator: "2 Workforce". */
const BARE_NUMBER = /^(\d{1,3})\s+(\D[\s\S]*)$/;

/** A heading's number and title: "Theme 2: Workforce", "2. Workforce", "2 Workforce". */
function readHeading(text: string): { ref?: string; title: string } {
  const bare = ACTION_REF.test(text) ? null : BARE_NUMBER.exec(text);
  return bare?.[1] && bare[2] ? { ref: bare[1], title: bare[2].trim() } : readThemeCell(text);
}

/**
 * Recovers a plan from a Word document's tables: each table's header row names the columns (a table
 * without one continues the table before it), numbered headings and paragraphs before a table, and
 * rows with a single numbered cell inside one, start themes. Notes count blocks (paragraphs and rows).
 */
export function parseDocxTables(blocks: DocxBlock[], id: Partial<PlanIdentity>): ImportedPlan {
  const checked = checkBlocks(blocks, id);
  if (!checked.ok) return checked;
  const state = createTableState();
  let map: ColumnMap | null = null;
  let headerCells: string[] = [];
  let table = 0;
  let pending: Extract<DocxBlock, { kind: 'text' }>[] = [];
  const skippedTables = new Set<number>();
  for (const block of checked.blocks) {
    if (block.kind === 'text') {
      pending.push(block);
      continue;
    }
    if (block.table !== table) {
      table = block.table;
      startTheme(state, pending);
      pending = [];
    }
    const header = readHeader(block.cells);
    if (header) {
      map = header;
      headerCells = block.cells;
    } else if (headingCell(block.cells))
      startTheme(state, [{ kind: 'text', line: block.line, text: headingCell(block.cells), heading: true }]);
    else if (map) {
      addTableRow(state, ownersByLine(block.cells, map), map, block.line);
      for (const column of block.merged ?? [])
        state.problems.push({
          line: block.line,
          message: `the ${headerCells[column]?.trim() || `column ${column + 1}`} cell is merged down from the row above: its text is read for this row too`,
        });
    } else if (!skippedTables.has(table)) {
      skippedTables.add(table);
      state.problems.push({
        line: block.line,
        message: `table ${table} has no recognisable header row such as Action, Owner, By when; skipped`,
      });
    }
  }
  const first = checked.blocks.find((b) => b.kind === 'text');
  return finishDraft({ title: first?.text, themes: state.themes }, checked.identity, state.problems);
}

// The nearest numbered paragraph before a table is its theme ("2 Workforce"); failing that, the
// nearest heading. Paragraphs that are neither are narrative.
function startTheme(state: TableState, pending: Extract<DocxBlock, { kind: 'text' }>[]): void {
  const candidates = pending.filter((p) => p.text.length > 0 && p.text.length < 200);
  const heading =
    candidates.findLast((p) => readHeading(p.text).ref && !ACTION_REF.test(p.text)) ??
    candidates.findLast((p) => p.heading);
  if (!heading) return;
  useTheme(state, readHeading(heading.text), heading.line);
  state.last = null;
}

// A row whose only text is a numbered heading ("3 Communities", merged across the table).
function headingCell(cells: string[]): string {
  const filled = cells.map((c) => tidy(c)).filter(Boolean);
  const only = filled[0] ?? '';
  return filled.length === 1 && !ACTION_REF.test(only) && readHeading(only).ref ? only : '';
}

// An owner cell's paragraphs are one role each ("Director of People" over "Equality and Diversity
// Manager"); splitOwnerRoles reads a cell's line breaks as spaces, so they are given as "; ".
function ownersByLine(cells: string[], map: ColumnMap): string[] {
  if (map.owner === undefined) return cells;
  return cells.map((c, i) => (i === map.owner ? c.split('\n').filter(Boolean).join('; ') : c));
}

type Checked = { ok: true; blocks: DocxBlock[]; identity: PlanIdentity } | { ok: false; errors: string[] };

// The import's text hygiene, as for every file: each block is checked as one line (so a refusal names
// the block), then bidi controls are removed from every cell.
function checkBlocks(blocks: DocxBlock[], id: Partial<PlanIdentity>): Checked {
  if (!id.code)
    return {
      ok: false,
      errors: ['--plan CODE is needed for spreadsheets and documents (2-16 capitals, like ARAP)'],
    };
  const asLines = blocks.map((b) => (b.kind === 'text' ? b.text : b.cells.join(' | ')).replace(/\n/g, ' '));
  const clean = cleanImportText(asLines.join('\n'));
  if (!clean.ok) return clean;
  const options = cleanImportValues({ '--title': id.title, '--period': id.period });
  if (!options.ok) return options;
  const { '--title': title, '--period': period } = options.data as Record<string, string | undefined>;
  const cleaned = blocks.map((b) =>
    b.kind === 'text'
      ? { ...b, text: neutraliseBidi(b.text) }
      : { ...b, cells: b.cells.map((c) => neutraliseBidi(c)) },
  );
  return { ok: true, blocks: cleaned, identity: { code: id.code, title, period } };
}
