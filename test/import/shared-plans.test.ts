import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanFile } from '../../src/domain/plan-file.ts';
import { readImportFile } from '../../src/import/read-import-file.ts';
import { PLANS_DIR } from '../support/import-fixtures.ts';

// The real plans the issue names (../shared/plans), counted by hand: see the comments per plan.

async function read(file: string, code: string) {
  const result = await readImportFile(path.join(PLANS_DIR, file), { code });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result;
}

function action(plan: PlanFile, ref: string) {
  const found = plan.themes.flatMap((t) => t.actions).find((a) => a.ref === ref);
  if (!found) throw new Error(`no action ${ref}`);
  return found;
}

const countActions = (plan: PlanFile) => plan.themes.map((t) => t.actions.length);

describe('the plans in shared/plans', () => {
  it('Bristol SCWRES: 4 themes, 42 actions from "Action N:" blocks and their N.M sub-actions', async () => {
    const { plan, problems } = await read('bristol-scwres-action-plan-2022-23.txt', 'BSCWRES');
    expect(plan).toMatchObject({
      title: 'Social Care Workforce Race Equality Standard',
      period: '2022–2023',
    });
    // Theme 1: 1.1-1.4, 2.1-2.2, 3, 4, 5. Theme 2: 1, 2.1-2.3, 3-8. Theme 3: 1-3, 4.1-4.3, 5, 6. Theme 4: 1.1-1.4, 2.1-2.5, 3-8.
    expect(countActions(plan)).toEqual([9, 10, 8, 15]);
    expect(plan.themes.map((t) => t.title)).toEqual([
      'Leadership',
      'Recruitment and Retention',
      'Learning and Career Development',
      'Culture and Staff Experience',
    ]);
    expect(plan.themes[0]?.metrics).toEqual(['1', '9']);
    expect(plan.themes[0]?.objective).toMatch(/^That effective enabling strategies/);
    expect(action(plan, '1.1.1')).toMatchObject({
      title: expect.stringMatching(/^Review promotion\/access opportunities/),
      description: expect.stringMatching(/^Stepping Up Diversity Leadership Programme and other/),
      owners: ['Equality and Inclusion', 'Learning and Organisational Development'],
      due: 'April 2023',
      latestUpdate: expect.stringMatching(
        /^Social Care colleagues have participated[\s\S]*ending institutionalised racism\.$/,
      ),
    });
    expect(action(plan, '2.2.3')).toMatchObject({
      owners: ['Principal Social Workers', 'Reward and Analytics Manager'],
      due: undefined,
    });
    expect(action(plan, '1.3')).toMatchObject({ owners: ['Executive Director'], due: 'EDM to advise' });
    expect(action(plan, '4.8')).toMatchObject({
      owners: ['Safety, Health and Wellbeing Manager'],
      due: 'Ongoing action',
      latestUpdate: 'Data will be collated by corporate Accident Incident Reporting System.',
    });
    expect(action(plan, '3.5').latestUpdate).toBeUndefined(); // "Progress: n/a"
    expect(problems).toEqual([
      { line: 14, message: expect.stringContaining('no recognisable header row') }, // the contents page
    ]);
  });

  it('Norfolk WRES autumn update: 3 objectives, 20 actions with RAGC status and the autumn update', async () => {
    const { plan, problems } = await read('norfolk-wres-action-plan-2022-23-autumn-update.txt', 'NWRES');
    expect(plan.period).toBe('2022-23');
    // Objective 1: 1.1-4.2 (8); objective 2: 5.1, 6.1, 7.1, 8.1; objective 3: 9.1, 9.2, 10.1-10.5, 11.1.
    expect(countActions(plan)).toEqual([8, 4, 8]);
    expect(plan.themes.map((t) => t.ref)).toEqual(['1', '2', '3']);
    expect(plan.themes[1]?.title).toMatch(/^To ensure that recruitment and selection practices/);
    expect(action(plan, '1.2')).toMatchObject({
      status: 'amber',
      metrics: ['6', '7', '8'],
      // "Same as aim 1" is the first aim's text.
      description: expect.stringMatching(/^Support managers to feel confident/),
      successMeasure: 'Templates are available and managers are aware of how to access them.',
      latestUpdate: expect.stringMatching(/^The revision of letters was discussed/),
    });
    // The autumn column says N/A: the May position is the latest word.
    expect(action(plan, '3.1')).toMatchObject({
      status: 'complete',
      latestUpdate: expect.stringMatching(/^The Code of Conduct was renamed/),
    });
    expect(action(plan, '10.5')).toMatchObject({ status: 'green', metrics: ['8'] });
    expect(action(plan, '11.1')).toMatchObject({ status: 'amber', metrics: [] });
    expect(problems.map((p) => p.line)).toEqual([10, 44]);
    expect(problems[0]?.message).toContain('20 actions name no owner');
    expect(problems[1]?.message).toContain('no action number'); // the garbled repeat of 10.1-10.4
  });

  it('North Somerset: 13 commitments and directorate plans, 87 actions, rows split across pages joined', async () => {
    const { plan, problems } = await read('north-somerset-anti-racist-action-plan.txt', 'NSARAP');
    expect(plan.title).toBe('North Somerset Councils Anti-Racist Action Plan');
    expect(countActions(plan)).toEqual([8, 4, 1, 4, 4, 7, 6, 12, 5, 2, 11, 8, 15]);
    expect(plan.themes[0]?.title).toMatch(/^To stand together unreservedly/);
    expect(plan.themes[7]?.title).toBe('Adults Anti-racist Action Plan');
    expect(plan.themes[8]).toMatchObject({
      title: "Children's Services Anti-racist Action Plan",
      objective: expect.stringMatching(/^To create a clear and shared understanding/),
    });
    expect(action(plan, '1.1')).toMatchObject({ owners: ['Chief Executive Officer'], due: 'March 23' });
    expect(action(plan, '1.4').due).toBe('October 23, 24 and 25.');
    // Line 32's owner cell ends on the next page ("and Digital Services Manager").
    expect(action(plan, '1.7')).toMatchObject({
      owners: ['Race Equality Champion', 'Head of Communications', 'Customer and Digital Services Manager'],
      title: expect.stringContaining('\nIncrease the communications to emphasise'),
      due: 'Ongoing',
    });
    expect(action(plan, '4.3').owners).toEqual(['Inclusion and Corporate Development Manager']);
    expect(action(plan, '11.5').owners).toEqual([]);
    expect(action(plan, '13.1').owners).toEqual([
      'Mental Wellbeing and Community Development Manager',
      'Healthy Weight and Workplace Health Manager',
    ]);
    expect(action(plan, '13.15')).toMatchObject({ owners: ['Director'], due: 'September 24' });
    // Line 119's roles follow each other unseparated: split where a new one starts ("Head of"), noted.
    expect(problems.map((p) => p.line)).toEqual([36, 49, 50, 51, 52, 53, 71, 119, 159, 204]);
    expect(problems.find((p) => p.line === 119)?.message).toContain('read as 2 roles');
    expect(problems.find((p) => p.line === 159)?.message).toContain('names no owner');
  });
});
