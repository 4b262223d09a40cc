import { getLocalDate, getLocalTime, type LocalDate } from './zoned-time.ts';

// How dates, times and cut text read to people, in en-GB, in one place. Built from our own names
// rather than Intl's, so every platform and ICU version words a date the same. Keys and storage
// use ISO dates (formatIsoDate in zoned-time.ts), never these.

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
// en-GB's abbreviations: four letters for September, as Intl's en-GB writes it.
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const ELLIPSIS = '…';

/** "21 January 2027": the one long form of a date. */
export function formatLongDate(date: LocalDate): string {
  return `${date.day} ${MONTHS[date.month - 1]} ${date.year}`;
}

/** "21 Jan 2027": the short form, for dense lines such as an update's history. */
export function formatShortDate(date: LocalDate): string {
  return `${date.day} ${SHORT_MONTHS[date.month - 1]} ${date.year}`;
}

/** "Monday 11 January": a day by its name, for days near enough that the year goes without saying. */
export function formatDayName(date: LocalDate): string {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return `${DAYS[weekday]} ${date.day} ${MONTHS[date.month - 1]}`;
}

/** "09:00": a time of day on the 24-hour clock. */
export function formatTime(time: { hour: number; minute: number }): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

/** "22 Nov 2026, 18:40": an instant in a zone, short (update lines). */
export function formatShortDateTime(at: Date, timeZone: string): string {
  return `${formatShortDate(getLocalDate(at, timeZone))}, ${formatTime(getLocalTime(at, timeZone))}`;
}

/** "Monday 11 January at 09:00": when something scheduled happened, in a zone. */
export function formatDayTime(at: Date, timeZone: string): string {
  return `${formatDayName(getLocalDate(at, timeZone))} at ${formatTime(getLocalTime(at, timeZone))}`;
}

/**
 * Text cut to at most `max` characters (UTF-16 units, as the platforms count), ending in "…" when
 * cut. A cut never splits a surrogate pair: an emoji is kept whole or dropped whole.
 */
export function truncate(text: string, max = 40): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - ELLIPSIS.length);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}${ELLIPSIS}`;
}
