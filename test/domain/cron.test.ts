import { describe, expect, it } from 'vitest';
import { getCronFiring, parseCron } from '../../src/domain/cron.ts';
import {
  formatStoredCycle,
  getCycleStart,
  isUpdateCycle,
  parseStoredCycle,
  toCronCycle,
} from '../../src/domain/cycle.ts';

const LONDON = 'Europe/London';

function spec(expression: string) {
  const parsed = parseCron(expression);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('parseCron', () => {
  it('reads lists, ranges, steps and names', () => {
    const at = (expression: string, now: string, back = 0) =>
      getCronFiring(spec(expression), new Date(now), LONDON, back)?.toISOString();
    // Minutes 0 and 30 at 09:00 on the 1st-7th of January and July, or on even weekdays (either day field).
    const s = '0,30 9 1-7 jan,jul */2';
    expect([0, 1, 2].map((back) => at(s, '2027-01-08T12:00:00Z', back))).toEqual([
      '2027-01-07T09:30:00.000Z',
      '2027-01-07T09:00:00.000Z',
      '2027-01-06T09:30:00.000Z',
    ]);
    // Tuesday 12 January is outside the 1st-7th, but an even weekday (2).
    expect(at(s, '2027-01-12T12:00:00Z')).toBe('2027-01-12T09:30:00.000Z');
    // The month field always applies: nothing in February, so the latest is Sunday 31 January (0, even).
    expect(at(s, '2027-02-05T12:00:00Z')).toBe('2027-01-31T09:30:00.000Z');
    expect(at('0 9 * * 7', '2027-01-08T12:00:00Z')).toBe('2027-01-03T09:00:00.000Z'); // 7 is Sunday too
    expect(at('0 9 * * MON-FRI', '2027-01-10T12:00:00Z')).toBe('2027-01-08T09:00:00.000Z');
    // From the 10th, every 10 days: the 10th, 20th and 30th.
    expect([0, 1, 2].map((back) => at('0 9 10/10 * *', '2027-01-31T12:00:00Z', back))).toEqual([
      '2027-01-30T09:00:00.000Z',
      '2027-01-20T09:00:00.000Z',
      '2027-01-10T09:00:00.000Z',
    ]);
    // A month's last day (L), and the second Friday (5#2).
    expect(at('0 9 L * *', '2027-04-20T12:00:00Z')).toBe('2027-03-31T08:00:00.000Z');
    expect(at('0 9 * * 5#2', '2027-04-20T12:00:00Z')).toBe('2027-04-09T08:00:00.000Z');
    expect(parseCron('  0  9 *  * 1 ')).toEqual({ ok: true, value: { expression: '0 9 * * 1' } });
  });

  it.each([
    ['0 9 * *', 'five fields'],
    ['0 9 * * * *', 'five fields'],
    ['60 9 * * *', '"60" is not a minute'],
    ['0 24 * * *', '"24" is not a hour'],
    ['0 9 0 * *', 'day of month'],
    ['0 9 * 13 *', 'month'],
    ['0 9 * * 8', '"8" is not a day of week (0-7 or sun-sat)'],
    ['0 9 5-1 * *', 'day of month'],
    ['0 9 */0 * *', '"*/0" is not a day of month'],
    ['0 9 * foo *', '"foo" is not a month (1-12 or jan-dec)'],
    ['0 9 ,, * *', 'day of month'],
  ])('refuses %s', (expression, message) => {
    const parsed = parseCron(expression);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });
});

describe('getCronFiring', () => {
  it('reads the fields as wall-clock time in the zone, in winter and in summer', () => {
    const mondays = spec('0 9 * * 1');
    // Wednesday 13 January 2027: last fired Monday 11 January 09:00 GMT.
    expect(getCronFiring(mondays, new Date('2027-01-13T12:00:00Z'), LONDON)?.toISOString()).toBe(
      '2027-01-11T09:00:00.000Z',
    );
    // Wednesday 14 April 2027 (BST): Monday 12 April 09:00 local is 08:00 UTC.
    expect(getCronFiring(mondays, new Date('2027-04-14T12:00:00Z'), LONDON)?.toISOString()).toBe(
      '2027-04-12T08:00:00.000Z',
    );
    // Steps back across the clock change (28 March 2027).
    expect(getCronFiring(mondays, new Date('2027-04-14T12:00:00Z'), LONDON, 3)?.toISOString()).toBe(
      '2027-03-22T09:00:00.000Z',
    );
  });

  it('counts the firing at exactly now, and not one a minute later', () => {
    const s = spec('30 14 * * *');
    expect(getCronFiring(s, new Date('2027-01-13T14:30:00Z'), LONDON)?.toISOString()).toBe(
      '2027-01-13T14:30:00.000Z',
    );
    expect(getCronFiring(s, new Date('2027-01-13T14:29:59Z'), LONDON)?.toISOString()).toBe(
      '2027-01-12T14:30:00.000Z',
    );
  });

  it('fires when either day field matches, as cron does, and finds yearly and leap-day firings', () => {
    // The 1st of the month or any Friday.
    const s = spec('0 9 1 * fri');
    expect(getCronFiring(s, new Date('2027-01-07T12:00:00Z'), LONDON)?.toISOString()).toBe(
      '2027-01-01T09:00:00.000Z',
    );
    expect(getCronFiring(s, new Date('2027-01-08T12:00:00Z'), LONDON)?.toISOString()).toBe(
      '2027-01-08T09:00:00.000Z',
    );
    expect(getCronFiring(spec('0 9 29 2 *'), new Date('2027-01-08T12:00:00Z'), LONDON)?.toISOString()).toBe(
      '2024-02-29T09:00:00.000Z',
    );
    expect(getCronFiring(spec('0 9 30 2 *'), new Date('2027-01-08T12:00:00Z'), LONDON)).toBeNull();
  });

  it('fires a wall time that the spring clock change skips at the change, once', () => {
    // 01:30 does not exist in London on Sunday 28 March 2027: clocks go from 01:00 GMT to 02:00 BST.
    const s = spec('30 1 * * *');
    const now = new Date('2027-03-28T12:00:00Z');
    expect(getCronFiring(s, now, LONDON)?.toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(getCronFiring(s, now, LONDON, 1)?.toISOString()).toBe('2027-03-27T01:30:00.000Z');
  });

  it('works in zones far from UTC', () => {
    // 09:00 in Sydney on Monday 11 January 2027 (AEDT, UTC+11) is Sunday 22:00 UTC.
    expect(
      getCronFiring(spec('0 9 * * 1'), new Date('2027-01-11T00:00:00Z'), 'Australia/Sydney')?.toISOString(),
    ).toBe('2027-01-10T22:00:00.000Z');
  });
});

describe('cycle rules', () => {
  it('opens calendar cycles on their open day, the previous period before it', () => {
    // Quarterly, opening on the 5th: on 3 January 2027 the running cycle is October's.
    expect(getCycleStart('quarterly', new Date('2027-01-03T12:00:00Z'), LONDON, 0, 5).toISOString()).toBe(
      '2026-10-04T23:00:00.000Z', // 5 October, midnight BST
    );
    expect(getCycleStart('quarterly', new Date('2027-01-05T12:00:00Z'), LONDON, 0, 5).toISOString()).toBe(
      '2027-01-05T00:00:00.000Z',
    );
    expect(getCycleStart('monthly', new Date('2027-07-20T12:00:00Z'), LONDON, 1, 15).toISOString()).toBe(
      '2027-06-14T23:00:00.000Z', // 15 June, midnight BST
    );
  });

  it('opens cron cycles when the expression fires; one that never fires gives the epoch', () => {
    const cycle = toCronCycle('0  9 1  */2 *');
    expect(cycle).toEqual({ ok: true, value: 'cron:0 9 1 */2 *' });
    if (!cycle.ok) return;
    expect(getCycleStart(cycle.value, new Date('2027-04-20T12:00:00Z'), LONDON).toISOString()).toBe(
      '2027-03-01T09:00:00.000Z',
    );
    expect(getCycleStart('cron:0 9 30 2 *', new Date('2027-04-20T12:00:00Z'), LONDON).getTime()).toBe(0);
    expect(toCronCycle('every day').ok).toBe(false);
  });

  it('stores a rule in one text and reads it back', () => {
    const rules = [
      { cycle: 'quarterly', openDay: 1, deadlineDays: null },
      { cycle: 'monthly', openDay: 5, deadlineDays: 21 },
      { cycle: 'cron:0 9 1 */2 *', openDay: 1, deadlineDays: 10 },
    ] as const;
    expect(rules.map((r) => formatStoredCycle(r))).toEqual([
      'quarterly',
      'monthly;open=5;deadline=21',
      'cron:0 9 1 */2 *;deadline=10',
    ]);
    for (const rule of rules) expect(parseStoredCycle(formatStoredCycle(rule))).toEqual(rule);
    expect(parseStoredCycle('fortnightly')).toBeNull();
    expect(parseStoredCycle('quarterly;colour=red')).toBeNull();
    expect(isUpdateCycle('cron:0 9 * *')).toBe(false);
  });
});
