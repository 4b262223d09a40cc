import { describe, expect, it } from 'vitest';
import {
  formatDayName,
  formatDayTime,
  formatLongDate,
  formatShortDate,
  formatShortDateTime,
  formatTime,
  truncate,
} from '../../src/domain/format.ts';

describe('dates and times, en-GB', () => {
  it('has one long form and one short form of a date', () => {
    expect(formatLongDate({ year: 2027, month: 1, day: 21 })).toBe('21 January 2027');
    expect(formatShortDate({ year: 2026, month: 11, day: 22 })).toBe('22 Nov 2026');
    expect(formatShortDate({ year: 2026, month: 9, day: 3 })).toBe('3 Sept 2026');
  });

  it('names the day of the week', () => {
    expect(formatDayName({ year: 2027, month: 1, day: 11 })).toBe('Monday 11 January');
    expect(formatDayName({ year: 2027, month: 2, day: 14 })).toBe('Sunday 14 February');
    expect(formatDayName({ year: 2028, month: 2, day: 29 })).toBe('Tuesday 29 February');
  });

  it('writes times on the 24-hour clock', () => {
    expect(formatTime({ hour: 9, minute: 5 })).toBe('09:05');
    expect(formatTime({ hour: 17, minute: 0 })).toBe('17:00');
    expect(formatTime({ hour: 0, minute: 0 })).toBe('00:00');
  });

  it('shows an instant in the zone given, across the clocks changing', () => {
    // 18:40 UTC in November is 18:40 in London; in July London is an hour ahead.
    expect(formatShortDateTime(new Date('2026-11-22T18:40:00Z'), 'Europe/London')).toBe('22 Nov 2026, 18:40');
    expect(formatShortDateTime(new Date('2026-07-01T23:30:00Z'), 'Europe/London')).toBe('2 Jul 2026, 00:30');
    expect(formatDayTime(new Date('2027-01-10T22:00:00Z'), 'Australia/Sydney')).toBe(
      'Monday 11 January at 09:00',
    );
  });

  it('agrees with Intl for the short form, which it replaced', () => {
    const at = new Date('2026-09-03T07:05:00Z');
    const intl = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(at);
    expect(formatShortDateTime(at, 'UTC')).toBe(intl);
  });
});

describe('truncate', () => {
  it('leaves text that fits alone', () => {
    expect(truncate('exactly ten', 11)).toBe('exactly ten');
    expect(truncate('', 5)).toBe('');
  });

  it('cuts to at most max characters, the last one an ellipsis', () => {
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
    expect(truncate('abcdefghij', 5)).toHaveLength(5);
    expect(truncate('x'.repeat(41))).toBe(`${'x'.repeat(39)}…`);
  });

  it('never leaves half of a surrogate pair', () => {
    // '🔴' is two UTF-16 units; cutting after "ab" and half the emoji would leave a broken character.
    expect(truncate('ab🔴cdef', 4)).toBe('ab…');
    expect(truncate('a🔴cdef', 4)).toBe('a🔴…');
  });
});
