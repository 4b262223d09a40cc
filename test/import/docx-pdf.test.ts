import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readImportFile } from '../../src/import/read-import-file.ts';
import { useImportCli } from '../support/import-cli.ts';
import { SOFFICE, toPdf } from '../support/plan-styles.ts';
import { ENGINES } from '../support/test-database.ts';

type CellText = string | string[] | Paragraph[];
const paragraphs = (text: CellText) =>
  typeof text === 'string'
    ? [new Paragraph(text)]
    : text.map((t) => (typeof t === 'string' ? new Paragraph(t) : t));
const cell = (text: CellText, span: { rowSpan?: number; columnSpan?: number } = {}) =>
  new TableCell({ children: paragraphs(text), ...span });
const row = (...cells: TableCell[]) => new TableRow({ children: cells });
const table = (...rows: TableRow[]) => new Table({ rows });
const heading = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_1 });
const bullet = (text: string) => new Paragraph({ text, bullet: { level: 0 } });
const header = () => row(cell('Action'), cell('Lead'), cell('Timescale'), cell('Progress'));

async function writeDocx(file: string, children: (Paragraph | Table)[]): Promise<void> {
  await fs.writeFile(file, await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

/** Numbered section headings, a table per section, merged and multi-line owners, bullets in a cell. */
const SECTIONED = [
  new Paragraph('Riverside Race Equality Action Plan 2025-27'),
  new Paragraph('This plan is reviewed every six months by the Equality Board.'),
  heading('1 Leadership and governance'),
  table(
    header(),
    row(
      cell('1.1 Appoint a race equality champion'),
      cell('Chief Executive'),
      cell('March 2026'),
      cell('Champion appointed in May'),
    ),
    row(
      cell('1.2 Report progress to the board'),
      cell(['Director of People', 'Equality and Diversity Manager']),
      cell('Quarterly'),
      cell(''),
    ),
  ),
  heading('2 Workforce'),
  new Paragraph('Our staff should reflect the communities we serve.'),
  table(
    header(),
    row(cell('2.1 Review shortlisting'), cell('Head of HR', { rowSpan: 2 }), cell('June 2026'), cell('')),
    row(cell('2.2 Train interview panels'), cell('September 2026'), cell('n/a')),
    row(
      cell([
        new Paragraph('2.3 Make recruitment fairer:'),
        bullet('Anonymise applications'),
        bullet('Diverse interview panels'),
      ]),
      cell('Recruitment Manager; HR Business Partner'),
      cell('2027'),
      cell(''),
    ),
    row(cell('3 Communities', { columnSpan: 4 })),
    row(
      cell('3.1 Meet community groups twice a year'),
      cell('Community Engagement Officer'),
      cell('Ongoing'),
      cell('First meeting held'),
    ),
  ),
];

/** A minimal PDF: one page, Helvetica, one text line per entry (none: a page with no text layer). */
function writePdf(lines: string[]): Buffer {
  const quote = (t: string) => t.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = lines.length
    ? `BT /F1 11 Tf 14 TL 72 760 Td ${lines.map((l) => `(${quote(l)}) Tj T*`).join(' ')} ET`
    : '';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const PDF_PLAN = [
  'Harbour Council Race Equality Plan',
  'Theme 1: Leadership',
  'Action 1: Appoint a race equality champion',
  'Lead: Chief Executive',
  'Timeframe: March 2026',
  'Theme 2: Workforce',
  'Action 1: Review shortlisting',
  'Lead: Head of HR; Recruitment Manager',
  'Timeframe: June 2026',
];

const outline = (plan: { themes: { ref?: string; title: string; actions: { ref?: string }[] }[] }) =>
  plan.themes.map((t) => [t.ref, t.title, t.actions.map((a) => a.ref)]);

describe('reading Word and PDF files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'actionbot-docx-'));
  });
  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  it('reads a Word plan: headings before tables and heading rows in them are themes, merged and multi-line owners', async () => {
    const file = path.join(dir, 'sections.docx');
    await writeDocx(file, SECTIONED);
    const result = await readImportFile(file, { code: 'RIVER' });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const { plan, problems } = result;
    expect(plan.title).toBe('Riverside Race Equality Action Plan 2025-27');
    expect(outline(plan)).toEqual([
      ['1', 'Leadership and governance', ['1.1', '1.2']],
      ['2', 'Workforce', ['2.1', '2.2', '2.3']],
      ['3', 'Communities', ['3.1']],
    ]);
    const [leadership, workforce, communities] = plan.themes;
    expect(leadership?.actions[0]).toMatchObject({
      title: 'Appoint a race equality champion',
      owners: ['Chief Executive'],
      due: 'March 2026',
      latestUpdate: 'Champion appointed in May',
    });
    expect(leadership?.actions[1]?.owners).toEqual(['Director of People', 'Equality and Diversity Manager']);
    expect(workforce?.actions.map((a) => [a.owners, a.due])).toEqual([
      [['Head of HR'], 'June 2026'],
      [['Head of HR'], 'September 2026'],
      [['Recruitment Manager', 'HR Business Partner'], '2027'],
    ]);
    expect(workforce?.actions[2]?.title).toBe(
      'Make recruitment fairer:\n- Anonymise applications\n- Diverse interview panels',
    );
    expect(communities?.actions[0]).toMatchObject({
      owners: ['Community Engagement Officer'],
      due: 'Ongoing',
    });
    // The one guess: the Lead cell merged down two rows, read for the second row too, and said so.
    expect(problems).toEqual([
      {
        line: 11,
        message: 'the Lead cell is merged down from the row above: its text is read for this row too',
        where: 'table 2, row 3',
      },
    ]);
  });

  it.skipIf(!SOFFICE)(
    'reads the PDF LibreOffice exports from that Word plan as the same plan (its columns from the text positions)',
    async () => {
      const docx = path.join(dir, 'exported.docx');
      await writeDocx(docx, SECTIONED);
      await toPdf([docx]);
      const fromWord = await readImportFile(docx, { code: 'RIVER' });
      const fromPdf = await readImportFile(path.join(dir, 'exported.pdf'), { code: 'RIVER' });
      if (!fromWord.ok || !fromPdf.ok) throw new Error('both files should read');
      // A cell merged down two rows shows its text once on paper: the PDF gives 2.2 no owner, and says so.
      const word = structuredClone(fromWord.plan);
      const merged = word.themes[1]?.actions[1];
      if (merged) merged.owners = [];
      expect(fromPdf.plan).toEqual(word);
      expect(fromPdf.problems.map((p) => `${p.where}: ${p.message}`)).toContain(
        'page 1, line 14: action 2.2 names no owner; only admins can update it',
      );
    },
    120_000,
  );

  it('reads a Word plan without tables as a document: headings, paragraphs and list items as lines', async () => {
    const file = path.join(dir, 'blocks.docx');
    await writeDocx(file, [
      new Paragraph('Harbour Council Race Equality Plan'),
      heading('Theme 1: Leadership'),
      new Paragraph('Action 1: Appoint a race equality champion'),
      bullet('Lead: Chief Executive'),
      bullet('Timeframe: March 2026'),
    ]);
    const result = await readImportFile(file, { code: 'HARB' });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(outline(result.plan)).toEqual([['1', 'Leadership', ['1.1']]]);
    expect(result.plan.themes[0]?.actions[0]).toMatchObject({
      title: 'Appoint a race equality champion',
      owners: ['Chief Executive'],
      due: 'March 2026',
    });
  });

  it('reads the text layer of a PDF plan', async () => {
    const file = path.join(dir, 'plan.pdf');
    await fs.writeFile(file, writePdf(PDF_PLAN));
    const result = await readImportFile(file, { code: 'HARB' });
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(outline(result.plan)).toEqual([
      ['1', 'Leadership', ['1.1']],
      ['2', 'Workforce', ['2.1']],
    ]);
    expect(result.plan.themes[1]?.actions[0]).toMatchObject({
      title: 'Review shortlisting',
      owners: ['Head of HR', 'Recruitment Manager'],
      due: 'June 2026',
    });
  });
});

describe('the Word and PDF libraries', () => {
  it('are loaded only when a .docx or .pdf is imported: no module imports them at start', async () => {
    const files = (await fs.readdir('src', { recursive: true })).filter((f) => f.endsWith('.ts'));
    const eager = /^import (?!type )[^;]*from '(mammoth|unpdf|htmlparser2)'/m;
    for (const f of files) expect(eager.test(await fs.readFile(path.join('src', f), 'utf8')), f).toBe(false);
  });
});

describe.each(ENGINES)('importing Word and PDF files on %s', (engine) => {
  const bed = useImportCli(engine, 'actionbot-docx-cli-');
  const { run } = bed;
  // A re-import audits itself; what these tests compare is the plan, its actions and updates.
  const counts = async () => {
    const { plans, actions, updates } = await bed.counts();
    return { plans, actions, updates };
  };

  it('imports a Word plan and a PDF plan, then re-imports each changing nothing', async () => {
    const docx = path.join(bed.dir, 'riverside.docx');
    await writeDocx(docx, SECTIONED);
    const pdf = path.join(bed.dir, 'harbour.pdf');
    await fs.writeFile(pdf, writePdf(PDF_PLAN));
    for (const [file, code, summary] of [
      [docx, 'RIVER', '3 themes, 6 actions added, 0 updated, 2 progress updates recorded.'],
      [pdf, 'HARB', '2 themes, 2 actions added, 0 updated, 0 progress updates recorded.'],
    ] as const) {
      const first = await run('import', file, '--plan', code);
      expect(first.out).toBe(`Created plan ${code}: ${summary}\n`);
      const before = await counts();
      const again = await run('import', file, '--plan', code);
      expect(again.out).toMatch(
        /^Updated plan \w+: \d themes, 0 actions added, \d updated, 0 progress updates recorded\.\n$/,
      );
      expect(await counts()).toEqual(before);
    }
    expect(await bed.t.store.actions.findAction('RIVER', '2.2')).toMatchObject({ owners: ['Head of HR'] });
  });

  it('refuses damaged, encrypted, empty and scanned files with one sentence, changing nothing', async () => {
    const before = await counts();
    const files: [string, Buffer, RegExp][] = [
      [
        'random.docx',
        Buffer.from('PK\u0003\u0004 not really a zip file at all'),
        /cannot be read .*save it again as \.docx/,
      ],
      ['noise.docx', Buffer.from([0x13, 0x37, 0xca, 0xfe, 0x00, 0x01]), /not a Word file/],
      [
        'locked.docx',
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]),
        /password-protected/,
      ],
      ['empty.docx', Buffer.alloc(0), /the file is empty \(0 bytes\)/],
      ['empty.pdf', Buffer.alloc(0), /the file is empty \(0 bytes\)/],
      [
        'scan.pdf',
        writePdf([]),
        /^ {2}this PDF has no text: it looks scanned; export the plan from Word or Excel, or run OCR first$/m,
      ],
      ['broken.pdf', Buffer.from('%PDF-1.4\nnothing else'), /this PDF cannot be read/],
    ];
    for (const [name, content, message] of files) {
      await fs.writeFile(path.join(bed.dir, name), content);
      const result = await run('import', path.join(bed.dir, name), '--plan', 'BAD');
      expect(result.code, name).toBe(65);
      expect(result.err, name).toMatch(message);
      expect(result.err, name).toContain('nothing was changed');
      expect(result.err.trim().split('\n'), name).toHaveLength(2);
    }
    expect(await counts()).toEqual(before);
  });
});
