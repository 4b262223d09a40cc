import { parseDocxTables } from './docx-plan.ts';
import { dropRunningLines, type PdfItem, type PdfLine, pageLines } from './pdf-lines.ts';
import { pdfBlocks } from './pdf-tables.ts';
import type { ImportedPlan, PlanIdentity } from './plan-draft.ts';
import { parseImportText } from './read-import-file.ts';

const PDF = '%PDF-';

/**
 * Reads the text layer of a PDF plan. Tables (a header row naming plan columns) are recovered from
 * the positions of their text into the Word reader's rows (pdf-tables.ts); a PDF without one is read
 * page by page as document text. A PDF without text (a scan), with a password, or that cannot be read
 * is refused. unpdf is loaded here, only for a .pdf.
 */
export async function readPdfPlan(bytes: Buffer, id: Partial<PlanIdentity>): Promise<ImportedPlan> {
  if (bytes.length === 0)
    return {
      ok: false,
      errors: ['the file is empty (0 bytes): export the plan to PDF again and import that'],
    };
  if (bytes.subarray(0, 1024).toString('latin1').indexOf(PDF) < 0)
    return {
      ok: false,
      errors: [
        'this is not a PDF (it does not start as one): export the plan to PDF again, then import that',
      ],
    };
  const { extractText, getDocumentProxy } = await import('unpdf');
  let pages: string[];
  let lines: PdfLine[][] = [];
  const widths: number[] = [];
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      widths.push(page.getViewport({ scale: 1 }).width);
      const items = (await page.getTextContent()).items.flatMap((i): PdfItem[] =>
        'str' in i
          ? [
              {
                str: i.str,
                x: i.transform[4],
                y: i.transform[5],
                width: i.width,
                size: Math.hypot(i.transform[2], i.transform[3]),
              },
            ]
          : [],
      );
      lines.push(pageLines(items, n));
    }
    pages = (await extractText(pdf, { mergePages: false })).text;
  } catch (error) {
    // pdf.js names a password by its exception; anything else it throws means a damaged file.
    const locked = error instanceof Error && error.name === 'PasswordException';
    return {
      ok: false,
      errors: [
        locked
          ? 'this PDF is password-protected: save a copy without the password, then import that'
          : 'this PDF cannot be read (it may be damaged): export the plan to PDF again, then import that',
      ],
    };
  }
  if (pages.every((page) => !page.trim()))
    return {
      ok: false,
      errors: [
        'this PDF has no text: it looks scanned; export the plan from Word or Excel, or run OCR first',
      ],
    };
  lines = dropRunningLines(lines);
  const read = pdfBlocks(lines, widths);
  const plan = read.blocks.some((b) => b.kind === 'row')
    ? parseDocxTables(read.blocks, id, read.notes)
    : null;
  // Tables that give no plan (a header-like line in a plan of "Action N:" blocks): read as text.
  if (plan?.ok) {
    // Notes name the page and the line on it, not the block count the table reader keeps.
    const problems = plan.problems.map((p) => {
      const at = read.where[p.line - 1];
      return at ? { ...p, where: `page ${at.page}, line ${at.line}` } : p;
    });
    return { ...plan, problems };
  }
  return parseImportText(pages.map((page) => page.replace(/\s+$/, '')).join('\n'), 'document', id);
}
