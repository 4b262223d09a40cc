import { addDays, getLocalDate, getZonedInstant, type LocalDate } from './zoned-time.ts';

/** A parsed five-field cron expression (minute hour day-of-month month day-of-week), local to a zone. */
export type CronSpec = {
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  /** 0 = Sunday ... 6 = Saturday (7 is read as Sunday). */
  weekdays: ReadonlySet<number>;
  /** Both day fields restricted: cron then fires when EITHER matches (Vixie cron's rule). */
  eitherDay: boolean;
};

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

type Field = { name: string; min: number; max: number; names?: string[]; namesFrom?: number };
const FIELDS: Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, namesFrom: 1 },
  { name: 'day of week', min: 0, max: 7, names: DAY_NAMES, namesFrom: 0 },
];

function readNumber(text: string, field: Field): number | null {
  const named = field.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + (field.namesFrom ?? 0);
  if (!/^\d{1,2}$/.test(text)) return null;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : null;
}

function parseField(text: string, field: Field): number[] | string {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^(\*|[a-z0-9]+(?:-[a-z0-9]+)?)(?:\/(\d{1,2}))?$/i.exec(part);
    if (!m?.[1]) return `"${part}" is not a ${field.name}`;
    const step = m[2] === undefined ? 1 : Number(m[2]);
    if (step < 1) return `the step in "${part}" must be at least 1`;
    let from = field.min;
    let to = field.max;
    if (m[1] !== '*') {
      const [a, b] = m[1].split('-');
      const first = readNumber(a ?? '', field);
      const last = b === undefined ? (m[2] === undefined ? first : field.max) : readNumber(b, field);
      if (first === null || last === null || last < first)
        return `"${part}" is not a ${field.name} (${field.min}-${field.max})`;
      from = first;
      to = last;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((x, y) => x - y);
}

/** Reads a five-field cron expression; names (jan, mon) and ranges, lists and steps are understood. */
export function parseCron(expression: string): { ok: true; value: CronSpec } | { ok: false; error: string } {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5)
    return { ok: false, error: 'a cron expression has five fields: minute hour day month weekday' };
  const parsed: number[][] = [];
  for (const [i, field] of FIELDS.entries()) {
    const values = parseField(parts[i] ?? '', field);
    if (typeof values === 'string') return { ok: false, error: values };
    parsed.push(values);
  }
  const [minutes = [], hours = [], days = [], months = [], weekdays = []] = parsed;
  return {
    ok: true,
    value: {
      minutes,
      hours,
      daysOfMonth: new Set(days),
      months: new Set(months),
      weekdays: new Set(weekdays.map((d) => d % 7)),
      eitherDay: parts[2] !== '*' && parts[4] !== '*',
    },
  };
}

function matchesDay(spec: CronSpec, date: LocalDate): boolean {
  if (!spec.months.has(date.month)) return false;
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  const dom = spec.daysOfMonth.has(date.day);
  const dow = spec.weekdays.has(weekday);
  return spec.eitherDay ? dom || dow : dom && dow;
}

/** How far back a search for a firing looks: a little over four years (29 February). */
const SEARCH_DAYS = 1_470;

/**
 * The latest moment at or before `now` that a cron expression fires, reading its fields as wall-clock
 * time in `timeZone` (so `0 9 * * 1` is 09:00 local in winter and summer); `back` steps to earlier
 * firings. Null when it never fires in the last four years (e.g. `0 9 30 2 *`).
 */
export function getCronFiring(spec: CronSpec, now: Date, timeZone: string, back = 0): Date | null {
  let before = now.getTime() + 1; // firings strictly before this
  let found: Date | null = null;
  for (let step = 0; step <= back; step++) {
    found = findFiringBefore(spec, before, timeZone);
    if (!found) return null;
    before = found.getTime();
  }
  return found;
}

function findFiringBefore(spec: CronSpec, before: number, timeZone: string): Date | null {
  const today = getLocalDate(new Date(before), timeZone);
  for (let back = 0; back < SEARCH_DAYS; back++) {
    const day = addDays(today, -back);
    if (!matchesDay(spec, day)) continue;
    for (let h = spec.hours.length - 1; h >= 0; h--) {
      for (let m = spec.minutes.length - 1; m >= 0; m--) {
        const at = getZonedInstant(day, timeZone, spec.hours[h] ?? 0, spec.minutes[m] ?? 0);
        // A wall time skipped by a clock change maps to another day's instant: keep only real ones.
        if (at.getTime() < before && sameDay(getLocalDate(at, timeZone), day)) return at;
      }
    }
  }
  return null;
}

const sameDay = (a: LocalDate, b: LocalDate) => a.year === b.year && a.month === b.month && a.day === b.day;
