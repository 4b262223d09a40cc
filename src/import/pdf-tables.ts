import type { DocxBlock } from './docx-blocks.ts';
import { cellTexts, limit, PAD, type PdfTable, type Placed, wraps } from './pdf-cells.ts';
import type { PdfLine, PdfSegment } from './pdf-lines.ts';
import { readHeader } from './plan-columns.ts';

// A PDF made from a Word or Excel table keeps no table: only text at positions. A line whose runs of
// text name plan columns (Action, Lead, Due ...) starts a table; its runs' left edges are the columns.
// Lines below whose runs fall inside those columns are the table's lines, and are grouped into rows:
// cells are top-aligned, so a row's first line is where a column that was empty fills again (or the
// Ref column has text, or the gap is wider than a line); lines with fewer filled columns are a cell's
// text wrapping. The result is the same blocks a Word document gives, for the same reader.

/** The blocks of a PDF, where each came from (page and line on it), and the guesses made, by block. */
export type PdfBlocks = {
  blocks: DocxBlock[];
  where: { page: number; line: number }[];
  notes: { line: number; message: string }[];
};

type Table = PdfTable;
const TOLERANCE = 2;
/** A numbered heading on a line of its own ("3 Communities"), not an item ("3.1 ...", "3. ..."). */
const SECTION = /^\d{1,2}\s+[A-Z]/;

/** Reads the lines of a PDF's pages into paragraphs and table rows (see the note at the top). */
export function pdfBlocks(pages: readonly PdfLine[][], pageWidths: readonly number[]): PdfBlocks {
  const out: PdfBlocks = { blocks: [], where: [], notes: [] };
  const body = bodySize(pages);
  let table: Table | null = null;
  let tables = 0;
  let group: Placed[] = [];
  let continues = false; // nothing but rows since the table's last row: a new page's rows continue it
  const push = (block: DocxBlock, at: PdfLine) => {
    out.blocks.push(block);
    out.where.push({ page: at.page, line: at.line });
  };
  // A row broken across a page, behind the header repeated there: held open for its next lines.
  let held: Placed[] = [];
  const emit = (rows: Placed[]) => {
    const first = rows[0];
    if (!first || !table) return;
    const cells = cellTexts(rows, table, readHeader(first.cells.map((c) => c?.text ?? '')));
    push({ kind: 'row', line: out.blocks.length + 1, table: table.number, cells }, first.line);
  };
  const flush = () => {
    emit(held);
    emit(group);
    held = [];
    group = [];
  };
  pages.forEach((lines, p) => {
    for (const line of lines) {
      const texts = line.segments.map((s) => s.text);
      const header = line.segments.length >= 2 ? readHeader(texts) : null;
      if (header) {
        const starts = line.segments.map((s) => s.x0);
        const same = table && continues && sameColumns(table.starts, starts);
        const heading = headingBefore(group, line, table);
        const lastPage = group[group.length - 1]?.line.page;
        if (same && !heading && lastPage !== undefined && lastPage !== line.page) {
          held = group;
          group = [];
        } else {
          if (heading) group.pop();
          flush();
          if (heading) {
            group = [heading];
            flush();
          }
        }
        if (!same) {
          out.notes.push({
            line: out.blocks.length + 1,
            message: `a table read by the position of its text (columns ${texts.join(', ')}); rows start where a column's text starts again`,
          });
          tables++;
        }
        const right = (pageWidths[p] ?? 612) - ((starts[0] ?? 0) - PAD);
        table = {
          starts,
          right,
          map: header,
          pitch: line.size * 1.25,
          number: same && table ? table.number : tables,
        };
      }
      const placed = table && line.size <= body * 1.15 ? place(line, table) : null;
      if (!table || !placed) {
        flush();
        continues = false;
        push(
          {
            kind: 'text',
            line: out.blocks.length + 1,
            text: texts.join(' '),
            heading: line.size > body * 1.15,
          },
          line,
        );
        continue;
      }
      if (!continues && !header) table.number = ++tables; // rows after a paragraph: a new table
      continues = true;
      const open = held[held.length - 1];
      if (!header && open && !startsRow(open, placed, table, held[0] ?? open)) {
        held.push(placed);
        continue;
      }
      const prev = group[group.length - 1];
      if (prev && prev.line.page === line.page && prev.line.y - line.y >= 0.8 * line.size)
        table.pitch = Math.min(table.pitch, prev.line.y - line.y);
      if (!header && prev && !startsRow(prev, placed, table, group[0] ?? prev)) group.push(placed);
      else {
        if (!header || !held.length) flush(); // a repeated header waits behind the row held open
        group = [placed];
      }
    }
  });
  flush();
  return out;
}

/** The commonest font size: body text (headings are larger). */
function bodySize(pages: readonly PdfLine[][]): number {
  const counts = new Map<number, number>();
  for (const l of pages.flat())
    counts.set(Math.round(l.size * 2) / 2, (counts.get(Math.round(l.size * 2) / 2) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

function sameColumns(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - (b[i] ?? 0)) <= TOLERANCE);
}

// Each run goes to the column it starts in; a run that starts left of the table or runs across into
// the next column is not a table line (a paragraph, a wide heading).
function place(line: PdfLine, t: Table): Placed | null {
  const cells: (PdfSegment | undefined)[] = [];
  for (const s of line.segments) {
    const col = t.starts.findLastIndex((x) => x <= s.x0 + TOLERANCE);
    if (col < 0) return null;
    if (s.x1 > (t.starts[col + 1] ?? t.right) + TOLERANCE) return null;
    const had = cells[col];
    cells[col] = had ? { text: `${had.text} ${s.text}`, x0: had.x0, x1: s.x1 } : { ...s };
  }
  return { line, cells };
}

// A heading row merged across a table ("Workforce and recruitment") looks like one more line of the
// cell above it; just before a header row, on the same page, a short line alone that does not
// carry on the text above is taken off as a row of its own (the table reader says it is a heading).
function headingBefore(group: Placed[], header: PdfLine, t: Table | null): Placed | null {
  const last = group[group.length - 1];
  const before = group[group.length - 2];
  if (!t || !last || !before || last.line.page !== header.page) return null;
  const cols = filled(last);
  const col = cols[0] ?? 0;
  const seg = last.cells[col];
  if (cols.length !== 1 || !seg || !/^[A-Z0-9]/.test(seg.text) || /[.:;,]$/.test(seg.text)) return null;
  return wraps(before.cells[col], seg, limit(t, col), last.line.size) ? null : last;
}

const filled = (p: Placed) => p.cells.flatMap((c, i) => (c ? [i] : []));

function startsRow(prev: Placed, cur: Placed, t: Table, first: Placed): boolean {
  const size = cur.line.size;
  if (prev.line.page === cur.line.page && prev.line.y - cur.line.y > t.pitch + Math.max(2, 0.3 * size))
    return true;
  const had = filled(prev);
  const now = filled(cur);
  if (now.some((c) => !had.includes(c))) return true;
  if (t.map.ref !== undefined && cur.cells[t.map.ref]) return true;
  const lone = now.length === 1 ? cur.cells[now[0] ?? 0]?.text : undefined;
  if (now[0] === 0 && lone && SECTION.test(lone)) return true; // "3 Communities", merged across
  // The row's first column starts a paragraph again, beside other cells (or under the header row):
  // a new row, unless its text reads as wrapping on. A lone line there is a list in the cell.
  const key = filled(first)[0];
  const header = readHeader(first.cells.map((c) => c?.text ?? '')) !== null;
  const next = key === undefined ? undefined : cur.cells[key];
  if (key === undefined || !next || (now.length < 2 && !header)) return false;
  return !(wraps(prev.cells[key], next, limit(t, key), size) || /^[a-z]/.test(next.text));
}
