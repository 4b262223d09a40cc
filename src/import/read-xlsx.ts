import type { Cell, CellValue, Worksheet } from 'exceljs';
import type { CsvRow } from './csv.ts';
import { refuseUnpackedSize } from './zip-limits.ts';

/** One sheet of a workbook as table rows: `line` is the row number in the sheet. */
export type SheetRows = {
  name: string;
  rows: CsvRow[];
  /** Cells merged down several rows (column 1-based, first and last row): their value is copied to each. */
  merges?: { column: number; from: number; to: number }[];
};

/** The sheets that hold something, or the one sentence saying why the workbook cannot be read. */
export type WorkbookRows = { ok: true; sheets: SheetRows[] } | { ok: false; error: string };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
// Encrypted .xlsx/.docx files (and old .xls/.doc ones) are OLE compound files, not zips.
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);

/**
 * Reads every non-empty sheet of an .xlsx workbook into rows of text. A merged range's value fills
 * each cell it covers; rich text, hyperlinks and formula results read as their text; dates read as
 * en-GB `31/03/2025` (or `March 2025` where the cell shows only month and year). exceljs is loaded
 * here, on first use, so the serving process never loads it.
 */
export async function readWorkbookRows(bytes: Uint8Array): Promise<WorkbookRows> {
  if (bytes.length === 0) return { ok: false, error: 'the file is empty' };
  if (startsWith(bytes, OLE))
    return {
      ok: false,
      error:
        'this workbook is password-protected or in the old .xls format: remove the password and save it as "Excel Workbook (.xlsx)", then import that',
    };
  const notWorkbook = {
    ok: false,
    error:
      'this is not an Excel workbook that can be opened: open it in Excel, save it as .xlsx, and import it again',
  } as const;
  if (!startsWith(bytes, ZIP)) return notWorkbook;
  const tooBig = await refuseUnpackedSize(bytes, 'Excel');
  if (tooBig) return { ok: false, error: tooBig };
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    // exceljs's zip and XML errors all mean the same to the person importing: the file is damaged.
    return notWorkbook;
  }
  const sheets = workbook.worksheets.map(readSheet).filter((s) => s.rows.length > 0);
  if (sheets.length === 0) return { ok: false, error: 'every sheet of this workbook is empty' };
  return { ok: true, sheets };
}

function readSheet(sheet: Worksheet): SheetRows {
  const rows: CsvRow[] = [];
  const merges = new Map<string, { column: number; from: number; to: number }>();
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    // getCell on a merged range's other cells answers the master's value: the range fills them all.
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      cells.push(readCellText(cell));
      const master = cell.isMerged ? cell.master : null;
      if (master && Number(master.row) !== r && Number(master.col) === c && master.value !== null) {
        const merge = merges.get(master.address) ?? { column: c, from: Number(master.row), to: r };
        merges.set(master.address, { ...merge, to: r });
      }
    }
    while (cells.length > 0 && cells.at(-1) === '') cells.pop();
    if (cells.length > 0) rows.push({ line: r, cells });
  }
  return { name: sheet.name, rows, merges: [...merges.values()] };
}

function readCellText(cell: Cell): string {
  const master = cell.isMerged ? cell.master : cell;
  return formatValue(master.value, master.numFmt).replace(/\r\n?/g, '\n');
}

function formatValue(value: CellValue | undefined, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatDate(value, numFmt);
  if (typeof value !== 'object') return String(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return formatValue((value as { result?: CellValue }).result, numFmt);
  if ('hyperlink' in value)
    return typeof value.text === 'string' ? value.text : formatValue(value.text, numFmt);
  return ''; // an error value (#N/A, #REF!) says nothing about the plan
}

// exceljs gives dates as UTC midnight of the day Excel shows.
function formatDate(date: Date, numFmt: string | undefined): string {
  const month = MONTHS[date.getUTCMonth()] ?? '';
  if (numFmt && /[my]/i.test(numFmt) && !/d/i.test(numFmt)) return `${month} ${date.getUTCFullYear()}`;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}
