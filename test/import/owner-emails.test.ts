import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOwnerCell } from '../../src/import/owner-cell.ts';
import { parseImportText } from '../../src/import/read-import-file.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/test-database.ts';

// Owner cells as plans write them when they name the person too: in brackets, after a dash, in <>.
const CSV = [
  'Ref,Action,Lead,Due',
  '1.1,Publish pay gap data,Head of HR (Jane.Doe@Council.example),2026',
  '1.2,Review recruitment,"Head of HR - jane.doe@council.example; Chief Executive",2026',
  '1.3,Train panels,"Director of Public Health <dph@council.example>',
  'Equality Lead",2026',
  '1.4,Meet faith groups,someone@council.example,2026',
].join('\n');

describe('owner cells that name people by email', () => {
  it('reads the role and who holds it, noting each guess; an address with no role maps nothing', () => {
    expect(readOwnerCell('Head of HR (jane@council.example)')).toEqual({
      roles: ['Head of HR'],
      emails: [{ role: 'Head of HR', email: 'jane@council.example' }],
      guesses: [
        '"Head of HR (jane@council.example)" read as role "Head of HR", held by jane@council.example',
      ],
    });
    expect(readOwnerCell('jane@council.example')).toMatchObject({ roles: [], emails: [] });
    const read = parseImportText(CSV, 'csv', { code: 'PAY' });
    if (!read.ok) throw new Error(read.errors.join('\n'));
    const actions = read.plan.themes.flatMap((t) => t.actions);
    expect(actions.map((a) => [a.ref, a.owners, a.ownerEmails])).toEqual([
      ['1.1', ['Head of HR'], [{ role: 'Head of HR', email: 'jane.doe@council.example' }]],
      ['1.2', ['Head of HR', 'Chief Executive'], [{ role: 'Head of HR', email: 'jane.doe@council.example' }]],
      [
        '1.3',
        ['Director of Public Health', 'Equality Lead'],
        [{ role: 'Director of Public Health', email: 'dph@council.example' }],
      ],
      ['1.4', [], undefined],
    ]);
    expect(read.problems.map((p) => p.message)).toContain(
      'someone@council.example names no role: not mapped to one',
    );
  });
});

describe.each(ENGINES)('importing owners named by email on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t?.drop();
  });
  const plan = () => {
    const read = parseImportText(CSV, 'csv', { code: 'PAY' });
    if (!read.ok) throw new Error(read.errors.join('\n'));
    return read.plan;
  };

  it('a dry run lists who will hold which role and writes nothing', async () => {
    const summary = await t.store.plans.importPlan(plan(), null, { dryRun: true });
    expect(summary.changes).toEqual(
      expect.arrayContaining([
        '+ Head of HR: held by jane.doe@council.example',
        '+ Director of Public Health: held by dph@council.example',
      ]),
    );
    expect(await t.db.prisma.person.count()).toBe(0);
    expect(await t.db.prisma.roleHolder.count()).toBe(0);
  });

  it('maps each role to one person per address, once, and their chat account joins them later', async () => {
    const first = await t.store.plans.importPlan(plan(), null);
    expect(first.changes.filter((c) => c.includes('held by'))).toHaveLength(2);
    const again = await t.store.plans.importPlan(plan(), null);
    expect(again.changes.filter((c) => c.includes('held by'))).toEqual([]);
    const roles = await t.store.people.listRoles();
    expect(roles.find((r) => r.name === 'Head of HR')?.holders.map((h) => h.email)).toEqual([
      'jane.doe@council.example',
    ]);
    expect(await t.db.prisma.person.count()).toBe(2);
    const jane = await t.store.people.ensurePerson({
      platform: 'teams',
      externalId: 'aad-jane',
      displayName: 'Jane Doe',
      email: 'Jane.Doe@council.example',
    });
    expect(jane.displayName).toBe('Jane Doe');
    expect(await t.store.people.getRoleNames(jane.id)).toEqual(['Head of HR']);
    expect(await t.db.prisma.person.count()).toBe(2);
  });
});
