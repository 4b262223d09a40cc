import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import type { BankHolidayNation, ScheduleConfig } from './config/schedules.ts';

/** date-holidays' region codes for the UK nations (Wales keeps England's bank holidays). */
const STATES: Record<Exclude<BankHolidayNation, 'none'>, string> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};

// date-holidays loads every country's rules (about 27 MB resident, half a second), so it runs in a
// short-lived node process of its own and only the dates come back: the serving process never holds it.
// It lists holidays on their day and any substitute day; the weekend ones are dropped, as the published
// lists do (Christmas on a Saturday shows only as its Monday substitute).
const CHILD = `
const [path, state, from, to] = process.argv.slice(1);
const Holidays = require(path);
const holidays = new Holidays('GB', state);
const days = [];
for (let year = Number(from); year <= Number(to); year++)
  for (const h of holidays.getHolidays(year))
    if (h.type === 'public' && ![0, 6].includes(new Date(h.date.slice(0, 10) + 'T12:00:00Z').getUTCDay()))
      days.push(h.date.slice(0, 10));
process.stdout.write(JSON.stringify(days));
`;

/** The UK nation's bank holidays from `fromYear` to `toYear` (dates `YYYY-MM-DD`, weekdays only), by date-holidays. */
export async function getNationBankHolidays(
  nation: BankHolidayNation,
  fromYear: number,
  toYear: number,
): Promise<string[]> {
  if (nation === 'none') return [];
  const library = createRequire(import.meta.url).resolve('date-holidays');
  const args = ['-e', CHILD, library, STATES[nation], String(fromYear), String(toYear)];
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, args, { env: {}, timeout: 30_000 }, (error, out, err) =>
      error
        ? reject(new Error(`Bank holidays could not be computed: ${err || error.message}`))
        : resolve(out),
    ),
  );
  return JSON.parse(stdout) as string[];
}

/**
 * The days that are not working days besides weekends: the configured nation's bank holidays from the
 * year before `now` to ten years on, and the local closure days (ACTIONBOT_BANK_HOLIDAYS).
 */
export async function loadBankHolidays(
  schedules: Pick<ScheduleConfig, 'bankHolidayNation' | 'closureDays'>,
  now: Date,
): Promise<ReadonlySet<string>> {
  const year = now.getUTCFullYear();
  const national = await getNationBankHolidays(schedules.bankHolidayNation, year - 1, year + 10);
  return new Set([...national, ...schedules.closureDays].sort());
}
