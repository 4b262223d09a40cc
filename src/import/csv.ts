import { CsvError, parse } from 'csv-parse/sync';

/** One record of a delimited file: its cells and the line it starts on (1-based). */
export type CsvRow = { line: number; cells: string[] };

/** Records read, or the first thing that makes the text unreadable, with its line. */
export type CsvResult =
  | { ok: true; rows: CsvRow[]; delimiter: string }
  | { ok: false; line: number; error: string };

/** Guesses the delimiter from the first line: tab, semicolon (European Excel) or comma. */
export function detectDelimiter(text: string): string {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => first.split(c).length - 1;
  const candidates = ['\t', ';', ','].map((c) => ({ c, n: count(c) }));
  const best = candidates.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.c : ',';
}

const newlines = (s: string) => s.split('\n').length - 1;

/**
 * Reads RFC 4180 text with csv-parse: quoted fields with doubled quotes and embedded line breaks,
 * CRLF or LF, an optional UTF-8 byte order mark. The delimiter is detected unless given ('\t' reads
 * TSV). Blank lines are skipped; a quote left open is an error naming the line it opened on.
 */
export function parseCsv(input: string, delimiter = detectDelimiter(input)): CsvResult {
  // Line breaks become \n first, so cells keep \n whatever the file used and lines count once.
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  try {
    const records = parse(text, {
      delimiter,
      info: true,
      relax_quotes: true, // a quote inside an unquoted field (5" screen) is text
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    // csv-parse counts the line a record ends on; the record starts as many lines earlier as its cells break.
    const rows = records.map(({ record, info }) => ({
      line: info.lines - record.reduce((n, cell) => n + newlines(cell), 0),
      cells: record,
    }));
    return { ok: true, rows, delimiter };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      // The open quote is in the record after the last complete one, past any blank lines.
      const done = Buffer.from(text).subarray(0, Number(error.bytes_records)).toString();
      const blank = /^\n*/.exec(text.slice(done.length))?.[0].length ?? 0;
      return { ok: false, line: newlines(done) + blank + 1, error: 'a quoted field is never closed' };
    }
    // A closing quote followed by more text ("a"b): the file's quoting is broken at that line.
    return {
      ok: false,
      line: Number(error.lines) || 1,
      error:
        'a quoted field has text after its closing quote: quote the whole cell, doubling quotes inside it',
    };
  }
}
