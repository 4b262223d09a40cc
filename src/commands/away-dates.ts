import { type AbsenceDateError, checkAbsenceDays } from '../domain/absence.ts';
import { formatLongDate, truncate } from '../domain/format.ts';
import { parseTypedDate } from '../domain/typed-date.ts';
import { formatIsoDate, getLocalDate, type LocalDate } from '../domain/zoned-time.ts';
import type { CommandContext } from './command.ts';

/** The days of an absence or cover as typed: `from` null means from today. */
export type TypedPeriod = { from: LocalDate | null; until: LocalDate };

const EXAMPLE = 'like until 15/01/2027 or 20/12/2026 to 04/01/2027';

/** The line for a word that should be a date and is not. */
export function describeNotADate(text: string): string {
  return `"${truncate(text)}" is not a date: say it like 15/01/2027 or 15 January 2027.`;
}

/**
 * Reads `until <date>`, `<date> to <date>` or `from <date> until <date>` (en-GB dates, day first); the
 * answer is the period or the one line saying what is wrong.
 */
export function parsePeriod(
  words: readonly string[],
): { ok: true; value: TypedPeriod } | { ok: false; error: string } {
  const text = words.join(' ').trim();
  if (!text) return { ok: false, error: `Until when? Say it ${EXAMPLE}.` };
  const until = /^until\s+(.+)$/i.exec(text);
  if (until) {
    const day = parseTypedDate(until[1] ?? '');
    return day
      ? { ok: true, value: { from: null, until: day } }
      : { ok: false, error: describeNotADate(until[1] ?? '') };
  }
  const range = /^(?:from\s+)?(.+?)\s+(?:to|until)\s+(.+)$/i.exec(text);
  if (!range) {
    const alone = parseTypedDate(text.replace(/^from\s+/i, ''));
    return {
      ok: false,
      error: alone ? `From ${formatLongDate(alone)} until when? Say it ${EXAMPLE}.` : describeNotADate(text),
    };
  }
  const from = parseTypedDate(range[1] ?? '');
  if (!from) return { ok: false, error: describeNotADate(range[1] ?? '') };
  const last = parseTypedDate(range[2] ?? '');
  if (!last) return { ok: false, error: describeNotADate(range[2] ?? '') };
  if (formatIsoDate(last) < formatIsoDate(from))
    return {
      ok: false,
      error: `${formatLongDate(last)} is before ${formatLongDate(from)}: give the first day, then the last.`,
    };
  return { ok: true, value: { from, until: last } };
}

/** Today's date in the plans' zone (the first plan's; London when there is none), as ISO. */
export async function getToday(ctx: Pick<CommandContext, 'store' | 'clock'>): Promise<string> {
  const zone = (await ctx.store.plans.listPlans())[0]?.timezone ?? 'Europe/London';
  return formatIsoDate(getLocalDate(ctx.clock.now(), zone));
}

/** A period's days as ISO, checked against today: the days, or the one line refusing them. */
export function checkPeriod(
  period: TypedPeriod,
  today: string,
): { ok: true; from: string; until: string } | { ok: false; error: string } {
  const from = period.from ? formatIsoDate(period.from) : today;
  const until = formatIsoDate(period.until);
  const problem: AbsenceDateError | null = checkAbsenceDays(today, from, until);
  if (problem === 'end_in_past')
    return { ok: false, error: `${formatLongDate(period.until)} has passed: give a last day from today on.` };
  if (problem === 'end_before_start')
    return {
      ok: false,
      error: `${formatLongDate(period.until)} is before the first day: give the last day on or after it.`,
    };
  return { ok: true, from, until };
}

/** "15 January 2027" from an ISO day. */
export function formatIsoLong(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return formatLongDate({ year: year ?? 0, month: month ?? 1, day: date ?? 1 });
}
