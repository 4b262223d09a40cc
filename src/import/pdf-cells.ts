import { isWholeRole, ROLE_HEADS } from './owner-roles.ts';
import type { PdfLine, PdfSegment } from './pdf-lines.ts';
import type { ColumnMap } from './plan-columns.ts';

// The text of a PDF table's cells, from the lines grouped into one row (pdf-tables.ts).

/** A table found in a PDF: its columns' text starts, right edge, header, line pitch and number. */
export type PdfTable = { starts: number[]; right: number; map: ColumnMap; pitch: number; number: number };
/** One line of a table, its runs of text by column. */
export type Placed = { line: PdfLine; cells: (PdfSegment | undefined)[] };

/** A cell's text indent from its border (Word's default cell margin, 0.19 cm). */
export const PAD = 5.4;
const BULLET = /^[•▪◦·●○■□►➢✓\uf0a7\uf0b7]\s*/;
const STARTS_ITEM = /^(?:- |\d{1,3}(?:\.\d{1,3})*[.)]?\s)/;

/** Where a column's text must end: the next column's text start, less two cell margins. */
export function limit(t: PdfTable, col: number): number {
  return (t.starts[col + 1] ?? t.right) - 2 * PAD;
}

/** True when the next line's first word would not have fitted on the line before: the text wrapped. */
export function wraps(prev: PdfSegment | undefined, next: PdfSegment, end: number, size: number): boolean {
  if (!prev) return false;
  const word = next.text.split(' ')[0] ?? '';
  const wordWidth = ((next.x1 - next.x0) * word.length) / Math.max(1, next.text.length);
  return prev.x1 + 0.25 * size + wordWidth > end - 0.05 * (end - prev.x0);
}

// A cell's lines: wrapped text joins with a space; a bullet, a numbered item or a line that ends
// short of the cell's width starts a new line, as paragraphs do in a Word cell. Header cells join.
// In the owner column, where a wrapped line may end one role and the next begin another, the
// reading with the most whole roles is kept (rolesOf).
export function cellTexts(group: Placed[], t: PdfTable, header: ColumnMap | null): string[] {
  return t.starts.map((_, col) => {
    const lines: string[] = [];
    const soft: boolean[] = []; // soft[i]: line i + 1 may carry on line i (the text wrapped)
    let prev: PdfSegment | undefined;
    for (const { line, cells } of group) {
      const seg = cells[col];
      if (!seg) continue;
      const own = seg.text.replace(BULLET, '- ');
      if (lines.length > 0)
        soft.push(!!header || (!STARTS_ITEM.test(own) && wraps(prev, seg, limit(t, col), line.size)));
      lines.push(own);
      prev = seg;
    }
    if (col === t.map.owner && !header) return rolesOf(lines, soft);
    return lines.reduce(
      (text, line, i) => (i === 0 ? line : `${text}${soft[i - 1] ? ' ' : '\n'}${line}`),
      '',
    );
  });
}

/** The owner cell's lines joined into the most whole roles (then the fewest parts): one role a line. */
function rolesOf(lines: string[], soft: boolean[]): string {
  const free = soft.flatMap((s, i) => (s ? [i] : []));
  if (free.length > 10) return lines.join(' ');
  let best = { score: -1, parts: 0, text: '' };
  for (let mask = 0; mask < 1 << free.length; mask++) {
    const parts: string[] = [lines[0] ?? ''];
    lines.slice(1).forEach((line, i) => {
      const k = free.indexOf(i);
      if (k >= 0 && !(mask & (1 << k))) parts[parts.length - 1] += ` ${line}`;
      else parts.push(line);
    });
    const good = (p: string) =>
      p.includes(' ') && !/\b(?:and|of|for|the|&)$/i.test(p) && (isWholeRole(p) || ROLE_HEADS.test(p));
    const score = parts.filter(good).length;
    if (score > best.score || (score === best.score && parts.length < best.parts))
      best = { score, parts: parts.length, text: parts.join('\n') };
  }
  return best.text;
}
