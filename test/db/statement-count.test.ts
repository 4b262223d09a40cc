import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/commands/dispatch.ts';
import { createStore } from '../../src/db/create-store.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import type { Store } from '../../src/domain/ports.ts';
import { FIXED_NOW, FIXTURE_PLAN } from '../support/fixture-plan.ts';
import {
  createServerDatabase,
  dropServerDatabase,
  getProxiedUrl,
  TEST_FEEDBACK_SECRET,
} from '../support/test-database.ts';
import { startWireCounter, type WireCounter } from '../support/wire-counter.ts';

// What a command costs on the PostgreSQL wire, counted by a proxy in front of the server (every
// simple query and every extended-protocol execute, transaction statements included).
describe('statements per command on PostgreSQL', () => {
  let counter: WireCounter;
  let db: Database;
  let store: Store;
  let url: string;
  const actor = { platform: 'slack' as const, externalId: 'U0ADMIN', displayName: 'Ada Admin' };
  const owner = { platform: 'slack' as const, externalId: 'U0JANE', displayName: 'Jane Doe' };
  const deps = () => ({
    store,
    clock: { now: () => FIXED_NOW },
    admins: [{ platform: 'slack' as const, externalId: 'U0ADMIN' }],
  });

  beforeAll(async () => {
    const target = await createServerDatabase();
    url = target.url;
    counter = await startWireCounter();
    db = await openDatabase({ kind: 'postgres', url: getProxiedUrl(target.url, counter.port) });
    store = createStore(db.prisma, { feedbackSecret: TEST_FEEDBACK_SECRET });
    await store.plans.importPlan(FIXTURE_PLAN, null);
    await dispatch({ text: 'list', actor }, deps()); // the people are known from here on
    const person = await store.people.ensurePerson(owner);
    await store.people.changeRoleHolders({
      roleName: 'Head of People Services',
      personIds: [person.id],
      mode: 'add',
      actorId: person.id,
    });
  });
  afterAll(async () => {
    await db?.close();
    await counter?.close();
    if (url) await dropServerDatabase(url);
  });

  async function count(text: string, who = actor) {
    counter.reset();
    const reply = await dispatch({ text, actor: who }, deps());
    return { statements: counter.statements, sql: counter.sql, reply };
  }

  // Before: a typed update took 16 statements (every ref of every plan read to resolve one, the
  // action reloaded through six includes, roles read even for admins, a transaction of four) and a
  // show 12. Now: the person, the action (one query with plan, theme, owners and latest update), the
  // owner's roles, and one compare-and-set statement.
  it('records a typed update in at most 6 statements: 3 for an admin, 4 for an owner', async () => {
    const byAdmin = await count('update 2.4 green Recruitment data reviewed');
    expect(JSON.stringify(byAdmin.reply)).toContain('Updated ARAP:2.4');
    expect(byAdmin.statements).toBe(3);
    const byOwner = await count('update 2.4 amber Panels still being trained', owner);
    expect(JSON.stringify(byOwner.reply)).toContain('Updated ARAP:2.4');
    expect(byOwner.statements).toBe(4);
    expect(byOwner.sql.filter((q) => /^(BEGIN|COMMIT)/.test(q.trim()))).toEqual([]);
  });

  // The fourth reads the action's check-backs (the networks asked before its Complete counted).
  it('answers a show in at most 4 statements', async () => {
    const { statements, reply } = await count('show 2.4');
    expect(JSON.stringify(reply)).toContain('Panels still being trained');
    expect(statements).toBe(4);
  });

  it('reads every ref only when a ref names nothing, to suggest one', async () => {
    const { reply, sql } = await count('show 2.9');
    expect(JSON.stringify(reply)).toMatch(/No action 2\.9 in ARAP/);
    expect(sql.length).toBeGreaterThan(3);
  });
});
