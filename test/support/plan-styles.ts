import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

// Plans composed in styles councils publish (not copies of ../shared/plans), written as real Word
// files by the docx library; PDFs of them are made by LibreOffice where it is installed.

/** What a test expects of one action: ref, title, owners, due. */
export type ExpectedAction = [string, string, string[], string];
/** What a test expects of a plan: each theme's ref, title and actions. */
export type ExpectedPlan = [string, string, ExpectedAction[]][];

/** A paragraph of text. */
export const para = (text: string) => new Paragraph(text);
/** A table cell: a paragraph per line, merged across `span` columns, bold for headings. */
export const cell = (text: string | string[], span?: number, bold = false) =>
  new TableCell({
    children: (Array.isArray(text) ? text : [text]).map(
      (t) => new Paragraph({ children: [new TextRun({ text: t, bold })] }),
    ),
    ...(span ? { columnSpan: span } : {}),
  });
/** A table row; a header row repeats on each page. */
export const row = (cells: (string | string[])[], header = false) =>
  new TableRow({ children: cells.map((c) => cell(c, undefined, header)), tableHeader: header });
/** A table the width of the page. */
export const table = (rows: TableRow[]) =>
  new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });

/**
 * Style "unnumbered headings": one table, a bold row merged across it per theme ("Leadership and
 * governance", no number), then a header row, then rows without refs; owners on separate lines or
 * run together ("Director of Public Health Head of HR").
 */
export const HEADED_ROWS = {
  header: ['Action', 'Lead officer', 'Due'],
  sections: [
    {
      heading: 'Leadership and governance',
      rows: [
        ['Agree an equality policy statement with elected members', 'Chief Executive', 'March 2026'],
        [
          'Report equality progress to Cabinet twice a year',
          ['Director of Public Health', 'Head of HR'],
          'Six monthly',
        ],
      ],
    },
    {
      heading: 'Workforce and recruitment',
      rows: [
        [
          'Anonymise shortlisting for every vacancy',
          'Director of Public Health Head of HR Chief Executive',
          'June 2026',
        ],
        [
          'Offer mentoring to staff from minority ethnic backgrounds',
          'Organisational Development Manager',
          'December 2026',
        ],
      ],
    },
  ],
} as const;

export const HEADED_ROWS_EXPECTED: ExpectedPlan = [
  [
    '1',
    'Leadership and governance',
    [
      ['1.1', 'Agree an equality policy statement with elected members', ['Chief Executive'], 'March 2026'],
      [
        '1.2',
        'Report equality progress to Cabinet twice a year',
        ['Director of Public Health', 'Head of HR'],
        'Six monthly',
      ],
    ],
  ],
  [
    '2',
    'Workforce and recruitment',
    [
      [
        '2.1',
        'Anonymise shortlisting for every vacancy',
        ['Director of Public Health', 'Head of HR', 'Chief Executive'],
        'June 2026',
      ],
      [
        '2.2',
        'Offer mentoring to staff from minority ethnic backgrounds',
        ['Organisational Development Manager'],
        'December 2026',
      ],
    ],
  ],
];

/** The "unnumbered headings" plan as a Word file. */
export async function headedRowsDocx(): Promise<Buffer> {
  const width = HEADED_ROWS.header.length;
  const rows = HEADED_ROWS.sections.flatMap((s) => [
    new TableRow({ children: [cell(s.heading, width, true)] }),
    row([...HEADED_ROWS.header], true),
    ...s.rows.map((r) => row(r.map((c) => (typeof c === 'string' ? c : [...c])))),
  ]);
  return docxOf([para('Westmoor District Council Equality Plan 2026'), table(rows)]);
}

/** A Word document of these paragraphs and tables, in landscape if asked. */
export async function docxOf(children: (Paragraph | Table)[], landscape = false): Promise<Buffer> {
  const page = landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {};
  return Packer.toBuffer(new Document({ sections: [{ properties: page, children }] }));
}

/** Where LibreOffice is, if it is installed. */
export const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));

/** Converts Word files to PDF with LibreOffice, all in one run (its own profile, so runs do not collide). */
export async function toPdf(files: string[]): Promise<void> {
  if (!SOFFICE) throw new Error('LibreOffice is not installed');
  const dir = path.dirname(files[0] ?? '.');
  await promisify(execFile)(
    SOFFICE,
    [
      `-env:UserInstallation=file://${dir}/lo-profile`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      ...files,
    ],
    { timeout: 120_000 },
  );
}

/**
 * Style "scheme with aims": a bold paragraph (no Heading style, no number) before each table, then
 * Issue | Aim | Actions | By whom | Timescales for completion, the Aim cell holding numbered items
 * under its aim, the Actions cell bullets they share, and roles run together in By whom.
 */
export const AIMS = [
  {
    heading: 'Community cohesion',
    issue: 'Low trust among minority communities',
    aim: [
      'Build trust',
      '1.1 Hold listening events in each ward',
      '1.2 Publish what we heard and what we did',
    ],
    actions: ['Agree a venue in each ward', 'Report back within a month'],
    owner: 'Director of Public Health Head of HR',
    due: 'March 2026',
  },
  {
    heading: 'Accessible services',
    issue: 'Leaflets only in English',
    aim: [
      'Information people can read',
      '2.1 Translate the top ten leaflets',
      '2.2 Offer interpreters at every office',
    ],
    actions: ['Ask residents which languages matter'],
    owner: 'Customer Services Manager',
    due: 'September 2026',
  },
];

export const AIMS_EXPECTED: ExpectedPlan = AIMS.map((s, i) => [
  String(i + 1),
  s.heading,
  s.aim.slice(1).map((item): ExpectedAction => {
    const [ref = '', ...words] = item.split(' ');
    const owners = s.owner.includes('Head of HR') ? ['Director of Public Health', 'Head of HR'] : [s.owner];
    return [ref, words.join(' '), owners, s.due];
  }),
]);

/** The "scheme with aims" plan as a Word file. */
export async function aimsDocx(): Promise<Buffer> {
  const header = ['Issue', 'Aim', 'Actions', 'By whom', 'Timescales for completion'];
  const bullets = (items: string[]) =>
    new TableCell({ children: items.map((text) => new Paragraph({ text, bullet: { level: 0 } })) });
  return docxOf([
    para('Anytown Partnership Equality Scheme 2026-2029'),
    para('This scheme is reviewed every six months by the partnership board.'),
    ...AIMS.flatMap((s) => [
      new Paragraph({ children: [new TextRun({ text: s.heading, bold: true })] }),
      table([
        row(header, true),
        new TableRow({
          children: [cell(s.issue), cell(s.aim), bullets(s.actions), cell(s.owner), cell(s.due)],
        }),
      ]),
    ]),
  ]);
}
