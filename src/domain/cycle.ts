import { getCronFiring, parseCron } from './cron.ts';
import { getLocalDate, getZonedInstant } from './zoned-time.ts';

/** The calendar update cycles, by name. */
export const UPDATE_CYCLES = ['monthly', 'quarterly', 'six-monthly'] as const;
/** One of {@link UPDATE_CYCLES}. */
export type CalendarCycle = (typeof UPDATE_CYCLES)[number];
/** How often owners are asked for an update: a calendar cycle, or `cron:<expression>` in the plan's zone. */
export type UpdateCycle = CalendarCycle | `cron:${string}`;

/** A cycle with its settings: the day of its first month it opens (calendar cycles), days until due. */
export type CycleRule = {
  cycle: UpdateCycle;
  /** Day of the cycle's first month that it opens (1-28); calendar cycles only. */
  openDay: number;
  /** Days from opening until updates are due; null: the deployment's default. */
  deadlineDays: number | null;
};

/** Latest day a cycle may open on, so that every month has it. */
export const MAX_OPEN_DAY = 28;
/** Longest deadline, in days. */
export const MAX_DEADLINE_DAYS = 180;

const MONTHS_PER_CYCLE: Record<CalendarCycle, number> = { monthly: 1, quarterly: 3, 'six-monthly': 6 };

/** Whether a text names a calendar cycle. */
export function isCalendarCycle(text: string): text is CalendarCycle {
  return (UPDATE_CYCLES as readonly string[]).includes(text);
}

/** Whether a text is an update cycle: a calendar cycle's name or `cron:` and a valid cron expression. */
export function isUpdateCycle(text: string): text is UpdateCycle {
  return isCalendarCycle(text) || (text.startsWith('cron:') && parseCron(text.slice(5)).ok);
}

/** The cron cycle of an expression (spacing normalised), or why it is not one. */
export function toCronCycle(
  expression: string,
): { ok: true; value: UpdateCycle } | { ok: false; error: string } {
  const normal = expression.trim().split(/\s+/).join(' ');
  const parsed = parseCron(normal);
  return parsed.ok ? { ok: true, value: `cron:${normal}` } : parsed;
}

const cronCache = new Map<string, Date | null>();

/**
 * When the cycle containing `now` opened: for a calendar cycle, midnight in the plan's zone on its
 * open day (default the 1st) of the month, quarter (Jan/Apr/Jul/Oct) or half-year (Jan/Jul); for a
 * cron cycle, the expression's latest firing. `back` steps to earlier cycles. A cron expression that
 * never fires gives the epoch (every action then counts as updated if it ever was).
 */
export function getCycleStart(cycle: UpdateCycle, now: Date, timeZone: string, back = 0, openDay = 1): Date {
  if (cycle.startsWith('cron:')) return getCronStart(cycle.slice(5), now, timeZone, back);
  const span = MONTHS_PER_CYCLE[cycle as CalendarCycle];
  const local = getLocalDate(now, timeZone);
  const monthIndex = local.year * 12 + (local.month - 1);
  const openingIn = (index: number) =>
    getZonedInstant({ year: Math.floor(index / 12), month: (index % 12) + 1, day: openDay }, timeZone);
  let start = monthIndex - (monthIndex % span);
  // Before this period's open day, the cycle still running is the previous period's.
  if (openingIn(start) > now) start -= span;
  return openingIn(start - back * span);
}

function getCronStart(expression: string, now: Date, timeZone: string, back: number): Date {
  const key = `${expression}|${timeZone}|${now.getTime()}|${back}`;
  if (!cronCache.has(key)) {
    const parsed = parseCron(expression);
    if (cronCache.size > 500) cronCache.clear(); // a digest asks for the same few keys thousands of times
    cronCache.set(key, parsed.ok ? getCronFiring(parsed.value, now, timeZone, back) : null);
  }
  return cronCache.get(key) ?? new Date(0);
}

/** The rule as stored in one text column: `quarterly`, `quarterly;open=5;deadline=21`, `cron:0 9 1 * *;deadline=10`. */
export function formatStoredCycle(rule: CycleRule): string {
  const parts: string[] = [rule.cycle];
  if (rule.openDay !== 1) parts.push(`open=${rule.openDay}`);
  if (rule.deadlineDays !== null) parts.push(`deadline=${rule.deadlineDays}`);
  return parts.join(';');
}

/** Reads a stored rule (see {@link formatStoredCycle}); null when it is not one. */
export function parseStoredCycle(text: string): CycleRule | null {
  const [cycle = '', ...options] = text.split(';');
  if (!isUpdateCycle(cycle)) return null;
  const rule: CycleRule = { cycle, openDay: 1, deadlineDays: null };
  for (const option of options) {
    const m = /^(open|deadline)=(\d{1,3})$/.exec(option);
    if (!m) return null;
    if (m[1] === 'open') rule.openDay = Math.min(MAX_OPEN_DAY, Math.max(1, Number(m[2])));
    else rule.deadlineDays = Math.min(MAX_DEADLINE_DAYS, Number(m[2]));
  }
  return rule;
}

/** The cycle in words: `quarterly`, `monthly (opens on the 5th)`, `cron "0 9 1 * *"`. */
export function describeCycle(cycle: UpdateCycle, openDay = 1): string {
  if (cycle.startsWith('cron:')) return `cron "${cycle.slice(5)}"`;
  return openDay === 1 ? cycle : `${cycle} (opens on the ${ordinal(openDay)})`;
}

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n !== 11
      ? 'st'
      : n % 10 === 2 && n !== 12
        ? 'nd'
        : n % 10 === 3 && n !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}
