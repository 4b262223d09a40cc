import type { ColumnMap } from './plan-columns.ts';
import type { DraftAction, ImportProblem } from './plan-draft.ts';
import { expandRow, readSectionHeading } from './row-structure.ts';
import {
  appendContinuation,
  readActionRow,
  readThemeCell,
  type ThemeList,
  tidy,
  useTheme,
} from './table-rows.ts';

/** What table readers share while going down the rows of one file. */
export type TableState = ThemeList & {
  problems: ImportProblem[];
  /** Rows so far whose action carried a number, and the last action read. */
  numbered: number;
  last: DraftAction | null;
  /** Aims in order, for "Same as aim 2" cells. */
  aims: string[];
  /** Lines where HTML was read as text, reported in one note. */
  markupLines: number[];
};

/** A fresh {@link TableState}. */
export function createTableState(): TableState {
  return { themes: [], current: null, problems: [], numbered: 0, last: null, aims: [], markupLines: [] };
}

/** Options for documents: rows split across pages are joined to the row before. */
export type RowOptions = { joinSplitRows?: boolean; afterGap?: boolean };

/** Adds one data row of a table: an action (or several), the rest of the previous one, a theme heading, or a reported skip. */
export function addTableRow(
  state: TableState,
  cells: readonly string[],
  map: ColumnMap,
  line: number,
  options: RowOptions = {},
): void {
  if (cells.every((c) => /^[\s-]*$/.test(c))) return; // empty rows and "---" rules
  const heading = map.action === 0 && options.joinSplitRows ? null : readSectionHeading(cells);
  if (heading) {
    useTheme(state, heading, line);
    state.last = null;
    state.problems.push({
      line,
      message: `read as theme ${heading.ref} ("${cut(heading.title)}"): a numbered heading row`,
    });
    return;
  }
  const expanded = expandRow(cells, map);
  if (expanded.note) state.problems.push({ line, message: expanded.note });
  const seen = new Set<string>();
  expanded.rows.forEach((row, index) => {
    const problems: ImportProblem[] = [];
    const added = addAction(
      state,
      row.cells,
      map,
      line,
      index === 0 ? options : {},
      problems,
      expanded.themeText,
    );
    if (added && row.shared)
      added.description = added.description ? `${added.description}\n${row.shared}` : row.shared;
    for (const p of problems)
      if (!seen.has(p.message)) {
        seen.add(p.message);
        state.problems.push(p);
      }
  });
}

function cut(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function addAction(
  state: TableState,
  cells: readonly string[],
  map: ColumnMap,
  line: number,
  options: RowOptions,
  problems: ImportProblem[],
  themeText: string | undefined,
): DraftAction | null {
  const rowProblems: ImportProblem[] = []; // kept only if the row is kept
  const action = readActionRow(cells, map, line, rowProblems);
  if (options.joinSplitRows && state.last && isRestOfRow(action, map, options.afterGap ?? false)) {
    appendContinuation(state.last, action);
    problems.push({
      line,
      message: `read as the rest of the action on line ${state.last.line} (a row split across pages)`,
    });
    return null;
  }
  if (!action.title) {
    problems.push({ line, message: 'no action text in this row; skipped' });
    return null;
  }
  // Only where numbers live in the Action cell: a ref column may leave refs to be numbered.
  if (!action.ref && state.numbered > 0 && map.ref === undefined) {
    problems.push({
      line,
      message: `the Action cell ("${action.title.slice(0, 40)}") has no action number like 1.1, unlike the rows before it; skipped`,
    });
    return null;
  }
  if (action.ref && map.ref === undefined) state.numbered++;
  problems.push(...rowProblems);
  action.description = resolveAim(state, action.description);
  if (action.issue)
    action.description = action.description ? `${action.issue}\nAim: ${action.description}` : action.issue;
  const themeCell = themeText ?? (map.theme === undefined ? '' : tidy(cells[map.theme]));
  const prefix = action.ref?.split('.')[0];
  if (themeCell) useTheme(state, readThemeCell(themeCell), line);
  else if (!state.current || (themeText !== undefined && prefix && state.current.ref !== prefix)) {
    useTheme(state, prefix ? { ref: prefix, title: `Theme ${prefix}` } : { title: 'Actions' }, line);
  }
  state.current?.actions.push(action);
  state.last = action;
  return action;
}

function isRestOfRow(action: DraftAction, map: ColumnMap, afterGap: boolean): boolean {
  if (action.ref || action.status) return false;
  if (map.owner === undefined && map.due === undefined) return false;
  if (!action.ownerText && !action.due) return true;
  return afterGap && !action.due && map.due !== undefined;
}

// "Same as aim 2" refers to the second distinct aim; "4. Explore ..." numbers itself.
function resolveAim(state: TableState, aim: string | undefined): string | undefined {
  if (!aim) return aim;
  const same = /^same as aim (\d+)$/i.exec(aim);
  if (same) return state.aims[Number(same[1]) - 1] ?? aim;
  const numbered = /^(\d+)\.\s+(\S[\s\S]*)$/.exec(aim);
  const text = numbered?.[2] ?? aim;
  if (numbered) state.aims[Number(numbered[1]) - 1] = text;
  else state.aims.push(text);
  return text;
}
