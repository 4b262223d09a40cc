import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from '../../src/import/csv.ts';

const cells = (text: string, delimiter?: string) => {
  const r = parseCsv(text, delimiter);
  if (!r.ok) throw new Error(r.error);
  return r.rows.map((row) => row.cells);
};

describe('parseCsv (RFC 4180)', () => {
  it('reads plain fields and records with LF or CRLF line ends', () => {
    expect(cells('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(cells('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(cells('a,b\r\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks inside', () => {
    const text = 'ref,action\r\n1.1,"Review, then ""report"" back\r\nto the board"\r\n1.2,plain\r\n';
    expect(cells(text)).toEqual([
      ['ref', 'action'],
      ['1.1', 'Review, then "report" back\nto the board'],
      ['1.2', 'plain'],
    ]);
  });

  it('gives each record the line it starts on, counting line breaks inside quotes', () => {
    const r = parseCsv('h1,h2\n"a\nb\nc",x\n\nlast,y\n');
    expect(r.ok && r.rows.map((row) => row.line)).toEqual([1, 2, 6]);
  });

  it('strips a UTF-8 byte order mark and keeps non-ASCII text', () => {
    expect(cells('\uFEFFAction,Owner\nRéview “data” – £70k,Head of HR\n')).toEqual([
      ['Action', 'Owner'],
      ['Réview “data” – £70k', 'Head of HR'],
    ]);
  });

  it('keeps empty fields, including a trailing one, and skips blank lines', () => {
    expect(cells('a,,c,\n\n,,,x\n')).toEqual([
      ['a', '', 'c', ''],
      ['', '', '', 'x'],
    ]);
  });

  it('reads TSV and semicolon files, detecting the delimiter from the first line', () => {
    expect(detectDelimiter('Action\tOwner\tDue\n')).toBe('\t');
    expect(detectDelimiter('Action;Owner;Due\n')).toBe(';');
    expect(detectDelimiter('Action,Owner\n')).toBe(',');
    expect(cells('Action\tOwner\n"a\tb"\tc\n')).toEqual([
      ['Action', 'Owner'],
      ['a\tb', 'c'],
    ]);
    expect(cells('Action;Owner\nx, y;z\n')).toEqual([
      ['Action', 'Owner'],
      ['x, y', 'z'],
    ]);
  });

  it('reports a quote left open with the line it opened on', () => {
    expect(parseCsv('a,b\n1,"never closed\n2,3\n')).toEqual({
      ok: false,
      line: 2,
      error: 'a quoted field is never closed',
    });
  });

  it('keeps a quote in the middle of an unquoted field as text', () => {
    expect(cells('a,5" screen\n')).toEqual([['a', '5" screen']]);
  });
});

describe('parseCsv on broken quoting', () => {
  it('keeps text after a closing quote as written rather than refusing the file', () => {
    expect(cells('a,b\n"x"y,3\n')).toEqual([
      ['a', 'b'],
      ['"x"y', '3'],
    ]);
  });

  it('names the opening line of a quote left open after blank lines and non-ASCII text', () => {
    expect(parseCsv('Réview,£\n\n\n1,"never closed\n2,3\n')).toMatchObject({ ok: false, line: 4 });
  });
});
