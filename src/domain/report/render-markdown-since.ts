import { describeStatus } from '../status.ts';
import { DIRECTION_LABELS, type PeriodUpdate, type SinceSection } from './since-model.ts';

/** Text safe inside a Markdown table cell: pipes escaped, line breaks as <br>. */
export function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>').trim() || ' ';
}

/** One update in the period on one line: "22 Nov 2026 · Amber → Green · Jane: note". */
export function describePeriodUpdate(u: PeriodUpdate): string {
  const change =
    u.from === u.to ? describeStatus(u.to) : `${describeStatus(u.from)} → ${describeStatus(u.to)}`;
  return `${u.date} · ${change} · ${u.author ?? 'imported'}${u.note ? `: ${u.note}` : ''}`;
}

/** The exceptions, as Markdown lines: Red and Amber with their notes, no update, overdue. */
export function renderExceptionsMarkdown(since: SinceSection): string[] {
  const { redAmber, noUpdate, overdue } = since.exceptions;
  const out = ['## Exceptions', '', `### Red and Amber (${redAmber.length})`, ''];
  if (redAmber.length) {
    out.push(
      '| Ref | Action | Owners | RAG | What is blocking, what help is needed |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const x of redAmber)
      out.push(
        `| ${cell(x.row.ref)} | ${cell(x.row.title)} | ${cell(x.row.owners.join('; '))} | ${x.row.statusLabel} | ${cell(x.note ? `${x.note}${x.noteDate ? ` (${x.noteDate})` : ''}` : 'No note given.')} |`,
      );
  } else out.push('No action is Red or Amber.');
  const list = (title: string, rows: typeof noUpdate, none: string) => {
    out.push('', `### ${title} (${rows.length})`, '');
    if (!rows.length) out.push(none);
    for (const r of rows)
      out.push(`- ${r.ref} ${r.title} (${r.statusLabel}; ${r.owners.join('; ')}; due ${r.due})`);
  };
  list(`No update since ${since.sinceLabel}`, noUpdate, 'Every open action has an update in the period.');
  list('Overdue', overdue, 'Nothing is overdue.');
  return out;
}

/** One theme's actions over the period: then, now, direction and every update. */
export function renderSinceThemeMarkdown(
  since: SinceSection,
  theme: { ref: string; title: string },
): string[] {
  const out = [
    '| Ref | Action | Owners | Due | Then | Now | Direction | Updates in the period |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const s of since.rows.filter(
    (x) => x.row.themeRef === theme.ref && x.row.themeTitle === theme.title,
  )) {
    const d = DIRECTION_LABELS[s.direction];
    const updates = s.updates.length
      ? s.updates.map(describePeriodUpdate).join('\n')
      : 'No update in the period.';
    out.push(
      `| ${cell(s.row.ref)} | ${cell(s.row.title)} | ${cell(s.row.owners.join('; '))} | ${cell(s.row.overdue ? `${s.row.due} (overdue)` : s.row.due)} | ${s.then ? describeStatus(s.then) : 'Not in the plan'} | ${s.row.statusLabel} | ${d.mark} ${d.word} | ${cell(updates)} |`,
    );
  }
  return out;
}

/** The completed section: each action completed in the period with its evidence. */
export function renderCompletedMarkdown(since: SinceSection): string[] {
  const out = ['', `## Completed since ${since.sinceLabel} (${since.completed.length})`, ''];
  if (!since.completed.length) out.push('No action was completed in the period.');
  for (const c of since.completed)
    out.push(
      `- **${c.row.ref} ${c.row.title}**${c.completedOn ? ` (completed ${c.completedOn})` : ''}: ${c.evidence ?? 'no evidence note.'}`.replace(
        /\r?\n/g,
        ' ',
      ),
    );
  return out;
}
