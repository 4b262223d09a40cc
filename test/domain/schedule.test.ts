import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCHEDULE,
  getCycleDeadline,
  getCycleOpening,
  getDigestSlot,
  getOpeningKey,
  getOpeningSlot,
  getPlanSlots,
  isLate,
  isWorkingDay,
  nextWorkingDay,
} from '../../src/domain/schedule.ts';

const LONDON = 'Europe/London';
const withHolidays = (...days: string[]) => ({ ...DEFAULT_SCHEDULE, bankHolidays: new Set(days) });

describe('working days', () => {
  it('skips weekends and bank holidays', () => {
    const holidays = new Set(['2026-12-25', '2026-12-28']);
    expect(isWorkingDay({ year: 2026, month: 12, day: 24 }, holidays)).toBe(true);
    expect(isWorkingDay({ year: 2026, month: 12, day: 26 }, holidays)).toBe(false);
    expect(nextWorkingDay({ year: 2026, month: 12, day: 25 }, holidays)).toEqual({
      year: 2026,
      month: 12,
      day: 29,
    });
  });
});

describe('quarterly cycle openings', () => {
  it('opens on the first working day at 09:00 London time, GMT in winter', () => {
    // 1 Jan 2027 is a Friday and a bank holiday: the prompts go out on Monday 4 January.
    const at = getCycleOpening(
      'quarterly',
      new Date('2027-02-10T12:00:00Z'),
      LONDON,
      withHolidays('2027-01-01'),
    );
    expect(at.toISOString()).toBe('2027-01-04T09:00:00.000Z');
  });

  it('keeps 09:00 local after the clocks go forward, and moves past a bank holiday', () => {
    // BST from 28 March 2027: 09:00 local is 08:00 UTC. A holiday on Thursday 1 April moves it to Friday.
    const at = getCycleOpening(
      'quarterly',
      new Date('2027-05-10T12:00:00Z'),
      LONDON,
      withHolidays('2027-04-01'),
    );
    expect(at.toISOString()).toBe('2027-04-02T08:00:00.000Z');
    const october = getCycleOpening('quarterly', new Date('2027-11-10T12:00:00Z'), LONDON, DEFAULT_SCHEDULE);
    expect(october.toISOString()).toBe('2027-10-01T08:00:00.000Z');
  });

  it('gives the previous cycle as the current slot before the send hour of a cycle’s first day', () => {
    const plan = { code: 'ARAP', updateCycle: 'quarterly' as const, timezone: LONDON };
    const early = getPlanSlots(plan, new Date('2027-10-01T07:00:00Z'), DEFAULT_SCHEDULE);
    expect(early.opening.key).toBe('cycle:ARAP:2027-07-01');
    expect(early.reminder).toBeNull();
    const later = getPlanSlots(plan, new Date('2027-10-01T08:30:00Z'), DEFAULT_SCHEDULE);
    expect(later.opening).toEqual({ key: 'cycle:ARAP:2027-10-01', at: new Date('2027-10-01T08:00:00Z') });
    expect(later.reminder?.key).toBe('reminders:ARAP:2027-10-01');
  });

  it('puts the deadline 14 days after opening and the reminder on a working day before it', () => {
    const { deadline, reminderDay } = getCycleDeadline(
      new Date('2027-01-04T09:00:00Z'),
      LONDON,
      DEFAULT_SCHEDULE,
    );
    expect(deadline).toEqual({ year: 2027, month: 1, day: 18 });
    expect(reminderDay).toEqual({ year: 2027, month: 1, day: 15 });
    // Deadline Monday 19 April: three days before is Friday 16 April, a working day.
    const april = getCycleDeadline(new Date('2027-04-05T08:00:00Z'), LONDON, DEFAULT_SCHEDULE);
    expect(april.reminderDay).toEqual({ year: 2027, month: 4, day: 16 });
  });
});

describe('the weekly digest slot', () => {
  it('is Monday 09:00 local, or Tuesday after a bank holiday Monday', () => {
    expect(getDigestSlot(new Date('2027-01-13T12:00:00Z'), LONDON, DEFAULT_SCHEDULE)).toEqual({
      key: 'digest:2027-01-11',
      at: new Date('2027-01-11T09:00:00Z'),
    });
    // Early May bank holiday 2027: Monday 3 May; BST.
    expect(getDigestSlot(new Date('2027-05-04T10:00:00Z'), LONDON, withHolidays('2027-05-03'))).toEqual({
      key: 'digest:2027-05-03',
      at: new Date('2027-05-04T08:00:00Z'),
    });
  });
});

describe('open days, deadlines and cron cycles', () => {
  const plan = { code: 'ARAP', timezone: LONDON };

  it('opens a quarterly cycle on its open day, moved past a weekend, with its own deadline', () => {
    // Open day 3: Sunday 3 January 2027 -> Monday 4 January; due 21 days later, reminded on Friday 22nd.
    const rule = { cycle: 'quarterly' as const, openDay: 3, deadlineDays: 21 };
    const slot = getOpeningSlot(plan, rule, new Date('2027-02-01T12:00:00Z'), DEFAULT_SCHEDULE);
    expect(slot).toEqual({ key: 'cycle:ARAP:2027-01-04', at: new Date('2027-01-04T09:00:00Z') });
    const { deadline, reminderDay } = getCycleDeadline(slot.at, LONDON, DEFAULT_SCHEDULE, rule.deadlineDays);
    expect(deadline).toEqual({ year: 2027, month: 1, day: 25 });
    expect(reminderDay).toEqual({ year: 2027, month: 1, day: 22 });
    // On 2 January the running cycle is still October's (opened Monday 5 October 2026, 09:00 BST).
    const before = getOpeningSlot(plan, rule, new Date('2027-01-02T12:00:00Z'), DEFAULT_SCHEDULE);
    expect(before).toEqual({ key: 'cycle:ARAP:2026-10-05', at: new Date('2026-10-05T08:00:00Z') });
  });

  it('opens a cron cycle when it fires, at its own local time across the clock change', () => {
    // Every other month on the 1st at 14:30: 1 March 2027 is GMT, 1 May BST.
    const cycle = 'cron:30 14 1 */2 *' as const;
    const march = getOpeningSlot(plan, { cycle }, new Date('2027-03-20T12:00:00Z'), DEFAULT_SCHEDULE);
    expect(march).toEqual({ key: 'cycle:ARAP:2027-03-01T14:30', at: new Date('2027-03-01T14:30:00Z') });
    // 1 May 2027 is a Saturday and 3 May a bank holiday: Tuesday 4 May, still 14:30 local (13:30 UTC).
    const may = getOpeningSlot(plan, { cycle }, new Date('2027-05-20T12:00:00Z'), withHolidays('2027-05-03'));
    expect(may).toEqual({ key: 'cycle:ARAP:2027-05-04T14:30', at: new Date('2027-05-04T13:30:00Z') });
    // Before the moved opening, the current slot is still March's.
    const waiting = getOpeningSlot(
      plan,
      { cycle },
      new Date('2027-05-03T12:00:00Z'),
      withHolidays('2027-05-03'),
    );
    expect(waiting.key).toBe('cycle:ARAP:2027-03-01T14:30');
  });

  it('keys openings at the send hour by date alone, others with their local time', () => {
    expect(getOpeningKey(plan, new Date('2027-07-01T08:00:00Z'), DEFAULT_SCHEDULE)).toBe(
      'cycle:ARAP:2027-07-01',
    );
    expect(getOpeningKey(plan, new Date('2027-07-01T09:00:00Z'), DEFAULT_SCHEDULE)).toBe(
      'cycle:ARAP:2027-07-01T10:00',
    );
  });

  it('calls a slot late when it runs more than 15 minutes after its time', () => {
    const slot = { key: 'digest:2027-01-11', at: new Date('2027-01-11T09:00:00Z') };
    expect(isLate(slot, new Date('2027-01-11T09:01:00Z'))).toBe(false);
    expect(isLate(slot, new Date('2027-01-11T11:00:00Z'))).toBe(true);
  });
});
