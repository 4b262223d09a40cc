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

/**
 * Reads RFC 4180 text: quoted fields with doubled quotes and embedded line breaks, CRLF or LF, an
 * optional UTF-8 byte order mark. The delimiter is detected unless given ('\t' reads TSV).
 * Blank lines are skipped; a quote left open is an error naming the line it opened on.
 */
export function parseCsv(input: string, delimiter = detectDelimiter(input)): CsvResult {
  const text = input.replace(/^\uFEFF/, '');
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let cellStarted = false; // a quote only opens a field at its start
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
    cellStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        // Keep line breaks inside a cell as \n whatever the file used.
        if (ch === '\r' && text[i + 1] === '\n') continue;
        cell += ch === '\r' ? '\n' : ch;
      }
      continue;
    }
    if (ch === '"' && !cellStarted) {
      quoted = true;
      quoteLine = line;
      cellStarted = true;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
      cellStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += ch;
      cellStarted = true;
    }
  }
  if (quoted) return { ok: false, line: quoteLine, error: 'a quoted field is never closed' };
  if (cell !== '' || cells.length > 0) endRow();
  return { ok: true, rows, delimiter };
}
