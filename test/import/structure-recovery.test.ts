import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliOutput, runCli } from '../../src/cli-run.ts';
import type { PlanFile } from '../../src/domain/plan-file.ts';
import { readOwnerCell } from '../../src/import/owner-cell.ts';
import { parseImportText } from '../../src/import/read-import-file.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/test-database.ts';

// Plans composed in the styles councils publish, not copies of ../shared/plans.

/** A partnership scheme's text: numbered section rows, then Issue / Aim / Actions / By whom tables. */
const SCHEME = [
  'Anytown Partnership Equality Scheme 2025-2028',
  'This action plan will be monitored and reviewed on a six monthly basis by the partnership board.',
  '',
  '1 Place shaping, leadership and partnership working\t\t\t\t',
  'Issue\tAim\tActions\tBy whom\tTimescales for completion',
  'Low trust among minority communities\tBuild trust\t<ul style="list-style-type: none"><li>1.1 Hold listening events in each ward</li><li>1.2 Publish what we heard &amp; what we did</li></ul>\tChief Exec Directors Trust Board Elected Members\tMarch 2026',
  'Few community voices on the board\tA representative board\t1.3 Recruit <b>two</b> community members to the <i>board</i>\tSRO: Director of Public Health Implementation lead/s: Head of Equality\tSeptember 2026',
  '',
  '2 Workforce\t\t\t\t',
  'Issue\tAim\tActions\tBy whom\tTimescales for completion',
  'Pay gaps are not published\tFair pay\t2.1 **Publish** pay gap data by ethnicity\t<p>Head of HR</p><p>Equality Lead</p>\tAnnually',
  'Issue\tAim\tActions\tBy whom\tTimescales for completion',
  'Few staff networks\tStaff are heard\t2.2 Support a staff race network\tSRO:\tOngoing',
].join('\n');

/** A council's spreadsheet: objectives holding numbered items, bulleted actions shared by them. */
const OBJECTIVES_CSV = [
  'Joint Race Equality Plan,,,,',
  ',,,,',
  'Objective,Actions,Leads,Timescales,Progress update',
  '"Objective 1: Fair recruitment',
  '<p>1.1 Realise the benefits of a diverse workforce</p> <p>1.2 Ensure shortlisting is anonymous</p>","<ul><li>Review the recruitment policy</li><li>Train panel members</li></ul>","Head of People',
  'Services',
  'Lead: Recruitment Manager",2026,"**On track**: policy drafted"',
  'Objective,Actions,Leads,Timescales,Progress update',
  '2 Communities,,,,',
  '"2.1 Meet faith groups twice a year 2.2 Fund a community liaison post","Set up the meetings","Community Engagement Officer / Policy Officer",Q3 2026,',
].join('\n');

function read(text: string, format: 'csv' | 'document') {
  const result = parseImportText(text, format, { code: 'TEST' });
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result;
}

const summary = (plan: PlanFile) =>
  plan.themes.map((t) => [t.ref, t.title, t.actions.map((a) => [a.ref, a.title, a.owners, a.due])]);

function storedTexts(plan: PlanFile): string[] {
  return [
    plan.title,
    ...plan.themes.flatMap((t) => [
      t.title,
      ...t.actions.flatMap((a) => [a.title, a.description, a.latestUpdate, a.successMeasure, ...a.owners]),
    ]),
  ].filter((x): x is string => typeof x === 'string');
}

describe('structure recovery', () => {
  it('reads numbered section rows as themes, list items as actions, and owner cells as roles', () => {
    const { plan, problems } = read(SCHEME, 'document');
    expect(summary(plan)).toEqual([
      [
        '1',
        'Place shaping, leadership and partnership working',
        [
          [
            '1.1',
            'Hold listening events in each ward',
            ['Chief Exec', 'Directors', 'Trust Board', 'Elected Members'],
            'March 2026',
          ],
          [
            '1.2',
            'Publish what we heard & what we did',
            ['Chief Exec', 'Directors', 'Trust Board', 'Elected Members'],
            'March 2026',
          ],
          [
            '1.3',
            'Recruit two community members to the board',
            ['Director of Public Health', 'Head of Equality'],
            'September 2026',
          ],
        ],
      ],
      [
        '2',
        'Workforce',
        [
          ['2.1', 'Publish pay gap data by ethnicity', ['Head of HR', 'Equality Lead'], 'Annually'],
          ['2.2', 'Support a staff race network', [], 'Ongoing'],
        ],
      ],
    ]);
    expect(plan.themes[0]?.actions[0]?.description).toBe(
      'Low trust among minority communities\nAim: Build trust',
    );
    expect(
      storedTexts(plan).filter((t) => /<\/?[a-z]/i.test(t) || t.includes('&amp;') || t.includes('**')),
    ).toEqual([]);
    expect(problems).toEqual([
      {
        line: 4,
        message:
          'read as theme 1 ("Place shaping, leadership and partnership working"): a numbered heading row',
      },
      { line: 6, message: expect.stringMatching(/^the Action cell holds 2 numbered items \(1\.1, 1\.2\)/) },
      {
        line: 6,
        message: expect.stringMatching(/^"Chief Exec Directors Trust Board Elected Members" read as 4 roles/),
      },
      { line: 6, message: expect.stringContaining('HTML tags and entities read as plain text') },
      { line: 7, message: 'owner labels "SRO:", "Implementation lead/s:" dropped: owners are role names' },
      { line: 9, message: 'read as theme 2 ("Workforce"): a numbered heading row' },
      { line: 13, message: 'owner label "SRO:" with nothing after: no owner read there' },
      { line: 13, message: 'action 2.2 names no owner; only admins can update it' },
    ]);
    expect(problems[3]?.message).toContain('also lines 7, 11');
  });

  it('reads numbered items in an Objective cell as actions sharing the row, with multi-line and labelled leads', () => {
    const { plan, problems } = read(OBJECTIVES_CSV, 'csv');
    expect(plan.title).toBe('Joint Race Equality Plan');
    expect(summary(plan)).toEqual([
      [
        '1',
        'Fair recruitment',
        [
          [
            '1.1',
            'Realise the benefits of a diverse workforce',
            ['Head of People Services', 'Recruitment Manager'],
            '2026',
          ],
          [
            '1.2',
            'Ensure shortlisting is anonymous',
            ['Head of People Services', 'Recruitment Manager'],
            '2026',
          ],
        ],
      ],
      [
        '2',
        'Communities',
        [
          [
            '2.1',
            'Meet faith groups twice a year',
            ['Community Engagement Officer', 'Policy Officer'],
            'Q3 2026',
          ],
          [
            '2.2',
            'Fund a community liaison post',
            ['Community Engagement Officer', 'Policy Officer'],
            'Q3 2026',
          ],
        ],
      ],
    ]);
    const first = plan.themes[0]?.actions[0];
    expect(first?.description).toBe('- Review the recruitment policy\n- Train panel members');
    expect(first?.latestUpdate).toBe('On track: policy drafted');
    expect(plan.themes[1]?.actions[0]?.description).toBe('Set up the meetings');
    expect(storedTexts(plan).filter((t) => /<\/?[a-z]/i.test(t))).toEqual([]);
    expect(problems).toEqual([
      {
        line: 4,
        message: expect.stringMatching(/^the Objective\/Theme cell holds 2 numbered items \(1\.1, 1\.2\)/),
      },
      { line: 4, message: 'owner label "Lead:" dropped: owners are role names' },
      { line: 4, message: expect.stringContaining('HTML tags and entities read as plain text') },
      { line: 9, message: 'read as theme 2 ("Communities"): a numbered heading row' },
      {
        line: 10,
        message: expect.stringContaining('(split where a number follows the one before: a guess)'),
      },
    ]);
  });

  it.each([
    ['Chief Executive\nDirector of Finance', ['Chief Executive', 'Director of Finance']],
    ['Head of People\nServices', ['Head of People Services']],
    ['Learning and\nDevelopment Consultant', ['Learning and Development Consultant']],
    ['- Elected Members\n- Senior Leadership Team', ['Elected Members', 'Senior Leadership Team']],
    ['Leadership Team Members', ['Leadership Team Members']],
    ['Director of Public Health', ['Director of Public Health']],
    ['HR/OD Manager', ['HR/OD Manager']],
    ['Implementation lead/s:', []],
  ])('reads the owner cell %j as %j', (cell, roles) => {
    expect(readOwnerCell(cell).roles).toEqual(roles);
  });
});

function capture(): CliOutput & { text: string } {
  const out = { text: '', isTTY: false, write: (t: string) => (out.text += t) };
  return out;
}

describe.each(ENGINES)('re-importing recovered structure on %s', (engine) => {
  let t: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'actionbot-structure-'));
  });
  afterAll(async () => {
    await t.drop();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['scheme.txt', SCHEME, 'SCHEME', 2, 5],
    ['objectives.csv', OBJECTIVES_CSV, 'OBJ', 2, 4],
  ])('imports %s, then re-imports it changing nothing', async (name, text, code, themes, actions) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, text);
    const run = async () => {
      const out = capture();
      const err = capture();
      const deps = {
        clock: { now: () => new Date('2026-11-20T10:00:00Z') },
        withStore: <T>(use: (s: typeof t.store) => Promise<T>) => use(t.store),
      };
      return { code: await runCli(['import', file, '--plan', code], out, err, deps), out: out.text };
    };
    const first = await run();
    expect(first.code).toBe(0);
    expect(first.out).toMatch(
      new RegExp(`^Created plan ${code}: ${themes} themes, ${actions} actions added`),
    );
    const titles = await t.db.prisma.action.findMany({ where: { plan: { code } }, select: { title: true } });
    expect(titles.filter((a) => a.title.includes('<'))).toEqual([]);
    const before = await t.db.prisma.progressUpdate.count();
    const again = await run();
    expect(again.out).toMatch(
      new RegExp(
        `^Updated plan ${code}: ${themes} themes, 0 actions added, ${actions} updated, 0 progress updates recorded`,
      ),
    );
    expect(await t.db.prisma.progressUpdate.count()).toBe(before);
    expect(await t.db.prisma.action.count({ where: { plan: { code } } })).toBe(actions);
  });
});
