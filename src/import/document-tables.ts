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
  addTableRow(s, cells, s.map as ColumnMap, line, { joinSplitRows: true, afterGap });
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
