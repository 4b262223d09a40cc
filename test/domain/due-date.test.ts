import { describe, expect, it } from 'vitest';
import { type DueKind, parseDue } from '../../src/domain/due-date.ts';

type Row = readonly [text: string, kind: DueKind, date: string | null];

describe('parseDue', () => {
  // Every distinct "By When" value in /work/shared/plans/north-somerset-anti-racist-action-plan.txt.
  it.each<Row>([
    ['-----------------', 'none', null],
    ['April 23', 'by', '2023-04-30'],
    ['April 23 onwards', 'from', '2023-04-01'],
    ['April 24', 'by', '2024-04-30'],
    ['December 2023', 'by', '2023-12-31'],
    ['December 22', 'by', '2022-12-31'],
    ['December 23', 'by', '2023-12-31'],
    ['December 24', 'by', '2024-12-31'],
    ['January 23', 'by', '2023-01-31'],
    ['July 2022', 'by', '2022-07-31'],
    ['July 23', 'by', '2023-07-31'],
    ['June 23', 'by', '2023-06-30'],
    ['June 23 and quarterly thereafter', 'recurring', '2023-06-30'],
    ['June 23, 24', 'recurring', '2024-06-30'],
    ['March 2024', 'by', '2024-03-31'],
    ['March 23', 'by', '2023-03-31'],
    ['March 24', 'by', '2024-03-31'],
    ['May 23', 'by', '2023-05-31'],
    ['October 23', 'by', '2023-10-31'],
    ['October 23, 24 and 25.', 'recurring', '2025-10-31'],
    ['Ongoing', 'ongoing', null],
    ['Ongoing until March 25', 'ongoing', '2025-03-31'],
    ['Quarterly Review', 'review', null],
    ['Sept 23', 'by', '2023-09-30'],
    ['September 2022', 'by', '2022-09-30'],
    ['September 23', 'by', '2023-09-30'],
    ['September 24', 'by', '2024-09-30'],
    ['September23', 'by', '2023-09-30'],
    [
      'Various – all to be delivered or commenced by March 2023 (Believe Programme when next available)',
      'by',
      '2023-03-31',
    ],
  ])('North Somerset %j -> %s %s', (text, kind, date) => {
    expect(parseDue(text)).toEqual({ text, kind, date });
  });

  // Every distinct "Timeframe" value in /work/shared/plans/bristol-scwres-action-plan-2022-23.txt.
  it.each<Row>([
    ['Annual review', 'review', null],
    ['Annually', 'review', null],
    ['April 2022', 'by', '2022-04-30'],
    ['April 2023', 'by', '2023-04-30'],
    ['Complete', 'unknown', null],
    ['December 2022', 'by', '2022-12-31'],
    ['EDM to advise', 'unknown', null],
    ['In progress', 'unknown', null],
    ['In progress in Children and Families', 'unknown', null],
    ['January 2023', 'by', '2023-01-31'],
    ['July 2022 and ongoing', 'from', '2022-07-01'],
    ['July 22', 'by', '2022-07-31'],
    ['Learning and Development Policy to be published by end July 2022', 'by', '2022-07-31'],
    ['May 2022 onwards', 'from', '2022-05-01'],
    ['Ongoing', 'ongoing', null],
    ['Ongoing action', 'ongoing', null],
    ['Over 12 months – April 2023', 'unknown', null],
    ['Reviewed quarterly', 'review', null],
    ['September 2022', 'by', '2022-09-30'],
    ['Staff survey data available summer 2022', 'unknown', null],
    ['n/a', 'none', null],
  ])('Bristol %j -> %s %s', (text, kind, date) => {
    expect(parseDue(text)).toEqual({ text, kind, date });
  });

  it.each<Row>([
    ['Sep-23', 'by', '2023-09-30'],
    ['Mar 2024', 'by', '2024-03-31'],
    ['mar 24', 'by', '2024-03-31'],
    ['SEPT 2023', 'by', '2023-09-30'],
    ['Jan 23', 'by', '2023-01-31'],
    ['Feb 23', 'by', '2023-02-28'],
    ['Apr-24', 'by', '2024-04-30'],
    ['Jun 24', 'by', '2024-06-30'],
    ['Jul 24', 'by', '2024-07-31'],
    ['Aug 24', 'by', '2024-08-31'],
    ['Oct 24', 'by', '2024-10-31'],
    ['Nov 24', 'by', '2024-11-30'],
    ['Dec 24', 'by', '2024-12-31'],
    ['November 2023', 'by', '2023-11-30'],
  ])('month and year %j -> %s %s (last day of the month)', (text, kind, date) => {
    expect(parseDue(text)).toEqual({ text, kind, date });
  });

  it.each<Row>([
    ['February 2024', 'by', '2024-02-29'],
    ['Feb 24', 'by', '2024-02-29'],
    ['February 2023', 'by', '2023-02-28'],
    ['February 2100', 'by', '2100-02-28'],
    ['February 2000', 'by', '2000-02-29'],
    ['29/02/2024', 'by', '2024-02-29'],
    ['29/02/2023', 'unknown', null],
    ['2024-02-29', 'by', '2024-02-29'],
  ])('leap years: %j -> %s %s', (text, kind, date) => {
    expect(parseDue(text)).toEqual({ text, kind, date });
  });

  it.each<Row>([
    ['31 March 2023', 'by', '2023-03-31'],
    ['1st April 2023', 'by', '2023-04-01'],
    ['31/03/2023', 'by', '2023-03-31'],
    ['01/04/2023', 'by', '2023-04-01'],
    ['2023-03-31', 'by', '2023-03-31'],
    ['31/02/2023', 'unknown', null],
    ['31/04/2023', 'unknown', null],
    ['2023-13-01', 'unknown', null],
    ['32 March 2023', 'unknown', null],
  ])('full dates (UK day/month order): %j -> %s %s', (text, kind, date) => {
    expect(parseDue(text)).toEqual({ text, kind, date });
  });

  it.each<Row>([
    ['Q1 2024', 'by', '2024-03-31'],
    ['Q2 2024', 'by', '2024-06-30'],
    ['Q3 2024', 'by', '2024-09-30'],
    ['Q4 2024', 'by', '2024-12-31'],
    ['q4 24', 'by', '2024-12-31'],
    ['2024', 'by', '2024-12-31'],
    ['end of March 2023', 'by', '2023-03-31'],
    ['by March 2023', 'by', '2023-03-31'],
    ['by end of March 23', 'by', '2023-03-31'],
    ['By the end of June 2024', 'by', '2024-06-30'],
    ['by end July 2022', 'by', '2022-07-31'],
    ['the end of March 2023', 'by', '2023-03-31'],
  ])('quarters, years and "by"/"end of": %j -> %s %s', (text, kind, date) => {
    expect(parseDue(text)).toEqual({ text, kind, date });
  });

  it.each<Row>([
    ['April 23 onwards', 'from', '2023-04-01'],
    ['from April 2023', 'from', '2023-04-01'],
    ['From Feb 24', 'from', '2024-02-01'],
    ['October 23, 24 and 25', 'recurring', '2025-10-31'],
    ['October 23, 24 and 25.', 'recurring', '2025-10-31'],
    ['June 23, 24', 'recurring', '2024-06-30'],
    ['June 23 and quarterly thereafter', 'recurring', '2023-06-30'],
    ['ongoing', 'ongoing', null],
    ['Ongoing until March 25', 'ongoing', '2025-03-31'],
    ['ongoing until March 25', 'ongoing', '2025-03-31'],
    ['Ongoing until end of March 2025', 'ongoing', '2025-03-31'],
    ['Quarterly Review', 'review', null],
    ['Annual review', 'review', null],
    ['Quarterly', 'review', null],
    ['Monthly', 'review', null],
    ['Annually', 'review', null],
  ])('from, recurring, ongoing and review: %j -> %s %s', (text, kind, date) => {
    expect(parseDue(text)).toEqual({ text, kind, date });
  });

  it.each<Row>([
    ['n/a', 'none', null],
    ['N/A', 'none', null],
    ['-', 'none', null],
    ['TBC', 'none', null],
    ['TBA', 'none', null],
    ['-----------', 'none', null],
    ['EDM to advise', 'unknown', null],
    ['when funding allows', 'unknown', null],
    ['Various – all to be delivered or commenced by March 2023', 'by', '2023-03-31'],
    ['Target set by the board', 'unknown', null],
  ])('none and free text: %j -> %s %s', (text, kind, date) => {
    expect(parseDue(text)).toEqual({ text, kind, date });
  });

  it.each([
    ['  March   23 ', 'March 23', 'by', '2023-03-31'],
    ['\tOctober 23,\n24 and 25. ', 'October 23, 24 and 25.', 'recurring', '2025-10-31'],
    [' Ongoing  until   March 25', 'Ongoing until March 25', 'ongoing', '2025-03-31'],
    ['  EDM   to advise ', 'EDM to advise', 'unknown', null],
  ] as const)('tidies whitespace in %j to %j', (raw, text, kind, date) => {
    expect(parseDue(raw)).toEqual({ text, kind, date });
  });

  it.each([null, undefined, '', '   ', '\t\n'])('reads %j as no due date', (value) => {
    expect(parseDue(value)).toEqual({ text: '', kind: 'none', date: null });
  });

  it('does not depend on the local time zone', () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC']) {
        process.env.TZ = tz;
        expect(parseDue('February 2024').date).toBe('2024-02-29');
        expect(parseDue('31/12/2023').date).toBe('2023-12-31');
        expect(parseDue('from January 2024').date).toBe('2024-01-01');
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
