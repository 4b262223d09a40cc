import { addTableRow, createTableState, type TableState } from './add-table-row.ts';
import { markdownToText, readCellText } from './cell-text.ts';
import { readOwnerCell } from './owner-cell.ts';
import { type ColumnMap, readHeader } from './plan-columns.ts';
import type { DraftAction, DraftTheme, ImportedPlan, PlanIdentity } from './plan-draft.ts';
import { finishDraft } from './plan-draft.ts';
import { cleanCells, readSectionHeading, reportMarkup } from './row-structure.ts';
import { isBlankValue, readStatus, readThemeCell, useTheme } from './table-rows.ts';

const THEME_HEADING = /^(theme|objective|commitment|priority|section)\s+(\d{1,3})\s*[:.–-]?\s*(.*)$/i;
const ACTION_HEADING = /^action\s+(\d{1,3})\s*:\s*(.*)$/i;
const FIELD =
  /^(lead|leads|owner|owners|by whom|timeframe|by when|due|deadline|status|rag|ragc|links to other plans)\s*:\s*(.*)$/i;
const PROGRESS_HEADING = /^(progress|update|latest update|progress update)\s*:?\s*$/i;
const METRIC_LINE = /^metric\s+(\d{1,2})\s*:/i;
const PERIOD = /\b(20\d\d\s*[–-]\s*(?:20)?\d\d)\b/;

/** A block action ("Action 3:") being read: its number, text, and the action its fields go to. */
type Block = {
  number: number;
  text: string[];
  action: DraftAction | null;
  reading: 'text' | 'fields' | 'progress';
};

/** The reader's state: tables share {@link TableState}; blocks and headings add their own. */
type DocState = TableState & {
  pending: { line: number; text: string }[];
  map: ColumnMap | null;
  tablesSeen: number;
  blanks: number;
  block: Block | null;
  expect: 'theme-title' | 'objective' | null;
  unknownRows: { from: number; to: number } | null;
};

/** A line without Markdown decoration (**bold**, *italic*, [link](#)), spacing tidied. */
function plain(line: string): string {
  return markdownToText(line).replace(/\s+/g, ' ').trim();
}

/**
 * Reads the text of a plan document: tab-separated tables under headings (Owner / By When, or
 * RAGC status and update columns), and "Action N:" blocks with "Lead:"/"Timeframe:" lines and a
 * "Progress" section under "Theme N:" headings. What is skipped or joined is reported by line.
 */
export function parseDocumentPlan(text: string, id: PlanIdentity): ImportedPlan {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const s: DocState = {
    ...createTableState(),
    pending: [],
    map: null,
    tablesSeen: 0,
    blanks: 0,
    block: null,
    expect: null,
    unknownRows: null,
  };
  const firstLines = lines.map((l) => plain(l)).filter(Boolean);
  lines.forEach((raw, index) => {
    readLine(s, raw, index + 1);
  });
  flushUnknownRows(s);
  reportMarkup(s.markupLines, s.problems);
  const period = firstLines
    .slice(0, 12)
    .map((l) => PERIOD.exec(l)?.[1])
    .find(Boolean);
  return finishDraft({ title: firstLines[0], period, themes: s.themes }, id, s.problems);
}

function readLine(s: DocState, raw: string, line: number): void {
  if (raw.includes('\t')) {
    readTableLine(s, cleanCells(raw.split('\t'), line, s.markupLines), line);
    return;
  }
  const read = readCellText(raw);
  if (read.markup && !s.markupLines.includes(line)) s.markupLines.push(line);
  // A paragraph of HTML reads as several lines; the document reader takes one line at a time.
  const text = plain(read.text.replace(/\n/g, ' '));
  if (!text) {
    s.blanks++;
    return;
  }
  flushUnknownRows(s);
  s.blanks = 0;
  const theme = THEME_HEADING.exec(text);
  if (theme?.[2] && text.length < 300) {
    s.block = null;
    s.pending = [];
    const title = (theme[3] ?? '').trim();
    useTheme(s, { ref: theme[2], title: title || `${theme[1]} ${theme[2]}` }, line);
    s.expect = title ? null : 'theme-title';
    return;
  }
  if (s.expect === 'theme-title' && s.current) {
    s.current.title = text;
    s.expect = null;
    return;
  }
  if (s.current && !s.block && s.map === null) {
    readThemeIntro(s, s.current, text);
    return;
  }
  const heading = ACTION_HEADING.exec(text);
  if (heading?.[1] && s.current && s.map === null) {
    s.block = {
      number: Number(heading[1]),
      text: heading[2] ? [heading[2]] : [],
      action: null,
      reading: 'text',
    };
    return;
  }
  if (s.block && s.current) {
    readBlockLine(s, s.block, s.current, text, line);
    return;
  }
  s.pending.push({ line, text });
}

function readThemeIntro(s: DocState, theme: DraftTheme, text: string): void {
  const heading = ACTION_HEADING.exec(text);
  if (heading?.[1]) {
    s.block = {
      number: Number(heading[1]),
      text: heading[2] ? [heading[2]] : [],
      action: null,
      reading: 'text',
    };
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

function readBlockLine(s: DocState, block: Block, theme: DraftTheme, text: string, line: number): void {
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

function readTableLine(s: DocState, cells: string[], line: number): void {
  const header = readHeader(cells);
  const afterGap = s.blanks >= 2;
  s.blanks = 0;
  const heading = s.map ? null : readSectionHeading(cells);
  if (heading) {
    // "1 Place shaping ..." then empty cells, before the table's header: the theme, not the intro.
    flushUnknownRows(s);
    s.pending = [];
    s.tablesSeen++;
    useTheme(s, heading, line);
    s.problems.push({
      line,
      message: `read as theme ${heading.ref} ("${heading.title.slice(0, 60)}"): a numbered heading row`,
    });
    return;
  }
  if (!header && !s.map) {
    if (cells.some((c) => c.trim())) s.unknownRows = { from: s.unknownRows?.from ?? line, to: line };
    return;
  }
  flushUnknownRows(s);
  if (s.pending.length > 0) startTableTheme(s, line);
  s.block = null;
  if (header) {
    s.map = header;
    return;
  }
  addTableRow(s, cells, s.map as ColumnMap, line, { joinSplitRows: true, afterGap });
}

// Before the first table, the paragraph nearest it is the heading (the rest is the introduction);
// between tables, the first paragraph is the heading and the rest its objective.
function startTableTheme(s: DocState, line: number): void {
  const paragraphs = s.pending.filter((p) => p.line > 0);
  s.pending = [];
  if (paragraphs.length === 0) return;
  const first = s.tablesSeen++ === 0 && !s.current;
  const heading = first ? paragraphs.at(-1) : paragraphs[0];
  if (!heading) return;
  const theme = useTheme(s, readThemeCell(heading.text), heading.line || line);
  if (!first && paragraphs.length > 1)
    theme.objective = paragraphs
      .slice(1)
      .map((p) => p.text)
      .join('\n');
  s.last = null;
}

function flushUnknownRows(s: DocState): void {
  if (!s.unknownRows) return;
  const { from, to } = s.unknownRows;
  s.unknownRows = null;
  s.problems.push({
    line: from,
    message: `${from === to ? 'a table row' : `a table (to line ${to})`} with no recognisable header row such as Action, Owner, By when; skipped`,
  });
}
