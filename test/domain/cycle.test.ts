import { describe, expect, it } from 'vitest';
import { isOverdue, isStale, needsUpdate } from '../../src/domain/action.ts';
import { getCycleStart } from '../../src/domain/cycle.ts';
import { getZonedInstant } from '../../src/domain/zoned-time.ts';

const london = 'Europe/London';

describe('getCycleStart', () => {
  it.each([
    ['monthly', '2026-11-22T12:00:00Z', 0, '2026-11-01'],
    ['quarterly', '2026-11-22T12:00:00Z', 0, '2026-10-01'],
    ['quarterly', '2026-11-22T12:00:00Z', 1, '2026-07-01'],
    ['quarterly', '2026-01-15T12:00:00Z', 1, '2025-10-01'],
    ['six-monthly', '2026-11-22T12:00:00Z', 0, '2026-07-01'],
    ['six-monthly', '2026-03-31T23:30:00Z', 0, '2026-01-01'],
    ['quarterly', '2026-03-31T23:30:00Z', 0, '2026-04-01'], // 00:30 on 1 April in London (BST)
  ] as const)('%s at %s, %i back, opened on %s in London', (cycle, now, back, localDate) => {
    const [year, month, day] = localDate.split('-').map(Number) as [number, number, number];
    const start = getCycleStart(cycle, new Date(now), london, back);
    expect(start).toEqual(getZonedInstant({ year, month, day }, london));
  });

  it('puts midnight on the wall clock of the zone, in summer and winter', () => {
    expect(getCycleStart('quarterly', new Date('2026-08-10T12:00:00Z'), london).toISOString()).toBe(
      '2026-06-30T23:00:00.000Z',
    );
    expect(getCycleStart('quarterly', new Date('2026-02-10T12:00:00Z'), london).toISOString()).toBe(
      '2026-01-01T00:00:00.000Z',
    );
    expect(getCycleStart('monthly', new Date('2026-02-10T12:00:00Z'), 'America/New_York').toISOString()).toBe(
      '2026-02-01T05:00:00.000Z',
    );
  });
});

const plan = { code: 'ARAP', title: 'Plan', timezone: london, updateCycle: 'quarterly' as const };
const now = new Date('2026-11-22T12:00:00Z');
const update = (at: string) => ({
  at: new Date(at),
  authorName: 'Jane',
  source: 'slack' as const,
  oldStatus: 'AMBER' as const,
  newStatus: 'GREEN' as const,
  note: null,
});

describe('attention rules', () => {
  it('is overdue after the due date in the plan zone, unless complete or a start date', () => {
    const due = (date: string, kind: 'by' | 'from' = 'by') => ({ text: date, date, kind });
    expect(isOverdue({ plan, status: 'AMBER', due: due('2026-11-21') }, now)).toBe(true);
    expect(isOverdue({ plan, status: 'AMBER', due: due('2026-11-22') }, now)).toBe(false);
    expect(isOverdue({ plan, status: 'COMPLETE', due: due('2025-01-31') }, now)).toBe(false);
    expect(isOverdue({ plan, status: 'AMBER', due: due('2025-01-31', 'from') }, now)).toBe(false);
    expect(
      isOverdue({ plan, status: 'AMBER', due: { text: 'Ongoing', date: null, kind: 'ongoing' } }, now),
    ).toBe(false);
  });

  it('needs an update when nothing was heard since the cycle opened', () => {
    expect(needsUpdate({ plan, status: 'AMBER', lastUpdate: null }, now)).toBe(true);
    expect(needsUpdate({ plan, status: 'AMBER', lastUpdate: update('2026-09-30T12:00:00Z') }, now)).toBe(
      true,
    );
    expect(needsUpdate({ plan, status: 'AMBER', lastUpdate: update('2026-10-02T12:00:00Z') }, now)).toBe(
      false,
    );
    expect(needsUpdate({ plan, status: 'COMPLETE', lastUpdate: null }, now)).toBe(false);
  });

  it('is stale when a whole cycle passed without an update', () => {
    const createdAt = new Date('2026-01-01T00:00:00Z');
    expect(
      isStale({ plan, status: 'AMBER', createdAt, lastUpdate: update('2026-06-30T12:00:00Z') }, now),
    ).toBe(true);
    expect(
      isStale({ plan, status: 'AMBER', createdAt, lastUpdate: update('2026-07-02T12:00:00Z') }, now),
    ).toBe(false);
    expect(
      isStale({ plan, status: 'AMBER', createdAt: new Date('2026-11-01T00:00:00Z'), lastUpdate: null }, now),
    ).toBe(false);
    expect(isStale({ plan, status: 'COMPLETE', createdAt, lastUpdate: null }, now)).toBe(false);
  });
});
