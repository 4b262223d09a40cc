import ExcelJS from 'exceljs';

/**
 * A workforce equality plan as an .xlsx a lead would upload: a title row, a numbered heading row per
 * theme, an Issue / Aim / Actions / By whom table, a lead cell with two roles on two lines and an
 * empty labelled lead ("SRO:"), and a due column of month names. `extra` adds one more action.
 */
export async function writeUploadWorkbook(extra?: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Workforce plan');
  sheet.addRow(['Workforce Equality Plan 2025-2027']);
  sheet.addRow(['Ref', 'Action', 'By whom', 'Timescale']);
  sheet.addRow(['1', 'Leadership and governance']);
  sheet.addRow([
    '1.1',
    'Name a board sponsor for race equality',
    'Chief Executive\nChair of the Board',
    'March 2026',
  ]);
  sheet.addRow(['1.2', 'Publish the ethnicity pay gap every year', 'SRO:', 'April 2026']);
  sheet.addRow(['2', 'Recruitment']);
  sheet.addRow(['2.1', 'Anonymise shortlisting for every post', 'Head of HR', 'June 2026']);
  if (extra) sheet.addRow(['2.2', extra, 'Head of HR', 'July 2026']);
  return Buffer.from(await book.xlsx.writeBuffer());
}
