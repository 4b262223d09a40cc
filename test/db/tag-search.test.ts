import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchTagChoices, toSearchWords, toTagChoices } from '../../src/commands/feedback-tags.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ENGINES } from '../support/test-database.ts';

// The feedback form's tag search asks the database for at most `limit` matches instead of reading
// every theme and action on each keystroke: it must find exactly what the in-memory rule finds.
describe.each(ENGINES)('tag search on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine);
  });
  afterAll(async () => {
    await h?.drop();
  });

  it.each([
    '',
    'recruit',
    'RECRUIT',
    'theme',
    'theme 2',
    '2.',
    'arap 1.1',
    'data pay',
    '100%_',
    'no such words here',
  ])('finds what the in-memory rule finds for %j, within the limit', async (query) => {
    const all = toTagChoices(await h.store.feedback.listTagTargets());
    for (const limit of [3, 100]) {
      const expected = searchTagChoices(all, query, limit);
      const found = await h.store.feedback.searchTagTargets(toSearchWords(query), limit);
      // What the form shows is the database's answer as it is: same choices, same order, within the limit.
      expect(toTagChoices(found)).toEqual(expected);
    }
  });
});
