import type * as Docx from 'docx';
import { formatLongDate } from '../domain/format.ts';
import type { ReportDocuments } from '../domain/report/report-documents.ts';
import { describeSummary, REPORT_STATUS_ORDER, type ReportModel } from '../domain/report/report-model.ts';
import { DIRECTION_LABELS, type Direction, type PeriodUpdate } from '../domain/report/since-model.ts';
import { describeStatus } from '../domain/status.ts';
import { type CellValue, createDocxParts, type DocxLib, type DocxParts } from './docx-parts.ts';

const DIRECTIONS: readonly Direction[] = ['improved', 'worsened', 'unchanged', 'new'];

/** Word reports through the `docx` library, loaded with `await import` on the first one asked for. */
export function createReportDocuments(): ReportDocuments {
  return {
    async renderDocx(model) {
      const d: DocxLib = await import('docx');
      const document = buildDocument(d, model);
      return new Uint8Array(await d.Packer.toBuffer(document));
    },
  };
}

function describeUpdate(u: PeriodUpdate): string {
  const change =
    u.from === u.to ? describeStatus(u.to) : `${describeStatus(u.from)} → ${describeStatus(u.to)}`;
  return `${u.date} · ${change} · ${u.author ?? 'imported'}${u.note ? `: ${u.note}` : ''}`;
}

const direction = (dir: Direction) => `${DIRECTION_LABELS[dir].mark} ${DIRECTION_LABELS[dir].word}`;
const themeName = (t: { ref: string; title: string }) => [t.ref, t.title].filter(Boolean).join('. ');

/** The report as a Word document: exceptions first (since a date), summary, themes, completed work. */
function buildDocument(d: DocxLib, model: ReportModel): Docx.Document {
  const p = createDocxParts(d);
  const { plan, since } = model;
  const [y, m, day] = model.date.split('-').map(Number);
  const date = formatLongDate({ year: y ?? 0, month: m ?? 1, day: day ?? 1 });
  const body: (Docx.Paragraph | Docx.Table)[] = [
    new d.Paragraph({ text: plan.title, heading: d.HeadingLevel.TITLE }),
    p.paragraph(
      [
        `Plan ${plan.code}`,
        plan.period ? `Period: ${plan.period}` : '',
        `Report date: ${date}`,
        since ? `Since ${since.sinceLabel}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    ),
  ];
  if (since) body.push(...exceptions(p, since));
  body.push(...summary(p, model));
  for (const theme of model.themes) {
    body.push(p.heading(themeName(theme)));
    const rows = model.rows.map((r, i) => ({ r, s: since?.rows[i] }));
    const inTheme = rows.filter(({ r }) => r.themeRef === theme.ref && r.themeTitle === theme.title);
    body.push(
      since
        ? p.table(
            [
              'Ref',
              'Action',
              'Owners',
              'Due',
              'Then',
              'Now',
              'Direction',
              `Updates since ${since.sinceLabel}`,
            ],
            inTheme.map(({ r, s }): CellValue[] => [
              r.ref,
              r.title,
              r.owners.join('; '),
              r.overdue ? `${r.due} (overdue)` : r.due,
              s?.then ? { status: s.then } : 'Not in the plan',
              { status: r.status },
              s ? direction(s.direction) : '',
              s?.updates.length ? s.updates.map(describeUpdate).join('\n') : 'No update in the period.',
            ]),
            [0.8, 3, 2, 1.2, 1.3, 1.3, 1.4, 5],
          )
        : p.table(
            ['Ref', 'Action', 'Owners', 'Due', 'RAG', 'Latest update', 'Updated'],
            inTheme.map(({ r }): CellValue[] => [
              r.ref,
              r.title,
              r.owners.join('; '),
              r.overdue ? `${r.due} (overdue)` : r.due,
              { status: r.status },
              r.latestUpdate ?? '',
              r.latestUpdateDate ?? '',
            ]),
            [0.8, 3.5, 2, 1.3, 1.3, 5, 1.3],
          ),
    );
  }
  if (since) {
    body.push(p.heading(`Completed since ${since.sinceLabel} (${since.completed.length})`));
    body.push(
      since.completed.length
        ? p.table(
            ['Ref', 'Action', 'Owners', 'Completed', 'Evidence'],
            since.completed.map((c) => [
              c.row.ref,
              c.row.title,
              c.row.owners.join('; '),
              c.completedOn ?? '',
              c.evidence ?? 'No evidence note.',
            ]),
            [0.8, 3.5, 2, 1.4, 6],
          )
        : p.paragraph('No action was completed in the period.'),
    );
  }
  if (model.checkbacks.length) {
    body.push(p.heading('The network asked before Complete'));
    for (const line of model.checkbacks) body.push(p.paragraph(line));
  }
  return new d.Document({
    title: `${plan.title}: progress report`,
    creator: 'Actionbot',
    styles: { default: { document: { run: { font: 'Arial', size: 20 } } } },
    sections: [
      {
        properties: { page: { size: { orientation: d.PageOrientation.LANDSCAPE } } },
        children: body,
      },
    ],
  });
}

function exceptions(p: DocxParts, since: NonNullable<ReportModel['since']>) {
  const { redAmber, noUpdate, overdue } = since.exceptions;
  const list = (rows: typeof noUpdate, dueText: (r: (typeof noUpdate)[number]) => string) =>
    p.table(
      ['Ref', 'Action', 'Owners', 'RAG', 'Due'],
      rows.map((r): CellValue[] => [r.ref, r.title, r.owners.join('; '), { status: r.status }, dueText(r)]),
      [0.8, 6, 3, 1.4, 2],
    );
  return [
    p.heading('Exceptions'),
    p.heading(`Red and Amber (${redAmber.length})`, 2),
    redAmber.length
      ? p.table(
          ['Ref', 'Action', 'Owners', 'RAG', 'What is blocking, what help is needed'],
          redAmber.map((x): CellValue[] => [
            x.row.ref,
            x.row.title,
            x.row.owners.join('; '),
            { status: x.row.status },
            x.note ? `${x.note}${x.noteDate ? ` (${x.noteDate})` : ''}` : 'No note given.',
          ]),
          [0.8, 4, 2.5, 1.4, 6],
        )
      : p.paragraph('No action is Red or Amber.'),
    p.heading(`No update since ${since.sinceLabel} (${noUpdate.length})`, 2),
    noUpdate.length
      ? list(noUpdate, (r) => r.due)
      : p.paragraph('Every open action has an update in the period.'),
    p.heading(`Overdue (${overdue.length})`, 2),
    overdue.length ? list(overdue, (r) => `${r.due} (overdue)`) : p.paragraph('Nothing is overdue.'),
  ];
}

function summary(p: DocxParts, model: ReportModel) {
  const s = model.summary;
  const moves = model.since ? DIRECTIONS : [];
  return [
    p.heading('Summary'),
    p.paragraph(describeSummary(model)),
    p.table(
      ['Status', 'Actions'],
      [
        ...REPORT_STATUS_ORDER.map((st): CellValue[] => [{ status: st }, String(s.byStatus[st])]),
        ['Overdue', String(s.overdue)],
        ['No update this cycle', String(s.noUpdateThisCycle)],
      ],
      [2, 1],
    ),
    p.heading('By theme', 2),
    p.table(
      ['Theme', ...REPORT_STATUS_ORDER.map(describeStatus), 'Total', ...moves.map(direction)],
      model.themes.map((t, i) => [
        themeName(t),
        ...REPORT_STATUS_ORDER.map((st) => String(t.counts[st])),
        String(Object.values(t.counts).reduce((a, b) => a + b, 0)),
        ...moves.map((dir) => String(model.since?.themeDirections[i]?.[dir] ?? 0)),
      ]),
      [5, ...REPORT_STATUS_ORDER.map(() => 1.2), 1, ...moves.map(() => 1.4)],
    ),
  ];
}
