import { markdownToText, readCellText } from './cell-text.ts';
import { readBlockLine, readThemeIntro, startBlock } from './document-blocks.ts';
import { createDocState, type DocState } from './document-state.ts';
import { flushUnknownRows, readTableLine, releaseHeld } from './document-tables.ts';
import type { ImportedPlan, PlanIdentity } from './plan-draft.ts';
import { finishDraft } from './plan-draft.ts';
import { cleanCells, reportMarkup } from './row-structure.ts';
import { useTheme } from './table-rows.ts';

const THEME_HEADING = /^(theme|objective|commitment|priority|section)\s+(\d{1,3})\s*[:.–-]?\s*(.*)$/i;
const PERIOD = /\b(20\d\d\s*[–-]\s*(?:20)?\d\d)\b/;

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
  const s = createDocState();
  const firstLines = lines.map((l) => plain(l)).filter(Boolean);
  lines.forEach((raw, index) => {
    readLine(s, raw, index + 1);
  });
  releaseHeld(s);
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
  if (read.text.trim()) releaseHeld(s);
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
  const block = startBlock(text);
  if (block && s.current && s.map === null) {
    s.block = block;
    return;
  }
  if (s.block && s.current) {
    readBlockLine(s, s.block, s.current, text, line);
    return;
  }
  s.pending.push({ line, text });
}
