import type { ImportedPlan, PlanIdentity } from './plan-draft.ts';
import { parseImportText } from './read-import-file.ts';

const PDF = '%PDF-';

/**
 * Reads the text layer of a PDF plan page by page into the document reader. A PDF without text (a
 * scan), with a password, or that cannot be read is refused. unpdf is loaded here, only for a .pdf.
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
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
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
  return parseImportText(pages.map((page) => page.replace(/\s+$/, '')).join('\n'), 'document', id);
}
