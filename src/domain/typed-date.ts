import type { LocalDate } from './zoned-time.ts';

// Dates people type, read the en-GB way: day first. Month names in full or cut short ("Sept", "Jan").
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

/** Whether year, month and day name a real calendar date (30 February does not). */
function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  const t = new Date(Date.UTC(year, month - 1, day));
  return t.getUTCMonth() === month - 1 && t.getUTCDate() === day;
}

/** The month a word names: its full name or the first three letters or more of it. */
function monthOf(word: string): number | null {
  const w = word.toLowerCase();
  if (w.length < 3) return null;
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return i === -1 ? null : i + 1;
}

/**
 * A date as people type it in en-GB: `15/01/2027`, `15-1-2027`, `15.01.2027`, `2027-01-15` (ISO) or
 * `15 January 2027` / `15 Jan 2027`; null when it is not a real date in one of those forms.
 */
export function parseTypedDate(text: string): LocalDate | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return toDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) return toDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/i.exec(t);
  if (m) {
    const month = monthOf(m[2] ?? '');
    return month ? toDate(Number(m[3]), month, Number(m[1])) : null;
  }
  return null;
}

function toDate(year: number, month: number, day: number): LocalDate | null {
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

/** How many words from `words[start]` make a typed date (1 for `15/01/2027`, 3 for `15 Jan 2027`), or 0. */
export function countDateWords(words: readonly string[], start: number): number {
  if (parseTypedDate(words[start] ?? '')) return 1;
  return parseTypedDate(words.slice(start, start + 3).join(' ')) ? 3 : 0;
}
