import { describe, expect, it } from 'vitest';
import { formatPlanTree } from '../../src/domain/plan-tree.ts';

describe('the import preview', () => {
  it('lists each theme, then its actions on one line each with owners and due, titles cut to one line', () => {
    const long = `Review   every\njob advert ${'and its wording '.repeat(10)}`;
    const lines = formatPlanTree({
      code: 'P',
      title: 'Plan',
      themes: [
        {
          ref: '1',
          title: 'Leadership',
          metrics: [],
          actions: [
            {
              ref: '1.1',
              title: 'Set targets',
              owners: ['Chief Executive', 'HR Lead'],
              due: 'March 2027',
              metrics: [],
            },
            { ref: '1.2', title: long, owners: [], metrics: [] },
          ],
        },
      ],
    } as never);
    expect(lines[0]).toBe('1  Leadership');
    expect(lines[1]).toBe('  1.1  Set targets  [Chief Executive; HR Lead | due March 2027]');
    expect(lines[2]).toMatch(
      /^ {2}1\.2 {2}Review every job advert and its wording .*… {2}\[no owner \| no due date\]$/,
    );
    expect(lines[2]?.length).toBeLessThan(110);
    expect(lines).toHaveLength(3);
  });
});
