// A PDF's text layer is a list of positioned text pieces (pdf.js text items). This groups them into
// the lines of each page and, within a line, into segments: runs of text separated by a gap wider
// than a word space (a table's cells on one line are separate segments). Pure: the caller reads the PDF.

/** One text piece as pdf.js gives it: its text, left x, baseline y (upwards), width and font size. */
export type PdfItem = { str: string; x: number; y: number; width: number; size: number };

/** A run of text on one line, from x0 to x1. */
export type PdfSegment = { text: string; x0: number; x1: number };

/** One line of a page: its number on the page (from 1, top down), baseline, font size and segments. */
export type PdfLine = { page: number; line: number; y: number; size: number; segments: PdfSegment[] };

/** A page's items as lines, top to bottom; pieces closer than 0.8 em are one segment. */
export function pageLines(items: readonly PdfItem[], page: number): PdfLine[] {
  const kept = items.filter((i) => i.str.trim() && i.size > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: PdfItem[][] = [];
  for (const item of kept) {
    const row = rows[rows.length - 1];
    const first = row?.[0];
    if (row && first && Math.abs(first.y - item.y) <= 0.4 * Math.max(first.size, item.size)) row.push(item);
    else rows.push([item]);
  }
  return rows.map((row, index) => {
    const size = Math.max(...row.map((i) => i.size));
    const segments: PdfSegment[] = [];
    for (const item of row.sort((a, b) => a.x - b.x)) {
      const last = segments[segments.length - 1];
      const gap = last ? item.x - last.x1 : Number.POSITIVE_INFINITY;
      if (last && gap < 0.8 * size) {
        const space = gap > 0.12 * size && !last.text.endsWith(' ') && !item.str.startsWith(' ');
        last.text += (space ? ' ' : '') + item.str;
        last.x1 = Math.max(last.x1, item.x + item.width);
      } else segments.push({ text: item.str, x0: item.x, x1: item.x + item.width });
    }
    for (const s of segments) s.text = s.text.replace(/\s+/g, ' ').trim();
    return { page, line: index + 1, y: row[0]?.y ?? 0, size, segments };
  });
}

const PAGE_NUMBER = /^(?:page\s*)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

/**
 * Drops running headers and footers: page numbers ("Page 2 of 5", "3") and a line repeated at the same
 * height on most pages (the plan's name at the top of every page), digits ignored.
 */
export function dropRunningLines(pages: PdfLine[][]): PdfLine[][] {
  const key = (l: PdfLine) =>
    `${Math.round(l.y / 4)}|${l.segments
      .map((s) => s.text)
      .join(' ')
      .replace(/\d+/g, '#')}`;
  const seen = new Map<string, number>();
  for (const lines of pages) for (const k of new Set(lines.map(key))) seen.set(k, (seen.get(k) ?? 0) + 1);
  // Only single runs of text: a table's header repeated on each page is read, not dropped.
  const repeated = (l: PdfLine) =>
    pages.length >= 2 && l.segments.length === 1 && (seen.get(key(l)) ?? 0) >= Math.max(2, pages.length / 2);
  return pages.map((lines) =>
    lines.filter((l) => {
      const text = l.segments.map((s) => s.text).join(' ');
      return !(PAGE_NUMBER.test(text) || repeated(l));
    }),
  );
}
