import type * as Docx from 'docx';
import { STATUS_COLOURS } from '../domain/report/html-text.ts';
import { describeStatus, type Status } from '../domain/status.ts';

/** The docx library, loaded once a Word report is asked for. */
export type DocxLib = typeof Docx;

/** The text width of a landscape A4 page with the library's default 1-inch margins, in twentieths of a point. */
const PAGE_WIDTH_DXA = 16_838 - 2 * 1_440;

/** One table cell: text (line breaks kept), or a status with its colour AND its word. */
export type CellValue = string | { status: Status } | { bold: string };

/** Table-building helpers over the lazily loaded library. */
export function createDocxParts(d: DocxLib) {
  const runs = (text: string, options: { bold?: boolean; color?: string } = {}) =>
    text.split(/\r?\n/).map((line, i) => new d.TextRun({ text: line, break: i > 0 ? 1 : 0, ...options }));

  function cell(value: CellValue, header = false): Docx.TableCell {
    if (typeof value === 'object' && 'status' in value) {
      const c = STATUS_COLOURS[value.status];
      return new d.TableCell({
        shading: { type: d.ShadingType.CLEAR, fill: c.fill.slice(1), color: 'auto' },
        children: [
          new d.Paragraph({
            children: runs(describeStatus(value.status), { bold: true, color: c.text.slice(1) }),
          }),
        ],
      });
    }
    const text = typeof value === 'string' ? value : value.bold;
    return new d.TableCell({
      ...(header ? { shading: { type: d.ShadingType.CLEAR, fill: 'E6E6E6', color: 'auto' } } : {}),
      children: [new d.Paragraph({ children: runs(text, { bold: header || typeof value !== 'string' }) })],
    });
  }

  return {
    /** A heading at a level (1: a section, 2: a part of one). */
    heading(text: string, level: 1 | 2 = 1) {
      return new d.Paragraph({
        text,
        heading: level === 1 ? d.HeadingLevel.HEADING_1 : d.HeadingLevel.HEADING_2,
      });
    },
    /** A paragraph of text, line breaks kept. */
    paragraph(text: string, options: { italics?: boolean } = {}) {
      return new d.Paragraph({
        children: text
          .split(/\r?\n/)
          .map((line, i) => new d.TextRun({ text: line, break: i > 0 ? 1 : 0, ...options })),
      });
    },
    /**
     * A full-width table with a repeated header row; `weights` share the width between the columns
     * (a ref narrow, a note wide), equal when absent.
     */
    table(header: string[], rows: CellValue[][], weights: number[] = header.map(() => 1)) {
      const total = weights.reduce((a, b) => a + b, 0);
      const widths = weights.map((w) => Math.round((w / total) * PAGE_WIDTH_DXA));
      return new d.Table({
        width: { size: PAGE_WIDTH_DXA, type: d.WidthType.DXA },
        columnWidths: widths,
        layout: d.TableLayoutType.FIXED,
        rows: [
          new d.TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
          ...rows.map((r) => new d.TableRow({ cantSplit: true, children: r.map((v) => cell(v)) })),
        ],
      });
    },
  };
}

/** The helpers {@link createDocxParts} returns. */
export type DocxParts = ReturnType<typeof createDocxParts>;
