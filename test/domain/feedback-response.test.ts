import { describe, expect, it } from 'vitest';
import {
  composeAwaitingDigestLine,
  getRespondBy,
  isAwaitingResponse,
} from '../../src/domain/feedback-response.ts';

// Christmas 2026: Friday 25 December, and Boxing Day's substitute Monday 28 December.
const HOLIDAYS = new Set(['2026-12-25', '2026-12-28']);

describe('when released feedback starts awaiting a response', () => {
  it('counts working days after the release day: weekends and bank holidays are not counted', () => {
    // Thursday 17 December: Friday 18 (1), Monday 21 (2), Tuesday 22 (3).
    expect(getRespondBy('2026-12-17', 3, HOLIDAYS)).toBe('2026-12-22');
    // Friday 18 December with 5: 21, 22, 23, 24, then 25 and 28 are holidays: Tuesday 29.
    expect(getRespondBy('2026-12-18', 5, HOLIDAYS)).toBe('2026-12-29');
    // Without the holidays, the Friday and Monday count.
    expect(getRespondBy('2026-12-18', 5, new Set())).toBe('2026-12-25');
    // The default, 10 working days, from Monday 2 November: Monday 16 November.
    expect(getRespondBy('2026-11-02', 10, new Set())).toBe('2026-11-16');
  });

  it('awaits from that day on, not the day before', () => {
    expect(isAwaitingResponse('2026-12-17', '2026-12-21', 3, HOLIDAYS)).toBe(false); // 4 calendar days
    expect(isAwaitingResponse('2026-12-17', '2026-12-22', 3, HOLIDAYS)).toBe(true);
    expect(isAwaitingResponse('2026-12-18', '2026-12-28', 5, HOLIDAYS)).toBe(false); // the holiday
    expect(isAwaitingResponse('2026-12-18', '2026-12-29', 5, HOLIDAYS)).toBe(true);
    expect(isAwaitingResponse('2026-12-18', '2027-02-01', 5, HOLIDAYS)).toBe(true);
  });
});

describe('the digest’s awaiting-a-response line', () => {
  const items = (theme: string, n: number) => Array.from({ length: n }, () => ({ themes: [theme] }));

  it('counts by theme and shows only counts of at least K', () => {
    expect(composeAwaitingDigestLine([...items('Recruitment', 3), ...items('Leadership', 2)], 3)).toBe(
      'Anonymous feedback awaiting a response: Recruitment 3.',
    );
    expect(composeAwaitingDigestLine([...items('Recruitment', 2), ...items('Leadership', 2)], 3)).toBeNull();
    expect(composeAwaitingDigestLine([...items('Leadership', 4), ...items('Recruitment', 5)], 3)).toBe(
      'Anonymous feedback awaiting a response: Recruitment 5, Leadership 4.',
    );
  });

  it('counts a submission once per theme, however it reaches it', () => {
    const twice = { themes: ['Recruitment', 'Recruitment'] };
    expect(composeAwaitingDigestLine([twice, twice], 3)).toBeNull();
  });
});
