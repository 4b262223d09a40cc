import { isWorkingDay } from './schedule.ts';
import { addDays, formatIsoDate, type LocalDate } from './zoned-time.ts';

/**
 * Released anonymous feedback waiting for an answer: the pure rules. Feedback is read (an owner listed
 * it) and answered (a reply exists) on days, never at times; it awaits a response once its network's
 * working days to reply have passed with no reply.
 */

/** Default working days released feedback may wait for a reply before it is chased. */
export const DEFAULT_RESPOND_WITHIN = 10;

/** Released feedback with no reply, as the chase and the digest see it: no text, no submitter. */
export type UnansweredFeedback = {
  id: string;
  code: string;
  networkId: string;
  actionIds: string[];
  themeIds: string[];
  /** "ARAP:2.4" for each tagged action. */
  actionRefs: string[];
  /** Theme titles, tagged directly or through an action. */
  themes: string[];
  releasedOn: string;
};

/** A YYYY-MM-DD day as a local date. */
export const toLocalDay = (day: string): LocalDate => {
  const [year, month, date] = day.split('-').map(Number);
  return { year: year ?? 0, month: month ?? 0, day: date ?? 0 };
};

/**
 * The day released feedback starts awaiting a response: the `days`-th working day after the day it
 * was released (weekends and bank holidays are not counted). Released on Friday 18 December 2026 with
 * 5 days, 25 and 28 December being holidays: Tuesday 29 December.
 */
export function getRespondBy(releasedOn: string, days: number, bankHolidays: ReadonlySet<string>): string {
  let day = toLocalDay(releasedOn);
  for (let counted = 0; counted < days; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day, bankHolidays)) counted++;
  }
  return formatIsoDate(day);
}

/** Whether unanswered feedback released on `releasedOn` is awaiting a response on `today`. */
export function isAwaitingResponse(
  releasedOn: string,
  today: string,
  days: number,
  bankHolidays: ReadonlySet<string>,
): boolean {
  return today >= getRespondBy(releasedOn, days, bankHolidays);
}

/**
 * The digest's "awaiting a response" line: feedback awaiting a response counted by theme, showing only
 * themes whose count reaches K (a smaller count could point at a person). Null when none reaches K.
 */
export function composeAwaitingDigestLine(
  awaiting: readonly { themes: readonly string[] }[],
  threshold: number,
): string | null {
  const counts = new Map<string, number>();
  for (const item of awaiting)
    for (const theme of new Set(item.themes)) counts.set(theme, (counts.get(theme) ?? 0) + 1);
  const shown = [...counts]
    .filter(([, n]) => n >= threshold)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (shown.length === 0) return null;
  return `Anonymous feedback awaiting a response: ${shown.map(([t, n]) => `${t} ${n}`).join(', ')}.`;
}
