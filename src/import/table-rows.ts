import { parseStatusWord } from '../domain/status.ts';
import { readOwnerCell } from './owner-cell.ts';
import type { ColumnMap } from './plan-columns.ts';
import type { DraftAction, DraftTheme, ImportProblem } from './plan-draft.ts';

/** A leading action number: "1.1 Provide ...", "2.4. Review ...". */
const LEADING_REF = /^(\d{1,3}(?:\.\d{1,3}){1,3})\.?\s+(\S[\s\S]*)$/;
/** A theme cell's leading number: "1. Leadership", "Theme 2: Recruitment", "Objective 3 - ...". */
const THEME_NUMBER =
  /^(?:(?:theme|objective|commitment|priority|section)\s+)?(\d{1,3})\s*[:.)–-]\s*(\S[\s\S]*)$/i;

/** Cell text with spacing tidied; line breaks inside a cell are kept. */
export function tidy(cell: string | undefined): string {
  return (cell ?? '')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** True for cells that say nothing: empty, "n/a", dashes. */
export function isBlankValue(text: string): boolean {
  return !text || /^(n\/?a|-+|none|tbc|tba)\.?$/i.test(text);
}

/** Reads a theme cell into its number (if written) and title. */
export function readThemeCell(cell: string): { ref?: string; title: string } {
  const m = THEME_NUMBER.exec(cell);
  return m?.[1] && m[2] ? { ref: m[1], title: m[2].trim() } : { title: cell };
}

/** Reads the metric numbers of a cell: "6, 7, 8", "Metrics 1 and 9", "All". */
export function readMetrics(cell: string): string[] {
  return cell
    .replace(/^(wres\s+)?metrics?\s*/i, '')
    .split(/\s*(?:,|;|\band\b|&)\s*/i)
    .map((m) => m.trim())
    .filter((m) => m && !isBlankValue(m));
}

/** Reads one table row into an action; problems (unknown status) are added to `problems`. */
export function readActionRow(
  cells: readonly string[],
  map: ColumnMap,
  line: number,
  problems: ImportProblem[],
): DraftAction {
  const get = (index: number | undefined) => (index === undefined ? '' : tidy(cells[index]));
  let title = get(map.action);
  let ref = get(map.ref) || undefined;
  const leading = ref ? null : LEADING_REF.exec(title);
  if (leading?.[1] && leading[2]) {
    ref = leading[1];
    title = leading[2].trim();
  }
  const statusText = get(map.status);
  const status = readStatus(statusText);
  if (status === null)
    problems.push({
      line,
      message: `status "${statusText}" is not red, amber, green or complete; left unrated`,
    });
  const updates = map.update.map((i) => get(i)).filter((u) => !isBlankValue(u));
  const description = get(map.description);
  const successMeasure = get(map.success);
  const due = get(map.due);
  const ownerText = get(map.owner);
  const owner = readOwnerCell(ownerText);
  for (const guess of owner.guesses) problems.push({ line, message: guess });
  const issue = get(map.issue);
  return {
    line,
    ref: ref?.replace(/\.$/, ''),
    title,
    description: description || undefined,
    ownerText: ownerText || undefined,
    owners: owner.roles,
    ownerEmails: owner.emails.length ? owner.emails : undefined,
    issue: issue || undefined,
    due: due || undefined,
    status: status ?? undefined,
    successMeasure: successMeasure || undefined,
    metrics: readMetrics(get(map.metrics)),
    latestUpdate: updates.at(-1),
  };
}

/** A status cell: undefined when blank or "not started", null when it is not understood. */
export function readStatus(text: string): DraftAction['status'] | null | undefined {
  const t = text.trim().toLowerCase();
  if (isBlankValue(t) || /^(not (yet )?(rated|started)|unrated|grey|gray)$/.test(t)) return undefined;
  const word = parseStatusWord(t.replace(/[^a-z]+$/, '')) ?? parseStatusWord(t.split(/[\s/-]+/)[0] ?? '');
  if (!word || t.split(/[\s/]+/).filter(Boolean).length > 2) return null;
  return word.toLowerCase() as DraftAction['status'];
}

/** Appends a row read as the rest of the previous one (a row split across pages). */
export function appendContinuation(previous: DraftAction, next: DraftAction): void {
  const join = (a: string | undefined, b: string | undefined, sep: string) =>
    a && b ? `${a}${sep}${b}` : a || b || undefined;
  previous.title = join(previous.title, next.title, '\n') ?? '';
  // "Inclusion and Corporate" + "Development Manager": the cell is re-read whole.
  previous.ownerText = join(previous.ownerText, next.ownerText, ' ');
  const owner = readOwnerCell(previous.ownerText ?? '');
  previous.owners = owner.roles;
  previous.ownerEmails = owner.emails.length ? owner.emails : undefined;
  previous.due = join(previous.due, next.due, ' ');
  previous.latestUpdate = join(previous.latestUpdate, next.latestUpdate, '\n');
  previous.successMeasure = join(previous.successMeasure, next.successMeasure, '\n');
}

/** Themes found so far and the current one: the shared state of table readers. */
export type ThemeList = { themes: DraftTheme[]; current: DraftTheme | null };

/** Starts a theme, or returns the existing one with the same ref or title (CSV rows need not be grouped). */
export function useTheme(list: ThemeList, found: { ref?: string; title: string }, line: number): DraftTheme {
  const existing = list.themes.find((t) =>
    found.ref ? t.ref === found.ref : t.title.toLowerCase() === found.title.toLowerCase(),
  );
  if (existing) {
    list.current = existing;
    return existing;
  }
  const theme: DraftTheme = { line, ref: found.ref, title: found.title, metrics: [], actions: [] };
  list.themes.push(theme);
  list.current = theme;
  return theme;
}
