import { HeadingLevel, Paragraph } from 'docx';
import { docxOf, para, row, table } from './plan-styles.ts';

// Style "register": a council's landscape action register, composed here (not a shared plan).

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
