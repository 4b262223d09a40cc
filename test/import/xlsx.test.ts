import fs from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readImportFile } from '../../src/import/read-import-file.ts';
import { useImportCli } from '../support/import-cli.ts';
import { ENGINES } from '../support/test-database.ts';

// A plan as a council keeps it: a title row, then on the first sheet a Theme column, a merged owner
// cell over three actions, a date cell, rich text, a formula and the header repeated half-way down;
// an empty sheet; a second theme on a sheet named after it, with month-and-year due dates.
const MERGE_NOTE =
  'sheet "Leadership": the Owner cell ("Chief Executive") is merged down rows 3-5: read as the Owner of each of those rows';

async function writePlanWorkbook(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const lead = book.addWorksheet('Leadership');
  lead.addRow(['Riverside Race Equality Action Plan']);
  lead.addRow(['Theme', 'Ref', 'Action', 'Owner', 'Due', 'RAG', 'Progress']);
  lead.addRow([
    '1. Leadership',
    '1.1',
    'Appoint a race equality champion',
    'Chief Executive',
    new Date(Date.UTC(2025, 2, 31)),
    'Green',
    'Champion appointed in May.',
  ]);
  lead.addRow([
    '1. Leadership',
    '1.2',
    { richText: [{ text: 'Publish the ' }, { font: { bold: true }, text: 'pay gap' }, { text: ' report' }] },
    null,
    'March 25',
    'Amber',
  ]);
  lead.addRow([
    '1. Leadership',
    '1.3',
    { formula: '"Train "&"every manager"', result: 'Train every manager' },
    null,
    'Ongoing',
    '',
  ]);
  lead.mergeCells('D3:D5');
  lead.addRow(['Theme', 'Ref', 'Action', 'Owner', 'Due', 'RAG', 'Progress']); // repeated on a printed page
  lead.addRow([
    '1. Leadership',
    '1.4',
    'Review the board’s terms of reference\nwith staff networks',
    'Head of HR; Board Secretary',
    '2026-01-31',
    'Red',
  ]);
  book.addWorksheet('Sheet2');
  const recruit = book.addWorksheet('2. Recruitment');
  recruit.addRow(['Ref', 'Action', 'Lead', 'By when']);
  recruit.addRow(['2.1', 'Anonymise shortlisting', 'HR Manager', new Date(Date.UTC(2025, 8, 1))]);
  recruit.addRow(['2.2', 'Diverse interview panels', 'HR Manager', new Date(Date.UTC(2026, 5, 1))]);
  recruit.getCell('D2').numFmt = 'mmm-yy';
  recruit.getCell('D3').numFmt = 'dd/mm/yyyy';
  await book.xlsx.writeFile(file);
}

describe.each(ENGINES)('importing an .xlsx workbook on %s', (engine) => {
  const bed = useImportCli(engine, 'actionbot-xlsx-');
  const { run, counts } = bed;
  let plan: string;
  beforeAll(async () => {
    plan = path.join(bed.dir, 'riverside plan.xlsx');
    await writePlanWorkbook(plan);
  });

  it('reads every sheet: themes, refs, titles, merged owners and due values as text', async () => {
    const result = await readImportFile(plan, { code: 'RREAP' });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const { themes, title } = result.plan;
    expect(title).toBe('Riverside Race Equality Action Plan');
    expect(themes.map((th) => [th.ref, th.title, th.actions.map((a) => a.ref)])).toEqual([
      ['1', 'Leadership', ['1.1', '1.2', '1.3', '1.4']],
      ['2', 'Recruitment', ['2.1', '2.2']],
    ]);
    const actions = themes.flatMap((th) => th.actions);
    expect(actions.map((a) => [a.title, a.owners, a.due, a.status])).toEqual([
      ['Appoint a race equality champion', ['Chief Executive'], '31/03/2025', 'green'],
      ['Publish the pay gap report', ['Chief Executive'], 'March 25', 'amber'],
      ['Train every manager', ['Chief Executive'], 'Ongoing', undefined],
      [
        'Review the board’s terms of reference\nwith staff networks',
        ['Head of HR', 'Board Secretary'],
        '2026-01-31',
        'red',
      ],
      ['Anonymise shortlisting', ['HR Manager'], 'September 2025', undefined],
      ['Diverse interview panels', ['HR Manager'], '01/06/2026', undefined],
    ]);
    // The one guess: the merged owner cell copied to the three rows it covers, named in the notes.
    expect(result.problems).toEqual([{ line: 3, message: MERGE_NOTE }]);
  });

  it('imports through the CLI, then re-imports changing nothing', async () => {
    const first = await run('import', plan, '--plan', 'RREAP');
    expect(first).toMatchObject({
      code: 0,
      err: `${plan}: 1 note on what was read:\n  line 3: ${MERGE_NOTE}\nProcessed 6/6 actions\n`,
    });
    expect(first.out).toBe(
      'Created plan RREAP: 2 themes, 6 actions added, 0 updated, 1 progress updates recorded.\n',
    );
    const a = await bed.t.store.actions.findAction('RREAP', '1.3');
    expect(a?.owners).toEqual(['Chief Executive']);
    const before = await counts();
    const dry = await run('import', plan, '--plan', 'RREAP', '--dry-run');
    expect(dry.out).toContain('(none: the plan already matches)');
    const again = await run('import', plan, '--plan', 'RREAP');
    expect(again.out).toBe(
      'Updated plan RREAP: 2 themes, 0 actions added, 6 updated, 0 progress updates recorded.\n',
    );
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
  });

  it('names the sheet and row of what it could not read', async () => {
    const file = path.join(bed.dir, 'notes.xlsx');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Actions').addRows([
      ['Ref', 'Action', 'Status'],
      ['1.1', 'Do it', 'In progress'],
    ]);
    book.addWorksheet('Notes').addRows([['Some notes about the plan']]);
    await book.xlsx.writeFile(file);
    const result = await readImportFile(file, { code: 'NOTES' });
    expect(result.ok && result.problems).toEqual([
      {
        line: 2,
        message: 'sheet "Actions": status "In progress" is not red, amber, green or complete; left unrated',
      },
      { line: 2, message: 'sheet "Actions": action 1.1 names no owner; only admins can update it' },
      { line: 1, message: 'sheet "Notes": no header row like Ref, Action, Owner; sheet not read' },
    ]);
  });

  it.each([
    [
      'random bytes',
      'damaged.xlsx',
      async (f: string) => fs.writeFile(f, Buffer.from('PK\u0003\u0004 this is not really a zip at all')),
      'this is not an Excel workbook that can be opened: open it in Excel, save it as .xlsx, and import it again',
    ],
    [
      'text named .xlsx',
      'text.xlsx',
      async (f: string) => fs.writeFile(f, 'Ref,Action\n1.1,Do it\n'),
      'this is not an Excel workbook that can be opened: open it in Excel, save it as .xlsx, and import it again',
    ],
    [
      'a password-protected workbook',
      'locked.xlsx',
      async (f: string) =>
        fs.writeFile(
          f,
          Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]),
        ),
      'this workbook is password-protected or in the old .xls format: remove the password and save it as "Excel Workbook (.xlsx)", then import that',
    ],
    ['a 0-byte file', 'empty.xlsx', async (f: string) => fs.writeFile(f, ''), 'the file is empty'],
    [
      'a 60 MB file',
      'huge.xlsx',
      async (f: string) => {
        await fs.writeFile(f, '');
        await fs.truncate(f, 60 * 1024 * 1024); // sparse: quick to make
      },
      'is 60 MB; plans are read up to 5 MB. Is it the right file?',
    ],
  ])('refuses %s in one sentence, writing nothing', async (_what, name, make, sentence) => {
    const file = path.join(bed.dir, name);
    await make(file);
    const before = await counts();
    const result = await run('import', file, '--plan', 'BAD');
    expect(result.code).toBe(65);
    const lines = result.err.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]?.endsWith(sentence)).toBe(true);
    expect(await counts()).toEqual(before);
  });
});

describe('exceljs stays out of the serving process', () => {
  it('is imported at run time only by read-xlsx.ts, and only with a dynamic import', async () => {
    const src = path.join(import.meta.dirname, '../../src');
    const files = (await fs.readdir(src, { recursive: true })).filter((f) => f.endsWith('.ts'));
    const loaders: string[] = [];
    for (const f of files) {
      const text = await fs.readFile(path.join(src, f), 'utf8');
      expect(text, f).not.toMatch(/^import (?!type )[^;]*from 'exceljs'/m);
      if (text.includes("import('exceljs')")) loaders.push(f);
    }
    expect(loaders).toEqual([path.join('import', 'read-xlsx.ts')]);
  });
});
