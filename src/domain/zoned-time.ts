/** A calendar date with no time zone: year, month 1-12, day 1-31. */
export type LocalDate = { year: number; month: number; day: number };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function partsOf(instant: Date, timeZone: string): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return parts;
}

/** The calendar date an instant falls on in a time zone. */
export function getLocalDate(instant: Date, timeZone: string): LocalDate {
  const p = partsOf(instant, timeZone);
  return { year: p.year ?? 0, month: p.month ?? 1, day: p.day ?? 1 };
}

/** The wall-clock hour and minute of an instant in a time zone. */
export function getLocalTime(instant: Date, timeZone: string): { hour: number; minute: number } {
  const p = partsOf(instant, timeZone);
  return { hour: p.hour ?? 0, minute: p.minute ?? 0 };
}

/** How far a zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function getZoneOffsetMs(instant: Date, timeZone: string): number {
  const p = partsOf(instant, timeZone);
  const wall = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant a local wall-clock time happens in a zone (the later offset wins across a DST change). */
export function getZonedInstant(date: LocalDate, timeZone: string, hour = 0, minute = 0): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const first = wall - getZoneOffsetMs(new Date(wall), timeZone);
  return new Date(wall - getZoneOffsetMs(new Date(first), timeZone));
}

/** ISO `YYYY-MM-DD` of a local date, which also sorts and compares as text. */
export function formatIsoDate(date: LocalDate): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** A local date plus (or minus) whole days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}
