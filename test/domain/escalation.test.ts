import { describe, expect, it } from 'vitest';
import type { CycleRule } from '../../src/domain/cycle.ts';
import {
  addWorkingDays,
  getCycleWindow,
  getEscalationSlots,
  isPastDeadline,
} from '../../src/domain/escalation.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule.ts';
import { formatIsoDate } from '../../src/domain/zoned-time.ts';

const SETTINGS = { ...DEFAULT_SCHEDULE, bankHolidays: new Set(['2027-01-01', '2027-03-26', '2027-03-29']) };
const QUARTERLY: CycleRule = { cycle: 'quarterly', openDay: 1, deadlineDays: null };
const PLAN = { code: 'ARAP', timezone: 'Europe/London', escalationDays: 2 };
const day = (iso: string) => {
  const [year, month, d] = iso.split('-').map(Number);
  return { year: year as number, month: month as number, day: d as number };
};

describe('escalation rules', () => {
  it.each([
    ['2027-01-18', 2, '2027-01-20'], // Monday + 2: Wednesday
    ['2027-01-21', 2, '2027-01-25'], // Thursday + 2: past the weekend to Monday
    ['2027-03-25', 1, '2027-03-30'], // Thursday + 1: past Good Friday, the weekend and Easter Monday
    ['2027-01-16', 1, '2027-01-18'], // a deadline on a Saturday: Monday
  ])('the %s deadline + %i working days is %s', (deadline, days, expected) => {
    expect(formatIsoDate(addWorkingDays(day(deadline), days, SETTINGS.bankHolidays))).toBe(expected);
  });

  it('a cycle window: opened after the bank holiday, due 14 days after its prompts', () => {
    const w = getCycleWindow(QUARTERLY, 'Europe/London', new Date('2027-02-01T12:00:00Z'), SETTINGS, 0);
    expect(w.start.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(w.opening.toISOString()).toBe('2027-01-04T09:00:00.000Z');
    expect(formatIsoDate(w.deadline)).toBe('2027-01-18');
    // Early on the next open day, before its prompts, the cycle is still this one.
    const early = getCycleWindow(QUARTERLY, 'Europe/London', new Date('2027-04-01T06:00:00Z'), SETTINGS, 0);
    expect(formatIsoDate(early.deadline)).toBe('2027-01-18');
  });

  it('escalation slots: on the working day, keyed by deadline; none before it, none when off', () => {
    const at = (iso: string) => getEscalationSlots(PLAN, [QUARTERLY], new Date(iso), SETTINGS);
    expect(at('2027-01-20T08:59:00Z').map((s) => s.key)).not.toContain('escalation:ARAP:2027-01-18');
    expect(at('2027-01-20T09:00:00Z').find((s) => s.key === 'escalation:ARAP:2027-01-18')?.at).toEqual(
      new Date('2027-01-20T09:00:00Z'),
    );
    expect(
      getEscalationSlots({ ...PLAN, escalationDays: null }, [QUARTERLY], new Date('2027-02-01'), SETTINGS),
    ).toEqual([]);
    // A monthly cycle due 28 days after opening escalates after the next cycle opened: still found.
    const late: CycleRule = { cycle: 'monthly', openDay: 1, deadlineDays: 28 };
    const slots = getEscalationSlots(PLAN, [late], new Date('2027-02-03T09:30:00Z'), SETTINGS);
    expect(slots.map((s) => s.key)).toContain('escalation:ARAP:2027-02-01');
  });

  it('a deadline has passed once the day after it begins, in the plan zone', () => {
    expect(isPastDeadline(day('2027-01-18'), new Date('2027-01-18T23:59:00Z'), 'Europe/London')).toBe(false);
    expect(isPastDeadline(day('2027-01-18'), new Date('2027-01-19T00:00:00Z'), 'Europe/London')).toBe(true);
  });
});
