import { addTableRow, createTableState, type TableState } from './add-table-row.ts';
import type { DocxBlock } from './docx-blocks.ts';
import { checkBlocks } from './docx-check.ts';
import { type ColumnMap, readHeader } from './plan-columns.ts';
import type { ImportedPlan, ImportProblem, PlanIdentity } from './plan-draft.ts';
import { finishDraft } from './plan-draft.ts';
import { readThemeCell, tidy, useTheme } from './table-rows.ts';

/** An action number in a cell ("1.1 ..."): a row that starts with one is an action, not a heading. */
const ACTION_REF = /^\d{1,3}\.\d{1,3}/;
/** A Word heading numbered without a separator: "2 Workforce". */
const BARE_NUMBER = /^(\d{1,3})\s+(\D[\s\S]*)$/;

type Text = Extract<DocxBlock, { kind: 'text' }>;
type Row = Extract<DocxBlock, { kind: 'row' }>;
const cut = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

/** A heading's number and title: "Theme 2: Workforce", "2. Workforce", "2 Workforce". */
function readHeading(text: string): { ref?: string; title: string } {
  const bare = ACTION_REF.test(text) ? null : BARE_NUMBER.exec(text);
  return bare?.[1] && bare[2] ? { ref: bare[1], title: bare[2].trim() } : readThemeCell(text);
}

/** A short line that reads as a heading: one line, no sentence end, not a lower-case start. */
function headingLike(text: string): boolean {
  return text.length <= 80 && !text.includes('\n') && !/[.:;,]$/.test(text) && /^[A-Z0-9(‘'"]/.test(text);
}

/**
 * Recovers a plan from a Word document's tables (or a PDF's, read into the same blocks): each
 * table's header row names the columns (a table without one continues the table before it);
 * headings before a table, and rows holding only a heading, start themes. `notes` come first.
 */
export function parseDocxTables(
  blocks: DocxBlock[],
  id: Partial<PlanIdentity>,
  notes: ImportProblem[] = [],
): ImportedPlan {
  const checked = checkBlocks(blocks, id);
  if (!checked.ok) return checked;
  const state = createTableState();
  state.problems.push(...notes);
  let map: ColumnMap | null = null;
  let headerCells: string[] = [];
  let table = 0;
  let pending: Text[] = [];
  const skippedTables = new Set<number>();
  const all = checked.blocks;
  const title = all.find((b) => b.kind === 'text');
  all.forEach((block, index) => {
    if (block.kind === 'text') {
      pending.push(block);
      return;
    }
    const header = readHeader(block.cells);
    if (block.table !== table) {
      table = block.table;
      startTheme(state, pending, { title: title?.line, headerNext: header !== null });
      pending = [];
    }
    const next = all[index + 1];
    const heading = header
      ? null
      : headingRow(block, next?.kind === 'row' && readHeader(next.cells) !== null);
    if (header) {
      map = header;
      headerCells = block.cells;
    } else if (heading) {
      useTheme(state, readHeading(heading.text), block.line);
      state.last = null;
      if (heading.why)
        state.problems.push({
          line: block.line,
          message: `read as theme "${cut(heading.text)}": ${heading.why}`,
        });
    } else if (map) {
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
  });
  return finishDraft({ title: title?.text, themes: state.themes }, checked.identity, state.problems);
}

// The nearest numbered paragraph before a table is its theme ("2 Workforce"); failing that, the
// nearest heading (a Heading style, a bold paragraph, a PDF's larger type); failing that, a short
// line just before the table's header row, or alone between two parts of a table (a guess, noted).
// Other paragraphs are narrative, and so is the document's title.
function startTheme(state: TableState, pending: Text[], at: { title?: number; headerNext: boolean }): void {
  const candidates = pending.filter((p) => p.text.length > 0 && p.text.length < 200);
  let heading =
    candidates.findLast((p) => readHeading(p.text).ref && !ACTION_REF.test(p.text)) ??
    candidates.findLast((p) => p.heading);
  const last = pending[pending.length - 1];
  const guess =
    !heading &&
    last !== undefined &&
    last.line !== at.title &&
    headingLike(last.text) &&
    (at.headerNext || pending.length === 1);
  if (guess) heading = last;
  if (!heading) return;
  useTheme(state, readHeading(heading.text), heading.line);
  state.last = null;
  if (guess)
    state.problems.push({
      line: heading.line,
      message: `read as theme "${cut(heading.text)}": a short line before a table${at.headerNext ? "'s header row" : ''}`,
    });
}

// A row whose only text is a heading: numbered ("3 Communities"), or unnumbered ("Leadership and
// governance") merged across the table or just before a header row (a guess: `why` says so).
function headingRow(block: Row, headerNext: boolean): { text: string; why?: string } | null {
  const filled = block.cells.map((c) => tidy(c)).filter(Boolean);
  const only = filled[0] ?? '';
  if (filled.length !== 1 || ACTION_REF.test(only)) return null;
  if (readHeading(only).ref) return { text: only };
  if (!headingLike(only) || !(block.wide || headerNext)) return null;
  const why = block.wide ? 'across the whole table' : 'before a header row';
  return { text: only, why: `a row with only this text, ${why}` };
}

// An owner cell's paragraphs are one role each ("Director of People" over "Equality and Diversity
// Manager"); splitOwnerRoles reads a cell's line breaks as spaces, so they are given as "; ".
function ownersByLine(cells: string[], map: ColumnMap): string[] {
  if (map.owner === undefined) return cells;
  return cells.map((c, i) => (i === map.owner ? c.split('\n').filter(Boolean).join('; ') : c));
}
