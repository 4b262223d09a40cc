import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  Document,
  HeadingLevel,
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

const para = (text: string) => new Paragraph(text);
const cell = (text: string | string[], span?: number, bold = false) =>
  new TableCell({
    children: (Array.isArray(text) ? text : [text]).map(
      (t) => new Paragraph({ children: [new TextRun({ text: t, bold })] }),
    ),
    ...(span ? { columnSpan: span } : {}),
  });
const row = (cells: (string | string[])[], header = false) =>
  new TableRow({ children: cells.map((c) => cell(c, undefined, header)), tableHeader: header });
const table = (rows: TableRow[]) => new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });

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

/**
 * Style "register" (landscape): Ref | Objective | Action | Lead officer | Target date | RAG, long
 * actions that wrap, a table per part under a plain heading, header rows repeated on new pages.
 */
export const REGISTER_HEADER = ['Ref', 'Objective', 'Action', 'Lead officer', 'Target date', 'RAG'];
const objective = (n: number) =>
  ['1. Inclusive leadership', '2. Fair recruitment and progression', '3. Services that meet community needs'][
    n - 1
  ] ?? '';
const long = (start: string) =>
  `${start}, with the results reported to the equality board and published on the council's website each year`;
export const REGISTER_PARTS: { heading: string; rows: string[][] }[] = [
  {
    heading: 'Part A: our organisation',
    rows: [
      [
        '1.1',
        objective(1),
        long('Set up an equality board chaired by the Chief Executive'),
        'Chief Executive',
        'June 2025',
        'Green',
      ],
      [
        '1.2',
        objective(1),
        long('Give every senior manager an equality objective in their appraisal'),
        'Director of Public Health Head of HR',
        'March 2026',
        'Amber',
      ],
      [
        '1.3',
        objective(1),
        long('Train every councillor in inclusive decision making'),
        'Head of Democratic Services',
        'September 2025',
        'Green',
      ],
      [
        '1.4',
        objective(1),
        long('Review the equality impact assessment template'),
        'Policy and Performance Manager',
        'April 2026',
        'Amber',
      ],
      [
        '2.1',
        objective(2),
        long('Use anonymised shortlisting for all vacancies above grade 8'),
        'Head of HR',
        'September 2025',
        'Amber',
      ],
      [
        '2.2',
        objective(2),
        long('Run a reverse mentoring programme with the corporate leadership team'),
        'Organisational Development Manager\nStaff Network Chairs',
        'December 2025',
        'Red',
      ],
      [
        '2.3',
        objective(2),
        long('Publish the ethnicity pay gap alongside the gender pay gap'),
        'Head of HR',
        'March 2026',
        'Green',
      ],
      [
        '2.4',
        objective(2),
        long('Set targets for diverse interview panels for senior posts'),
        'Recruitment Manager',
        'July 2026',
        'Amber',
      ],
    ],
  },
  {
    heading: 'Part B: our communities',
    rows: [
      [
        '3.1',
        objective(3),
        long('Translate the top twenty service leaflets into the five most spoken languages'),
        'Customer Services Manager',
        'October 2025',
        'Green',
      ],
      [
        '3.2',
        objective(3),
        long('Meet faith and community groups twice a year in each locality'),
        'Community Engagement Officer',
        'Ongoing',
        'Green',
      ],
      [
        '3.3',
        objective(3),
        long('Collect ethnicity data for every housing application'),
        'Head of Housing',
        'January 2026',
        'Red',
      ],
      [
        '3.4',
        objective(3),
        long('Fund a community liaison post for Gypsy, Roma and Traveller families'),
        'Director of Communities',
        'April 2026',
        'Amber',
      ],
    ],
  },
];

/** The register plan as a landscape Word file whose header rows repeat on each page. */
export async function registerDocx(): Promise<Buffer> {
  const children = REGISTER_PARTS.flatMap((part) => [
    new Paragraph({ text: part.heading, heading: HeadingLevel.HEADING_2 }),
    table([row(REGISTER_HEADER, true), ...part.rows.map((r) => row(r.map((c) => c.split('\n'))))]),
  ]);
  return docxOf([para('Eastbrook Borough Council Equality Action Register 2025-2027'), ...children], true);
}

async function docxOf(children: (Paragraph | Table)[], landscape = false): Promise<Buffer> {
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
