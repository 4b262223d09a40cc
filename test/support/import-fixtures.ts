import path from 'node:path';

/** Copies of the three real plans from the project's shared folder (../shared/plans), unchanged. */
export const PLANS_DIR = path.resolve(import.meta.dirname, '../fixtures/plans');

/** A plan as Excel writes "CSV UTF-8": BOM, CRLF, quotes only where needed, line breaks inside cells. */
export const EXCEL_CSV = [
  '\uFEFFNo.,Theme,Action to be taken,Lead,Timescale,RAG Status,Success measure,Latest update',
  '1.1,Leadership,"Appoint a race equality champion, with a deputy",Chief Executive,March 24,Green,Champion named,"Champion appointed in May.',
  'Deputy to follow."',
  ',Leadership,"Publish the ""Our Voice"" survey results",Head of People Services; Reward and Analytics Manager,Q2 2024,amber,,',
  ',Recruitment,Review job adverts,HR Manager and Principal Social Worker,Ongoing,,,',
  '2.5,Recruitment,Diverse interview panels,Directors,31/03/2025,R,Panels for all BG15 posts,Not started: no panel members yet',
  '',
].join('\r\n');
