import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.ts';
import { ENGINES } from '../support/test-database.ts';

// Concurrent updates to one action: the history lists them in the order they were applied (each
// update's old status is the status the one before it left), whatever the clock said.
describe.each(ENGINES)('history order on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine);
  });
  afterAll(async () => {
    await h?.drop();
  });

  it('lists 50 concurrent updates to one action in the order applied', async () => {
    const statuses = ['red', 'amber', 'green'] as const;
    const base = h.clock.now().getTime();
    let calls = 0;
    // A clock that jumps back and forth between callers: created_at alone would misorder them.
    h.clock.now = () => {
      calls++;
      return new Date(base + (calls % 2 === 0 ? calls : -calls) * 1000);
    };
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => h.reply(`update 2.4 ${statuses[i % 3]} step ${i}`)),
    );
    const recorded = replies.filter((r) => JSON.stringify(r).includes('Updated ARAP:2.4')).length;
    expect(recorded).toBeGreaterThan(0);
    const action = await h.store.actions.findAction('ARAP', '2.4');
    if (!action) throw new Error('no action');
    const history = (await h.store.actions.getHistory(action.id, 100)).reverse(); // oldest first
    expect(history).toHaveLength(recorded);
    for (let i = 1; i < history.length; i++) expect(history[i]?.oldStatus).toBe(history[i - 1]?.newStatus);
    expect(action.lastUpdate?.note).toBe(history.at(-1)?.note);
    expect(action.status).toBe(history.at(-1)?.newStatus);
  });
});
