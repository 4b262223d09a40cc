import { type PlanFile, planFileSchema } from '../../src/domain/plan-file.ts';

/** A small plan shaped like the real ones: two themes, shared and multiple owner roles, mixed due values. */
export const FIXTURE_PLAN: PlanFile = planFileSchema.parse({
  code: 'ARAP',
  title: 'Anti-Racist Action Plan',
  period: '2025–2027',
  timezone: 'Europe/London',
  updateCycle: 'quarterly',
  themes: [
    {
      ref: '1',
      title: 'Leadership',
      objective: 'Leaders own race equality',
      metrics: [],
      actions: [
        {
          ref: '1.1',
          title: 'Appoint a race equality champion',
          owners: ['Chief Executive'],
          due: 'March 27',
          metrics: [],
        },
        {
          ref: '1.2',
          title: 'Publish progress twice a year',
          owners: ['Head of Communications', 'Chief Executive'],
          due: 'March 25',
          metrics: ['9'],
          status: 'amber',
        },
      ],
    },
    {
      ref: '2',
      title: 'Recruitment',
      metrics: [],
      actions: [
        {
          ref: '2.4',
          title: 'Review recruitment data by ethnicity',
          owners: ['Head of People Services'],
          due: 'Ongoing',
          successMeasure: 'Shortlisting ratio closes to 1.0',
          metrics: ['2'],
          status: 'green',
        },
        {
          ref: '2.5',
          title: 'Diverse interview panels',
          owners: ['Head of People Services'],
          due: 'n/a',
          metrics: [],
          status: 'complete',
        },
      ],
    },
  ],
});

/** Noon on a Sunday in late November 2026: a quarter that opened on 1 October. */
export const FIXED_NOW = new Date('2026-11-22T12:00:00Z');
