import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanFile } from '../../src/domain/plan-file.ts';
import { parseImportText, readImportFile } from '../../src/import/read-import-file.ts';
import { useImportCli } from '../support/import-cli.ts';
import { writeTablePdf } from '../support/pdf-table-writer.ts';
import { REGISTER_HEADER, REGISTER_PARTS, registerDocx } from '../support/plan-register.ts';
import {
  AIMS_EXPECTED,
  aimsDocx,
  type ExpectedPlan,
  HEADED_ROWS,
  HEADED_ROWS_EXPECTED,
  headedRowsDocx,
  SOFFICE,
  toPdf,
} from '../support/plan-styles.ts';
import { ENGINES } from '../support/test-database.ts';

const REGISTER_EXPECTED: ExpectedPlan = [1, 2, 3].map((n) => {
  const rows = REGISTER_PARTS.flatMap((p) => p.rows).filter((r) => r[0]?.startsWith(`${n}.`));
  const title = rows[0]?.[1]?.replace(/^\d\. /, '') ?? '';
  const owners = (cell: string) =>
    cell === 'Director of Public Health Head of HR'
      ? ['Director of Public Health', 'Head of HR']
      : cell.split('\n');
  return [String(n), title, rows.map((r) => [r[0] ?? '', r[2] ?? '', owners(r[3] ?? ''), r[4] ?? ''])];
});

const outline = (plan: PlanFile): ExpectedPlan =>
  plan.themes.map((t) => [t.ref, t.title, t.actions.map((a) => [a.ref, a.title, a.owners, a.due ?? ''])]);

/** Every text a plan would store: none may hold a tag. */
const texts = (plan: PlanFile) =>
  [
    plan.title,
    ...plan.themes.flatMap((t) => [
      t.title,
      ...t.actions.flatMap((a) => [a.title, a.description, ...a.owners]),
    ]),
  ].filter((t): t is string => typeof t === 'string');

async function read(file: string) {
  const result = await readImportFile(file, { code: 'STYLE' });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  expect(texts(result.plan).filter((t) => /<\/?[a-z]/i.test(t))).toEqual([]);
  return result;
}

describe('plans in styles nobody here wrote before', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'actionbot-styles-'));
    await fs.writeFile(path.join(dir, 'headed.docx'), await headedRowsDocx());
    await fs.writeFile(path.join(dir, 'register.docx'), await registerDocx());
    await fs.writeFile(path.join(dir, 'aims.docx'), await aimsDocx());
    const parts = REGISTER_PARTS.flatMap((p) => [
      { heading: p.heading },
      { header: REGISTER_HEADER, rows: p.rows },
    ]);
    await fs.writeFile(
      path.join(dir, 'register-courier.pdf'),
      writeTablePdf(
        'Eastbrook Borough Council Equality Action Register 2025-2027',
        parts,
        [50, 150, 300, 130, 80, 60],
      ),
    );
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  describe.skipIf(!SOFFICE)('PDFs that LibreOffice exports from the Word files', () => {
    it('reads the same themes, actions, owners and due dates as the Word files', async () => {
      await toPdf(['headed.docx', 'register.docx', 'aims.docx'].map((f) => path.join(dir, f)));
      expect(outline((await read(path.join(dir, 'aims.pdf'))).plan)).toEqual(AIMS_EXPECTED);
      expect(outline((await read(path.join(dir, 'headed.pdf'))).plan)).toEqual(HEADED_ROWS_EXPECTED);
      expect(outline((await read(path.join(dir, 'register.pdf'))).plan)).toEqual(REGISTER_EXPECTED);
    }, 120_000);
  });

  it('Word, unnumbered heading rows merged across a table: each is a theme, noted by table and row', async () => {
    const { plan, problems } = await read(path.join(dir, 'headed.docx'));
    expect(outline(plan)).toEqual(HEADED_ROWS_EXPECTED);
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          line: 2,
          where: 'table 1, row 1',
          message:
            'read as theme "Leadership and governance": a row with only this text, across the whole table',
        },
        expect.objectContaining({
          where: 'table 1, row 7',
          message: expect.stringMatching(
            /read as 3 roles: Director of Public Health; Head of HR; Chief Executive$/,
          ),
        }),
      ]),
    );
  });

  it('Word, numbered items in the Aim cell under bold unnumbered headings: one action per item', async () => {
    const { plan, problems } = await read(path.join(dir, 'aims.docx'));
    expect(outline(plan)).toEqual(AIMS_EXPECTED);
    expect(plan.themes[0]?.actions[1]?.description).toBe(
      'Low trust among minority communities\nAim: Build trust\n- Agree a venue in each ward\n- Report back within a month',
    );
    expect(problems.map((p) => [p.where, p.message])).toEqual(
      expect.arrayContaining([
        [
          'table 1, row 2',
          "the Aim cell holds 2 numbered items (1.1, 1.2): read as 2 actions sharing the row's other cells",
        ],
      ]),
    );
  });

  it('Word, a landscape register (Ref | Objective | Action | Lead officer | Target date | RAG) in two tables', async () => {
    const { plan } = await read(path.join(dir, 'register.docx'));
    expect(outline(plan)).toEqual(REGISTER_EXPECTED);
    expect(plan.themes[1]?.actions[1]?.status).toBe('red');
  });

  it('PDF tables laid out by position over two pages, header repeated: the same plan as the Word file', async () => {
    const { plan, problems } = await read(path.join(dir, 'register-courier.pdf'));
    expect(outline(plan)).toEqual(REGISTER_EXPECTED);
    expect(plan.title).toBe('Eastbrook Borough Council Equality Action Register 2025-2027');
    expect(plan.themes.flatMap((t) => t.actions.map((a) => a.status))).toEqual(
      REGISTER_PARTS.flatMap((p) => p.rows.map((r) => r[5]?.toLowerCase())),
    );
    // The guess is said once per table, with its page and line; the repeated header is not a new table.
    const tables = problems.filter((p) => p.message.startsWith('a table read by the position'));
    expect(tables.map((p) => p.where)).toEqual(['page 1, line 4', 'page 1, line 36']);
  });
});

describe('a document saved as text from Word', () => {
  it('reads an unnumbered heading alone in its row, before a header row, as a theme (noted)', () => {
    const text = [
      'Westmoor District Council Equality Plan 2026',
      ...HEADED_ROWS.sections.flatMap((section) => [
        `${section.heading}\t\t`,
        HEADED_ROWS.header.join('\t'),
        ...section.rows.map((r) => r.map((c) => (typeof c === 'string' ? c : c.join('; '))).join('\t')),
      ]),
      'Unfunded ideas for next year\t\t', // alone, then no header: read as the rest of the row before
    ].join('\n');
    const result = parseImportText(text, 'document', { code: 'WDC' });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(outline(result.plan)).toEqual(
      HEADED_ROWS_EXPECTED.map(([ref, title, actions], i) => [
        ref,
        title,
        i === 1
          ? actions.map((a, k) => (k === 1 ? [a[0], `${a[1]}\nUnfunded ideas for next year`, a[2], a[3]] : a))
          : actions,
      ]),
    );
    expect(result.problems.filter((p) => p.message.startsWith('read as theme'))).toEqual([
      {
        line: 2,
        message: 'read as theme "Leadership and governance": a row with only this text, before a header row',
      },
      {
        line: 6,
        message: 'read as theme "Workforce and recruitment": a row with only this text, before a header row',
      },
    ]);
  });
});

describe.each(ENGINES)('importing a PDF register on %s', (engine) => {
  const bed = useImportCli(engine, 'actionbot-styles-cli-');

  it('imports it as read, then re-imports it changing nothing', async () => {
    const file = path.join(bed.dir, 'register.pdf');
    const parts = REGISTER_PARTS.flatMap((p) => [
      { heading: p.heading },
      { header: REGISTER_HEADER, rows: p.rows },
    ]);
    await fs.writeFile(file, writeTablePdf('Eastbrook Register', parts, [50, 150, 300, 130, 80, 60]));
    const first = await bed.run('import', file, '--plan', 'EBR');
    expect(first.out).toBe(
      'Created plan EBR: 3 themes, 12 actions added, 0 updated, 0 progress updates recorded.\n',
    );
    const { plans, actions, updates } = await bed.counts();
    const again = await bed.run('import', file, '--plan', 'EBR');
    expect(again.out).toMatch(
      /^Updated plan EBR: 3 themes, 0 actions added, \d+ updated, 0 progress updates recorded\.\n$/,
    );
    expect(await bed.counts()).toMatchObject({ plans, actions, updates });
    expect(await bed.t.store.actions.findAction('EBR', '1.2')).toMatchObject({
      owners: ['Director of Public Health', 'Head of HR'],
    });
  });
});
