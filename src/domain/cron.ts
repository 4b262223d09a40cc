// Cron expressions are read and searched by croner: pure computation on the dates we hand it (no I/O,
// no timers: a Cron made without a function never schedules), no dependencies; test/architecture.test.ts
// allows it here for that reason.
import { Cron, type CronOptions } from 'croner';

/** A checked five-field cron expression (minute hour day-of-month month day-of-week), spacing normalised. */
export type CronSpec = { expression: string };

// Five fields only (no seconds or years); `10/10` (from 10, every 10) as Vixie cron reads it; day of
// month and day of week both restricted: either may match (Vixie cron's rule, croner's default).
const OPTIONS: CronOptions = { mode: '5-part', sloppyRanges: true, paused: true };

const FIELDS = [
  ['minute', '0-59'],
  ['hour', '0-23'],
  ['day of month', '1-31'],
  ['month', '1-12 or jan-dec'],
  ['day of week', '0-7 or sun-sat'],
] as const;

/** Reads a five-field cron expression; names (jan, mon), ranges, lists and steps are understood. */
export function parseCron(expression: string): { ok: true; value: CronSpec } | { ok: false; error: string } {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5)
    return { ok: false, error: 'a cron expression has five fields: minute hour day month weekday' };
  const normal = parts.join(' ');
  if (isCron(normal)) return { ok: true, value: { expression: normal } };
  // croner's messages name its internal fields; say which of the person's fields is wrong instead.
  for (const [i, [name, range]] of FIELDS.entries()) {
    const alone = parts.map((part, j) => (j === i ? part : '*')).join(' ');
    if (!isCron(alone)) return { ok: false, error: `"${parts[i]}" is not a ${name} (${range})` };
  }
  return { ok: false, error: `"${normal}" is not a cron expression` };
}

function isCron(expression: string): boolean {
  try {
    new Cron(expression, OPTIONS);
    return true;
  } catch {
    return false;
  }
}

/**
 * The latest moment at or before `now` that a cron expression fires, reading its fields as wall-clock
 * time in `timeZone` (so `0 9 * * 1` is 09:00 local in winter and summer); `back` steps to earlier
 * firings. A wall time that a clock change skips fires at the change. Null when it never fires (e.g. `0 9 30 2 *`).
 */
export function getCronFiring(spec: CronSpec, now: Date, timeZone: string, back = 0): Date | null {
  const cron = new Cron(spec.expression, { ...OPTIONS, timezone: timeZone });
  // croner counts in whole seconds and strictly before its reference: ask from the next second and
  // drop a firing later than now.
  const firings = cron
    .previousRuns(back + 2, new Date(now.getTime() + 1000))
    .filter((at) => at.getTime() <= now.getTime());
  return firings[back] ?? null;
}
