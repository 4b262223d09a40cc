import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDriver } from '../../src/db/adapter.ts';
import { applyMigrations, readMigrations } from '../../src/db/migrate.ts';
import { FIXTURE_PLAN } from '../support/fixture-plan.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from '../support/test-database.ts';

describe.each(ENGINES)('database on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('records every committed migration the way prisma migrate does, and applies nothing twice', async () => {
    const rows = await t.db.prisma.$queryRaw<{ migration_name: string; checksum: string }[]>`
      SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(rows).toEqual(readMigrations().map((m) => ({ migration_name: m.name, checksum: m.checksum })));
    // A second replica starting on the same server database finds nothing to do.
    if (t.target.kind === 'postgres') {
      const driver = await openDriver(t.target);
      expect(await driver.withSession((s) => applyMigrations(s))).toEqual([]);
      await driver.close();
    }
  });

  it('refuses to start when a committed migration was edited after it was applied', async () => {
    if (t.target.kind !== 'postgres') return; // the in-memory engine cannot be opened twice
    const driver = await openDriver(t.target);
    const edited = readMigrations().map((m) => ({ ...m, checksum: 'edited' }));
    await expect(driver.withSession((s) => applyMigrations(s, edited))).rejects.toThrow(
      'was changed after it was applied',
    );
    await driver.close();
  });

  it('is ready', async () => {
    expect(await t.db.isReady()).toBe(true);
  });

  it('imports a plan idempotently: the same refs update, nothing is duplicated', async () => {
    const first = await t.store.plans.importPlan(FIXTURE_PLAN, null);
    expect(first).toMatchObject({ created: true, themes: 2, actionsCreated: 4, actionsUpdated: 0 });
    const renamed = structuredClone(FIXTURE_PLAN);
    const action = renamed.themes[0]?.actions[0];
    if (!action) throw new Error('fixture has no action');
    action.title = 'Appoint and support a race equality champion';
    action.owners = ['Chief Executive', 'Leader of the Council'];
    const second = await t.store.plans.importPlan(renamed, null);
    expect(second).toMatchObject({ created: false, actionsCreated: 0, actionsUpdated: 4 });
    expect(await t.db.prisma.action.count()).toBe(4);
    const stored = await t.store.actions.findAction('ARAP', '1.1');
    expect(stored).toMatchObject({
      title: 'Appoint and support a race equality champion',
      owners: ['Chief Executive', 'Leader of the Council'],
      due: { text: 'March 27', date: '2027-03-31', kind: 'by' },
    });
    expect(await t.db.prisma.auditEvent.count({ where: { kind: 'plan.import' } })).toBe(2);
  });

  it('links a second platform identity to the same person by email, and survives a race on first contact', async () => {
    const slack = await t.store.people.ensurePerson({
      platform: 'slack',
      externalId: 'U1',
      displayName: 'Jane',
      email: 'Jane@Example.org',
    });
    const teams = await t.store.people.ensurePerson({
      platform: 'teams',
      externalId: 'aad-1',
      email: 'jane@example.org',
    });
    expect(teams.id).toBe(slack.id);
    const racers = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.store.people.ensurePerson({ platform: 'console', externalId: 'racer' }),
      ),
    );
    expect(new Set(racers.map((p) => p.id)).size).toBe(1);
    expect(await t.db.prisma.identity.count({ where: { externalId: 'racer' } })).toBe(1);
  });

  it('records an update only against the status it was decided on', async () => {
    const action = await t.store.actions.findAction('ARAP', '2.4');
    const author = await t.store.people.ensurePerson({ platform: 'console', externalId: 'admin' });
    if (!action) throw new Error('no 2.4');
    const base = {
      actionId: action.id,
      authorId: author.id,
      source: 'console' as const,
      note: 'n',
      at: new Date(),
    };
    const results = await Promise.all([
      t.store.actions.recordUpdate({ ...base, expectedStatus: 'GREEN', newStatus: 'AMBER' }),
      t.store.actions.recordUpdate({ ...base, expectedStatus: 'GREEN', newStatus: 'RED' }),
    ]);
    expect(results.sort()).toEqual(['conflict', 'recorded']);
    expect(await t.db.prisma.progressUpdate.count({ where: { actionId: action.id } })).toBe(1);
  });
});
