import { readCellText } from './cell-text.ts';
import type { ImportProblem } from './plan-draft.ts';

/** "1 Place shaping, leadership ...", "2. Workforce", "Section 3: Services": a section heading. */
const SECTION_HEADING =
  /^(?:(?:theme|objective|commitment|priority|section|outcome)\s+)?(\d{1,2})(?![.\d]*\d)\s*[:.)–-]?\s+([A-Za-z(‘'"].{2,200})$/i;
/** An item number at the start of a line: "1.1 Realise ...", "2.3. Ensure ...". */
const ITEM_LINE = /^(\d{1,3}(?:\.\d{1,3}){1,2})\.?\s+(\S.*)$/;
/** An item number inside running text: " 1.2 Ensure" (capitalised word after it). */
const ITEM_INLINE = /\s(?=\d{1,3}\.\d{1,3}\.?\s+[A-Z])/;

/** Cells without markup, and the lines where markup was found (reported once per file). */
export function cleanCells(cells: readonly string[], line: number, markupLines: number[]): string[] {
  let markup = false;
  const clean = cells.map((cell) => {
    const read = readCellText(cell);
    markup ||= read.markup;
    return read.text;
  });
  if (markup && !markupLines.includes(line)) markupLines.push(line);
  return clean;
}

/** The note naming every line whose HTML was read as plain text, or nothing. */
export function reportMarkup(markupLines: number[], problems: ImportProblem[]): void {
  const [first, ...rest] = markupLines;
  if (first === undefined) return;
  const more =
    rest.length > 0 ? ` (also lines ${rest.slice(0, 8).join(', ')}${rest.length > 8 ? ', ...' : ''})` : '';
  problems.push({
    line: first,
    message: `HTML tags and entities read as plain text, list items as "- " lines${more}`,
  });
}

/**
 * A row whose only text is its first cell, a numbered heading ("1 Place shaping, leadership"
 * followed by empty cells), or a whole number in the first cell and a heading in one other
 * ("1 | Leadership and governance"): the theme the next rows belong to. Null for anything else.
 */
export function readSectionHeading(cells: readonly string[]): { ref: string; title: string } | null {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  // The number in a Ref column and the heading in the next cell ("1 | Leadership", nothing else).
  const split = filled.length === 2 && /^\d{1,2}\.?$/.test(cells[0]?.trim() ?? '');
  const first = split ? filled.join(' ') : (cells[0]?.trim() ?? '');
  if (!first || first.includes('\n') || (!split && cells.slice(1).some((c) => c.trim()))) return null;
  const m = SECTION_HEADING.exec(first);
  return m?.[1] && m[2] ? { ref: m[1], title: m[2].trim() } : null;
}

/** Numbered items found in one cell: the text before the first, the items, and whether a guess split running text. */
export type NumberedItems = { preamble: string; items: { ref: string; text: string }[]; inline: boolean };

/**
 * Two or more numbered items in one cell ("1.1 Realise ...\n1.2 Ensure ..."); lines without a number
 * continue the item before. Running text is split before " 1.2 Capitalised" only where the numbers
 * follow each other (1.1, 1.2, ...). Null when the cell holds fewer than two items.
 */
export function splitNumberedItems(text: string): NumberedItems | null {
  const byLine = collectItems(text.split('\n'));
  if (byLine.items.length >= 2) return { ...byLine, inline: false };
  const inline = collectItems(text.split('\n').flatMap((l) => l.split(ITEM_INLINE)));
  if (inline.items.length >= 2 && isSequence(inline.items.map((i) => i.ref)))
    return { ...inline, inline: true };
  return null;
}

function collectItems(lines: string[]): Omit<NumberedItems, 'inline'> {
  const preamble: string[] = [];
  const items: { ref: string; text: string }[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const m = ITEM_LINE.exec(line.replace(/^- /, ''));
    const last = items[items.length - 1];
    if (m?.[1] && m[2]) items.push({ ref: m[1], text: m[2].trim() });
    else if (last) last.text = `${last.text}\n${line}`;
    else preamble.push(line);
  }
  return { preamble: preamble.join('\n'), items };
}

function isSequence(refs: string[]): boolean {
  return refs.every((ref, i) => {
    if (i === 0) return true;
    const [a1, a2] = (refs[i - 1] ?? '').split('.').map(Number);
    const [b1, b2] = ref.split('.').map(Number);
    return (b1 === a1 && b2 === (a2 ?? 0) + 1) || (b1 === (a1 ?? 0) + 1 && b2 === 1);
  });
}

/** One row read as one or more actions: the cells of each, text they share, and the note if guessed. */
export type ExpandedRow = {
  rows: { cells: string[]; shared?: string | undefined }[];
  /** The theme cell's text without its numbered items, when the items came from it. */
  themeText?: string | undefined;
  note?: string | undefined;
};

/**
 * A row whose Action cell (or, failing that, its Objective/Theme cell, then its Aim cell) holds
 * several numbered items becomes one row per item, sharing the other cells. Items from the Objective
 * or Aim cell take the Action cell's text as what they share; the Aim cell keeps its text before them.
 */
export function expandRow(
  cells: readonly string[],
  map: { action?: number; theme?: number; description?: number },
): ExpandedRow {
  const at = (i: number | undefined) => (i === undefined ? '' : (cells[i] ?? ''));
  const sources = [
    ['Action', map.action],
    ['Objective/Theme', map.theme],
    ['Aim', map.description],
  ] as const;
  let found: NumberedItems | null = null;
  let where = '';
  let column: number | undefined;
  for (const [name, index] of sources) {
    found = index === undefined ? null : splitNumberedItems(at(index));
    if (found) {
      [where, column] = [name, index];
      break;
    }
  }
  if (!found || column === undefined || map.action === undefined) return { rows: [{ cells: [...cells] }] };
  const action = map.action;
  const inAction = column === action;
  const items = found;
  const rows = items.items.map((item) => {
    const next = [...cells];
    next[action] = `${item.ref} ${item.text}`;
    if (where === 'Aim') next[column] = items.preamble;
    const shared = inAction ? items.preamble : at(action);
    return { cells: next, shared: shared || undefined };
  });
  const refs = items.items.map((i) => i.ref);
  const how = items.inline ? ' (split where a number follows the one before: a guess)' : '';
  return {
    rows,
    themeText: where === 'Objective/Theme' ? items.preamble : undefined,
    note: `the ${where} cell holds ${refs.length} numbered items (${refs.join(', ')}): read as ${refs.length} actions sharing the row's other cells${how}`,
  };
}
