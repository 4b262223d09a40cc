import type { Block, DocState } from './document-state.ts';
import { readOwnerCell } from './owner-cell.ts';
import type { DraftAction, DraftTheme } from './plan-draft.ts';
import { isBlankValue, readStatus } from './table-rows.ts';

// The block reader: "Action N:" blocks with "Lead:"/"Timeframe:" lines and a "Progress" section.
const ACTION_HEADING = /^action\s+(\d{1,3})\s*:\s*(.*)$/i;
const FIELD =
  /^(lead|leads|owner|owners|by whom|timeframe|by when|due|deadline|status|rag|ragc|links to other plans)\s*:\s*(.*)$/i;
const PROGRESS_HEADING = /^(progress|update|latest update|progress update)\s*:?\s*$/i;
const METRIC_LINE = /^metric\s+(\d{1,2})\s*:/i;

/** The block an "Action N:" line starts, or null for any other line. */
export function startBlock(text: string): Block | null {
  const heading = ACTION_HEADING.exec(text);
  if (!heading?.[1]) return null;
  return { number: Number(heading[1]), text: heading[2] ? [heading[2]] : [], action: null, reading: 'text' };
}

/** A line under a theme before its first action: its objective, metrics, or narrative. */
export function readThemeIntro(s: DocState, theme: DraftTheme, text: string): void {
  const block = startBlock(text);
  if (block) {
    s.block = block;
    return;
  }
  if (/^objective\s*:?$/i.test(text)) s.expect = 'objective';
  else if (s.expect === 'objective') {
    theme.objective = text;
    s.expect = null;
  } else {
    const metric = METRIC_LINE.exec(text);
    if (metric?.[1] && !theme.metrics.includes(metric[1])) theme.metrics.push(metric[1]);
    else s.pending.push({ line: 0, text }); // narrative under the theme; kept only if a table follows
  }
}

/** A line within an "Action N:" block: a sub-action, a field, the progress heading or its text. */
export function readBlockLine(
  s: DocState,
  block: Block,
  theme: DraftTheme,
  text: string,
  line: number,
): void {
  const sub = new RegExp(`^${block.number}\\.(\\d{1,2})\\s+(\\S.*)$`).exec(text);
  if (sub?.[1] && sub[2]) {
    block.action = startAction(theme, `${theme.ref}.${block.number}.${sub[1]}`, sub[2], line);
    block.action.description = blockText(block);
    block.reading = 'fields';
    return;
  }
  const field = FIELD.exec(text.replace(/^- /, ''));
  if (field?.[1]) {
    if (!block.action) {
      block.action = startAction(theme, `${theme.ref}.${block.number}`, block.text[0] ?? '', line);
      block.action.description = block.text.slice(1).join('\n') || undefined;
      if (!block.action.title)
        s.problems.push({ line, message: `Action ${block.number} has no text before its fields` });
    }
    block.reading = 'fields';
    setField(s, block.action, field[1].toLowerCase(), field[2] ?? '', line);
    return;
  }
  if (PROGRESS_HEADING.test(text) && block.action) {
    block.reading = 'progress';
    return;
  }
  if (block.reading === 'text') block.text.push(text);
  else if (block.reading === 'progress' && block.action) {
    if (!isBlankValue(text))
      block.action.latestUpdate = block.action.latestUpdate ? `${block.action.latestUpdate}\n${text}` : text;
  } else
    s.problems.push({ line, message: `not understood after the fields of Action ${block.number}; skipped` });
}

function blockText(block: Block): string | undefined {
  return block.text.join('\n').replace(/:$/, '') || undefined;
}

function startAction(theme: DraftTheme, ref: string, title: string, line: number): DraftAction {
  const action: DraftAction = { line, ref, title: title.replace(/:$/, ''), owners: [], metrics: [] };
  theme.actions.push(action);
  return action;
}

function setField(s: DocState, action: DraftAction, name: string, value: string, line: number): void {
  const v = value.trim();
  if (name.startsWith('lead') || name.startsWith('owner') || name === 'by whom') {
    action.ownerText = v;
    const owner = readOwnerCell(v);
    action.owners = owner.roles;
    action.ownerEmails = owner.emails.length ? owner.emails : undefined;
    for (const guess of owner.guesses) s.problems.push({ line, message: guess });
  } else if (['timeframe', 'by when', 'due', 'deadline'].includes(name)) action.due = v || undefined;
  else if (name === 'links to other plans') return;
  else {
    const status = readStatus(v);
    if (status === null)
      s.problems.push({ line, message: `status "${v}" is not red, amber, green or complete; left unrated` });
    else action.status = status;
  }
}
