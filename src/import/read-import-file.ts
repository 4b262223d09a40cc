import fs from 'node:fs/promises';
import path from 'node:path';
import { parseDocumentPlan } from './document-plan.ts';
import { cleanImportText, cleanImportValues } from './import-hygiene.ts';
import { readHeader } from './plan-columns.ts';
import type { ImportedPlan, PlanIdentity } from './plan-draft.ts';
import { readDocxPlan } from './read-docx.ts';
import { readPdfPlan } from './read-pdf.ts';
import { MAX_PLAN_FILE_BYTES, parsePlanText } from './read-plan-file.ts';
import { readWorkbookRows } from './read-xlsx.ts';
import { parseTablePlan } from './table-plan.ts';
import { parseWorkbookPlan } from './workbook-plan.ts';

/** How a file is read: a plan file, a spreadsheet export, or a document's text. */
export type ImportFormat = 'yaml' | 'json' | 'csv' | 'tsv' | 'document';

/** The format a file name implies; text files are documents unless their first line is a table header. */
export function guessFormat(file: string): ImportFormat {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.csv') return 'csv';
  if (ext === '.tsv' || ext === '.tab') return 'tsv';
  return 'document';
}

/**
 * Reads any importable file. Refuses by size before reading, then empty files, binary files
 * (Excel and Word files among them) and text that is not UTF-8, each with a sentence saying what to do.
 */
export async function readImportFile(file: string, id: Partial<PlanIdentity>): Promise<ImportedPlan> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat?.isFile()) return { ok: false, errors: [`${file}: no such file`] };
  if (stat.size > MAX_PLAN_FILE_BYTES)
    return {
      ok: false,
      errors: [
        `${file} is ${(stat.size / 1024 / 1024).toFixed(0)} MB; plans are read up to 5 MB. Is it the right file?`,
      ],
    };
  return readImportBytes(file, await fs.readFile(file), id);
}

/** Whether a file name is one the importer reads (by its extension). */
export function isImportableName(name: string): boolean {
  return /\.(ya?ml|json|csv|tsv|tab|txt|text|md|docx|pdf|xlsx|xlsm)$/i.test(name);
}

/**
 * Reads an importable file's bytes, already in memory (a chat upload, a file read from disk): the
 * file name says the format. Sizes are the caller's to check.
 */
export async function readImportBytes(
  name: string,
  bytes: Uint8Array,
  id: Partial<PlanIdentity>,
): Promise<ImportedPlan> {
  const ext = path.extname(name).toLowerCase();
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (ext === '.docx' || ext === '.pdf') return (ext === '.docx' ? readDocxPlan : readPdfPlan)(buffer, id);
  if (/\.xls[xm]?$/i.test(name)) {
    const book = await readWorkbookRows(buffer);
    return book.ok ? parseWorkbookPlan(book.sheets, id) : { ok: false, errors: [`${name}: ${book.error}`] };
  }
  const text = decodeText(bytes);
  if (!text.ok) return { ok: false, errors: [`${name}: ${text.error}`] };
  return parseImportText(text.text, guessFormat(name), id);
}

/**
 * Parses text already read, in the given format. A control character anywhere refuses the file with
 * one line naming its line; bidi controls are removed before reading (import-hygiene.ts).
 */
export function parseImportText(raw: string, format: ImportFormat, id: Partial<PlanIdentity>): ImportedPlan {
  if (!raw.trim()) return { ok: false, errors: ['the file is empty'] };
  if (format === 'yaml' || format === 'json') {
    const plan = parsePlanText(raw, format);
    return plan.ok ? { ok: true, plan: plan.plan, problems: [] } : plan;
  }
  if (!id.code)
    return {
      ok: false,
      errors: ['--plan CODE is needed for spreadsheets and documents (2-16 capitals, like ARAP)'],
    };
  // A document converted from PDF (pdftotext) marks each new page with a form feed: a page break, not
  // a control character typed into a cell, so a document loses it rather than being refused for it.
  const clean = cleanImportText(format === 'document' ? raw.replaceAll('\f', '') : raw);
  if (!clean.ok) return clean;
  const text = clean.text;
  // --title and --period are typed text too: the same rules, refusals named by the option.
  const options = cleanImportValues({ '--title': id.title, '--period': id.period });
  if (!options.ok) return options;
  const { '--title': title, '--period': period } = options.data as Record<string, string | undefined>;
  const identity = { code: id.code, title, period };
  if (format === 'csv') return parseTablePlan(text, identity);
  if (format === 'tsv') return parseTablePlan(text, identity, '\t');
  const firstLine =
    text
      .replace(/^\uFEFF/, '')
      .trimStart()
      .split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.includes('\t') && readHeader(firstLine.split('\t')))
    return parseTablePlan(text, identity, '\t');
  return parseDocumentPlan(text, identity);
}

/** UTF-8 text without a byte order mark, or why the bytes are not a text file. */
export function decodeText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: string } {
  if (bytes.length === 0) return { ok: false, error: 'the file is empty' };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    return {
      ok: false,
      error:
        'this is a zip file (Excel .xlsx and Word .docx are): save the sheet as "CSV UTF-8" or the document as plain text, then import that',
    };
  // Binary files (and UTF-16 text) are full of NULs; a stray NUL in a text file is left for the text
  // check, which names its line.
  const sample = bytes.subarray(0, 8192);
  const nuls = sample.filter((b) => b === 0).length;
  const binary = {
    ok: false,
    error: 'this is a binary file, not text: import a CSV, TSV, plain text, YAML or JSON file',
  } as const;
  if (nuls >= sample.length / 10) return binary;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    // The decoder's TypeError is the answer (not UTF-8), so it is turned into the reply, not rethrown.
    if (nuls > 0) return binary;
    return { ok: false, error: 'the text is not UTF-8: save it again as UTF-8 (Excel: "CSV UTF-8")' };
  }
}
