import { addTableRow } from './add-table-row.ts';
import type { DocState } from './document-state.ts';
import { type ColumnMap, readHeader } from './plan-columns.ts';
import { readSectionHeading } from './row-structure.ts';
import { readThemeCell, useTheme } from './table-rows.ts';

/** A tab-separated line: a numbered heading row, a table's header, or a row under the header. */
export function readTableLine(s: DocState, cells: string[], line: number): void {
  const header = readHeader(cells);
  const afterGap = s.blanks >= 2;
  s.blanks = 0;
  const held = s.held;
  s.held = null;
  if (held && header) {
    // "Leadership and governance" alone in its row, then a header row: the next part's theme.
    const title = held.cells[0]?.trim() ?? '';
    flushUnknownRows(s);
    if (s.pending.length > 0) s.tablesSeen++;
    s.pending = []; // the introduction before it is not the theme
    useTheme(s, readThemeCell(title), held.line);
    s.last = null;
    s.problems.push({
      line: held.line,
      message: `read as theme "${title.slice(0, 60)}": a row with only this text, before a header row`,
    });
  } else if (held) releaseHeld(s, held);
  const heading = s.map ? null : readSectionHeading(cells);
  if (heading) {
    // "1 Place shaping ..." then empty cells, before the table's header: the theme, not the intro.
    flushUnknownRows(s);
    s.pending = [];
    s.tablesSeen++;
    useTheme(s, heading, line);
    s.problems.push({
      line,
      message: `read as theme ${heading.ref} ("${heading.title.slice(0, 60)}"): a numbered heading row`,
    });
    return;
  }
  if (!header && !s.map && aloneShort(cells)) {
    s.held = { cells, line, afterGap };
    return;
  }
  if (!header && !s.map) {
    if (cells.some((c) => c.trim())) s.unknownRows = { from: s.unknownRows?.from ?? line, to: line };
    return;
  }
  flushUnknownRows(s);
  if (s.pending.length > 0) startTableTheme(s, line);
  s.block = null;
  if (header) {
    s.map = header;
    return;
  }
  if (aloneShort(cells)) s.held = { cells, line, afterGap };
  else addTableRow(s, cells, s.map as ColumnMap, line, { joinSplitRows: true, afterGap });
}

// Only the first cell filled, with a short line that reads as a heading (no number: numbered ones
// are headings already), and no sentence end.
function aloneShort(cells: string[]): boolean {
  const first = cells[0]?.trim() ?? '';
  return (
    cells.slice(1).every((c) => !c.trim()) &&
    first.length > 0 &&
    first.length <= 80 &&
    /^[A-Z]/.test(first) &&
    !/[.:;,]$/.test(first)
  );
}

/** Reads a held row as the table row it is, when the line after it is not a header. */
export function releaseHeld(s: DocState, held = s.held): void {
  s.held = null;
  if (!held) return;
  if (s.map) addTableRow(s, held.cells, s.map, held.line, { joinSplitRows: true, afterGap: held.afterGap });
  else s.unknownRows = { from: s.unknownRows?.from ?? held.line, to: held.line };
}

// Before the first table, the paragraph nearest it is the heading (the rest is the introduction);
// between tables, the first paragraph is the heading and the rest its objective.
function startTableTheme(s: DocState, line: number): void {
  const paragraphs = s.pending.filter((p) => p.line > 0);
  s.pending = [];
  if (paragraphs.length === 0) return;
  const first = s.tablesSeen++ === 0 && !s.current;
  const heading = first ? paragraphs.at(-1) : paragraphs[0];
  if (!heading) return;
  const theme = useTheme(s, readThemeCell(heading.text), heading.line || line);
  if (!first && paragraphs.length > 1)
    theme.objective = paragraphs
      .slice(1)
      .map((p) => p.text)
      .join('\n');
  s.last = null;
}

/** Reports the table rows read since the last header as one problem: no header was recognised. */
export function flushUnknownRows(s: DocState): void {
  if (!s.unknownRows) return;
  const { from, to } = s.unknownRows;
  s.unknownRows = null;
  s.problems.push({
    line: from,
    message: `${from === to ? 'a table row' : `a table (to line ${to})`} with no recognisable header row such as Action, Owner, By when; skipped`,
  });
}
