import { describeStatus, type Status } from '../status.ts';
import { escapeHtml as e, STATUS_COLOURS } from './html-text.ts';
import { REPORT_STATUS_ORDER, type ReportModel, type ReportRow } from './report-model.ts';
import { DIRECTION_LABELS, type Direction, type PeriodUpdate, type SinceSection } from './since-model.ts';

const DIRECTIONS: readonly Direction[] = ['improved', 'worsened', 'unchanged', 'new'];

/** A status badge: colour and its word. */
export function badge(status: Status): string {
  const c = STATUS_COLOURS[status];
  return `<span class="rag rag-${status.toLowerCase()}" style="background:${c.fill};color:${c.text}">${e(describeStatus(status))}</span>`;
}

/** A direction of travel: its mark and its word. */
export function directionBadge(direction: Direction): string {
  const d = DIRECTION_LABELS[direction];
  return `<span class="dot dot-${direction}">${d.mark} ${d.word}</span>`;
}

function themeName(t: { ref: string; title: string }): string {
  return [t.ref, t.title].filter(Boolean).join('. ');
}

function refCell(r: ReportRow): string {
  return `<td>${e(r.ref)}</td><td>${e(r.title)}</td><td>${e(r.owners.join('; '))}</td>`;
}

/** Per theme: counts by status now, and (since a date) how many moved each way. */
export function renderRollup(model: ReportModel): string {
  const since = model.since;
  const head = [
    '<th>Theme</th>',
    ...REPORT_STATUS_ORDER.map((s) => `<th>${badge(s)}</th>`),
    '<th>Total</th>',
    ...(since ? DIRECTIONS.map((d) => `<th>${directionBadge(d)}</th>`) : []),
  ].join('');
  const rows = model.themes.map((t, i) => {
    const total = Object.values(t.counts).reduce((a, b) => a + b, 0);
    const moved = since?.themeDirections[i];
    return `<tr><td>${e(themeName(t))}</td>${REPORT_STATUS_ORDER.map((s) => `<td>${t.counts[s]}</td>`).join('')}<td>${total}</td>${moved ? DIRECTIONS.map((d) => `<td>${moved[d]}</td>`).join('') : ''}</tr>`;
  });
  return `<table class="rollup"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The exceptions a committee asks about first: Red and Amber with their notes, silence, lateness. */
export function renderExceptions(since: SinceSection): string {
  const { redAmber, noUpdate, overdue } = since.exceptions;
  const red = redAmber.length
    ? `<table><thead><tr><th>Ref</th><th>Action</th><th>Owners</th><th>RAG</th><th>What is blocking, what help is needed</th></tr></thead><tbody>${redAmber
        .map(
          (x) =>
            `<tr>${refCell(x.row)}<td>${badge(x.row.status)}</td><td class="note">${x.note ? `${e(x.note)}${x.noteDate ? ` <span class="when">(${e(x.noteDate)})</span>` : ''}` : '<em>No note given.</em>'}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p>No action is Red or Amber.</p>';
  const list = (rows: ReportRow[], none: string, extra: (r: ReportRow) => string) =>
    rows.length
      ? `<table><thead><tr><th>Ref</th><th>Action</th><th>Owners</th><th>RAG</th><th>Due</th></tr></thead><tbody>${rows
          .map((r) => `<tr>${refCell(r)}<td>${badge(r.status)}</td><td>${extra(r)}</td></tr>`)
          .join('')}</tbody></table>`
      : `<p>${none}</p>`;
  return `<section class="exceptions"><h2>Exceptions</h2>
<h3>Red and Amber (${redAmber.length})</h3>${red}
<h3>No update since ${e(since.sinceLabel)} (${noUpdate.length})</h3>${list(noUpdate, 'Every open action has an update in the period.', (r) => e(r.due))}
<h3>Overdue (${overdue.length})</h3>${list(overdue, 'Nothing is overdue.', (r) => `<span class="overdue">${e(r.due)} (overdue)</span>`)}</section>`;
}

function describePeriodUpdate(u: PeriodUpdate): string {
  const change =
    u.from === u.to ? describeStatus(u.to) : `${describeStatus(u.from)} → ${describeStatus(u.to)}`;
  return `<li><span class="when">${e(u.date)}</span> · ${e(change)} · ${e(u.author ?? 'imported')}${u.note ? `: <span class="note">${e(u.note)}</span>` : ''}</li>`;
}

/** One theme's actions over the period: then, now, direction and every update. */
export function renderSinceTheme(since: SinceSection, theme: { ref: string; title: string }): string {
  const rows = since.rows
    .filter((s) => s.row.themeRef === theme.ref && s.row.themeTitle === theme.title)
    .map(
      (s) =>
        `<tr>${refCell(s.row)}<td${s.row.overdue ? ' class="overdue"' : ''}>${e(s.row.due)}${s.row.overdue ? ' (overdue)' : ''}</td><td>${s.then ? badge(s.then) : '<em>Not in the plan</em>'}</td><td>${badge(s.row.status)}</td><td>${directionBadge(s.direction)}</td><td>${s.updates.length ? `<ul class="updates">${s.updates.map(describePeriodUpdate).join('')}</ul>` : '<em>No update in the period.</em>'}</td></tr>`,
    )
    .join('\n');
  return `<section><h2>${e(themeName(theme))}</h2>
<table><thead><tr><th>Ref</th><th>Action</th><th>Owners</th><th>Due</th><th>Then</th><th>Now</th><th>Direction</th><th>Updates since ${e(since.sinceLabel)}</th></tr></thead>
<tbody>
${rows}
</tbody></table></section>`;
}

/** The actions completed in the period with the evidence given. */
export function renderCompleted(since: SinceSection): string {
  const rows = since.completed.map(
    (c) =>
      `<tr>${refCell(c.row)}<td>${e(c.completedOn ?? '')}</td><td class="note">${c.evidence ? e(c.evidence) : '<em>No evidence note.</em>'}</td></tr>`,
  );
  return `<section class="completed"><h2>Completed since ${e(since.sinceLabel)} (${since.completed.length})</h2>${
    rows.length
      ? `<table><thead><tr><th>Ref</th><th>Action</th><th>Owners</th><th>Completed</th><th>Evidence</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
      : '<p>No action was completed in the period.</p>'
  }</section>`;
}
