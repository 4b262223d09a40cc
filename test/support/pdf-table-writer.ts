// A small PDF writer for tests: a landscape plan laid out as a word processor prints a table, in
// Courier (every glyph 0.6 em wide, so wrapping here matches what pdf.js measures). Cells wrap at
// word boundaries and are top-aligned; a table's header row is repeated on each new page; headings
// between tables are larger type; every page has a running title and "Page N of M" at the foot.

/** One part of the document: a heading line, or a table (header and rows of cell texts). */
export type PdfPart = { heading: string } | { header: string[]; rows: string[][] };

const SIZE = 9;
const LEADING = 11;
const PAD = 5.4;
const WIDTH = 842;
const HEIGHT = 595;
const LEFT = 36;

function wrap(text: string, width: number): string[] {
  const max = Math.max(4, Math.floor((width - 2 * PAD) / (0.6 * SIZE)));
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line && line.length + 1 + word.length > max) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}

/** Writes the parts as a PDF; `widths` are the table's column widths in points (they fill the page). */
export function writeTablePdf(title: string, parts: PdfPart[], widths: number[]): Buffer {
  const pages: string[][] = [[]];
  let y = HEIGHT - 60;
  const text = (x: number, at: number, t: string, size = SIZE) =>
    pages[pages.length - 1]?.push(
      `BT /F1 ${size} Tf ${x.toFixed(1)} ${at.toFixed(1)} Td (${t.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj ET`,
    );
  const lefts = widths.map((_, i) => LEFT + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const drawRow = (cells: string[]) => {
    const wrapped = cells.map((c, i) => wrap(c, widths[i] ?? 100));
    const height = Math.max(...wrapped.map((w) => w.length)) * LEADING + 4;
    wrapped.forEach((lines, i) => {
      lines.forEach((line, k) => {
        if (line) text((lefts[i] ?? 0) + PAD, y - k * LEADING, line);
      });
    });
    y -= height;
  };
  let header: string[] | null = null;
  const newPage = () => {
    pages.push([]);
    y = HEIGHT - 60;
    if (header) drawRow(header);
  };
  text(LEFT, HEIGHT - 40, title, 14);
  y -= 10;
  for (const part of parts) {
    if ('heading' in part) {
      header = null;
      if (y < 120) newPage();
      y -= 8;
      text(LEFT, y, part.heading, 12);
      y -= 20;
      continue;
    }
    header = part.header;
    drawRow(part.header);
    for (const row of part.rows) {
      const lines = Math.max(...row.map((c, i) => wrap(c, widths[i] ?? 100).length));
      if (y - lines * LEADING < 50) newPage();
      drawRow(row);
    }
  }
  return assemble(
    pages.map(
      (ops, i) =>
        `${ops.join('\n')}\nBT /F1 8 Tf ${LEFT} ${HEIGHT - 20} Td (${title}) Tj ET\nBT /F1 8 Tf ${WIDTH / 2} 20 Td (Page ${i + 1} of ${pages.length}) Tj ET`,
    ),
  );
}

function assemble(contents: string[]): Buffer {
  const n = contents.length;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${contents.map((_, i) => `${4 + 2 * i} 0 R`).join(' ')}] /Count ${n} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>',
    ...contents.flatMap((content, i) => [
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${WIDTH} ${HEIGHT}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`,
      `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    ]),
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = Buffer.byteLength(out, 'latin1');
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
