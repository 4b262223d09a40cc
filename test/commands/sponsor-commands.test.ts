import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/person.ts';
import { parsePlanText } from '../../src/import/read-plan-file.ts';
import { FIXED_NOW } from '../support/fixture-plan.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { dumpTables } from '../support/table-dump.ts';
import { ENGINES } from '../support/test-database.ts';

const JANE: Actor = { platform: 'slack', externalId: 'U0JANE', displayName: 'Jane Doe' };

describe.each(ENGINES)('sponsor, escalation and nudge commands on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine);
    await h.run('sponsor ARAP new "Executive Director, People"');
    await h.run('help', JANE); // Jane is known: refusing her writes nothing, not even her first contact
  });
  afterAll(async () => {
    await h?.drop();
  });

  it('names, lists and clears sponsors of plans and themes, from existing roles', async () => {
    expect(await h.run('sponsor ARAP:2 "head of people services"')).toContain(
      '"Head of People Services" now sponsors ARAP theme 2: nobody holds it yet',
    );
    await h.holdRole(JANE, 'Head of People Services');
    const list = await h.run('sponsor');
    expect(list).toContain(
      'ARAP: Executive Director, People: nobody yet · escalates 2 working days after a deadline',
    );
    expect(list).toContain('ARAP theme 2: Head of People Services: Jane Doe');
    expect(await h.run('roles')).toContain(
      'Head of People Services: Jane Doe · 2 actions · sponsors ARAP theme 2',
    );
    expect(await h.run('roles')).toContain(
      'Executive Director, People: nobody yet · 0 actions · sponsors ARAP',
    );
    expect(await h.run('sponsor ARAP:2 none')).toContain('ARAP theme 2 has no sponsor now.');
    expect(await h.run('sponsor')).not.toContain('theme 2');
    expect(await h.run('escalation')).toContain('ARAP: escalates 2 working days after a deadline.');
  });

  it.each([
    [
      'sponsor ARAP "Exec Director, People"',
      'No role "Exec Director, People". Did you mean "Executive Director, People"? For a new role, say sponsor ARAP new "Exec Director, People".',
    ],
    ['sponsor NOPE "Chief Executive"', 'No plan NOPE. Plans: ARAP.'],
    ['sponsor ARAQ "Chief Executive"', 'No plan ARAQ. Did you mean ARAP?'],
    ['sponsor ARAP:9 "Chief Executive"', 'ARAP has no theme 9. Its themes: 1, 2.'],
    ['sponsor ARAP', 'Which role? Name it, like sponsor ARAP "Executive Director, People".'],
    ['sponsor ARAP:1:2 "Chief Executive"', '"ARAP:1:2" is not a plan or theme'],
    [
      'escalation ARAP 0',
      '"0" is not a number of days: give working days after the deadline, from 1 to 30, or off.',
    ],
    ['escalation ARAP 31', '"31" is not a number of days'],
    ['escalation ARAP -1', '"-1" is not a number of days'],
    ['escalation ARAP two', '"two" is not a number of days'],
    ['escalation ARAP', 'How long after the deadline?'],
    ['escalation ARAP 2 3', 'Give one number'],
    ['escalation NOPE 2', 'No plan NOPE. Plans: ARAP.'],
    ['nudge', 'Which plan? Say nudge ARAP.'],
    ['nudge NOPE', 'No plan NOPE. Plans: ARAP.'],
    ['nudge ARAP 31/02/2027', '"31/02/2027" is not a date: say it like 18/01/2027.'],
    ['nudge ARAP 01/03/2025', 'No ARAP updates were due by 1 March 2025 this cycle or last.'],
  ])('%s: one specific line, nothing written', async (command, line) => {
    const before = await dumpTables(h.db.prisma);
    const text = await h.run(command);
    expect(text).toContain(line);
    expect(text.split('\n')[0]).toContain(line.split('\n')[0]);
    expect(await dumpTables(h.db.prisma)).toEqual(before);
  });

  it('nudge before the deadline: nothing to nudge yet, nothing written', async () => {
    h.clock.set(new Date('2027-01-05T10:00:00Z'));
    const before = await dumpTables(h.db.prisma);
    expect(await h.run('nudge ARAP')).toBe(
      "✗ ARAP's updates are due by 15 January 2027: nothing to nudge yet.",
    );
    expect(await dumpTables(h.db.prisma)).toEqual(before);
    h.clock.set(FIXED_NOW);
  });

  it.each([
    ['sponsor ARAP "Chief Executive"', 'Only admins can use sponsor.'],
    ['sponsor', 'Only admins can use sponsor.'],
    ['escalation ARAP 3', 'Only admins can use escalation.'],
    ['escalation ARAP off', 'Only admins can use escalation.'],
    ['nudge ARAP', "Only ARAP's sponsors and admins can nudge its owners."],
  ])('%s by someone not an admin (nor sponsor): refused, nothing written', async (command, line) => {
    const before = await dumpTables(h.db.prisma);
    expect(await h.run(command, JANE)).toBe(`✗ ${line}`);
    expect(await dumpTables(h.db.prisma)).toEqual(before);
  });

  it('plan files carry the plan and theme sponsors; a file without one keeps what chat set', async () => {
    const yaml = [
      'code: SCW',
      'title: Social Care Workforce',
      'sponsor: Director of Adult Social Care',
      'themes:',
      '  - ref: "1"',
      '    title: Recruitment',
      '    sponsor: Head of Workforce',
      '    actions:',
      '      - { ref: "1.1", title: Fair shortlisting, owners: [Recruitment Lead] }',
    ].join('\n');
    const parsed = parsePlanText(yaml, 'yaml');
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const summary = await h.store.plans.importPlan(parsed.plan, null);
    expect(summary.changes).toEqual(
      expect.arrayContaining([
        '~ plan sponsor: Director of Adult Social Care',
        '~ theme 1 sponsor: Head of Workforce',
      ]),
    );
    const json = parsePlanText(JSON.stringify({ ...parsed.plan, sponsor: undefined }), 'json');
    if (!json.ok) throw new Error(json.errors.join('; '));
    expect((await h.store.plans.importPlan(json.plan, null)).changes).not.toContain(
      '~ plan sponsor: Director of Adult Social Care',
    );
    expect((await h.store.sponsors.listSponsors('SCW')).map((s) => [s.theme?.ref ?? 'plan', s.role])).toEqual(
      [
        ['plan', 'Director of Adult Social Care'],
        ['1', 'Head of Workforce'],
      ],
    );
  });
});
