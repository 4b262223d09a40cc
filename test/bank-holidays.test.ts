import { describe, expect, it } from 'vitest';
import { getNationBankHolidays, loadBankHolidays } from '../src/bank-holidays.ts';
import { loadConfig } from '../src/config.ts';
import { DEFAULT_SCHEDULE, getCycleOpening, isWorkingDay } from '../src/domain/schedule.ts';

// gov.uk's published bank holidays for 2027 (Christmas and Boxing Day fall on the weekend: their
// substitute days are the holidays).
const ENGLAND_AND_WALES_2027 = [
  '2027-01-01',
  '2027-03-26',
  '2027-03-29',
  '2027-05-03',
  '2027-05-31',
  '2027-08-30',
  '2027-12-27',
  '2027-12-28',
];
const in2027 = (days: Iterable<string>) => [...days].filter((d) => d.startsWith('2027-'));

describe('bank holidays (date-holidays)', () => {
  it("are England and Wales' published list without configuration", async () => {
    const { schedules } = loadConfig({});
    expect(schedules.bankHolidayNation).toBe('england-and-wales');
    const days = await loadBankHolidays(schedules, new Date('2027-06-01T12:00:00Z'));
    expect(in2027(days)).toEqual(ENGLAND_AND_WALES_2027);
    // The year before and ten years on are there too: a process runs through New Year.
    expect(days.has('2026-12-25')).toBe(true);
    expect(days.has('2037-01-01')).toBe(true);
  });

  it('differ in Scotland and Northern Ireland', async () => {
    const [scotland, northernIreland] = await Promise.all([
      getNationBankHolidays('scotland', 2027, 2027),
      getNationBankHolidays('northern-ireland', 2027, 2027),
    ]);
    // 2 January (a Saturday) moves to Monday 4th; no Easter Monday; August's is the first Monday; St Andrew's Day.
    expect(scotland).toEqual([
      '2027-01-01',
      '2027-01-04',
      '2027-03-26',
      '2027-05-03',
      '2027-05-31',
      '2027-08-02',
      '2027-11-30',
      '2027-12-27',
      '2027-12-28',
    ]);
    expect(northernIreland).toEqual([
      '2027-01-01',
      '2027-03-17',
      '2027-03-26',
      '2027-03-29',
      '2027-05-03',
      '2027-05-31',
      '2027-07-12',
      '2027-08-30',
      '2027-12-27',
      '2027-12-28',
    ]);
    expect(await getNationBankHolidays('none', 2027, 2027)).toEqual([]);
  });

  it('add the local closure days of ACTIONBOT_BANK_HOLIDAYS, or are only those with no nation', async () => {
    const now = new Date('2027-06-01T12:00:00Z');
    const closures = { ACTIONBOT_BANK_HOLIDAYS: '2027-12-29,2027-12-30' };
    const withNation = await loadBankHolidays(loadConfig(closures).schedules, now);
    expect(in2027(withNation)).toEqual([...ENGLAND_AND_WALES_2027, '2027-12-29', '2027-12-30']);
    const alone = await loadBankHolidays(
      loadConfig({ ...closures, ACTIONBOT_BANK_HOLIDAY_NATION: 'none' }).schedules,
      now,
    );
    expect([...alone]).toEqual(['2027-12-29', '2027-12-30']);
  });

  it('move working days: Easter Monday is one in Scotland, not in England', async () => {
    const easterMonday = { year: 2027, month: 3, day: 29 };
    const england = new Set(await getNationBankHolidays('england-and-wales', 2027, 2027));
    const scotland = new Set(await getNationBankHolidays('scotland', 2027, 2027));
    expect(isWorkingDay(easterMonday, england)).toBe(false);
    expect(isWorkingDay(easterMonday, scotland)).toBe(true);
    // A cycle due to open on Friday 1 January 2027 (New Year's Day) opens on Monday 4th in England, Tuesday 5th in Scotland.
    const now = new Date('2027-01-20T12:00:00Z');
    const opening = (bankHolidays: ReadonlySet<string>) =>
      getCycleOpening('quarterly', now, 'Europe/London', { ...DEFAULT_SCHEDULE, bankHolidays }).toISOString();
    expect(opening(england)).toBe('2027-01-04T09:00:00.000Z');
    expect(opening(scotland)).toBe('2027-01-05T09:00:00.000Z');
  });
});
