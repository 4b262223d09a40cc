import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/person.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ENGINES } from '../support/test-database.ts';

const jane: Actor = { platform: 'console', externalId: 'jane', displayName: 'jane' };

// Where files cannot be uploaded (the console), and for what the parser refuses, `import` answers
// one line and changes nothing. Uploads themselves are tested over Slack and Teams (test/slack,
// test/teams: plan-upload.test.ts).
describe.each(ENGINES)('the import command on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine);
    // Both known to the pipeline already, so a refusal has nothing to record.
    await h.run('plans');
    await h.run('plans', jane);
  });
  afterAll(async () => {
    await h.drop();
  });

  it.each([
    [
      'import F0123',
      'admin',
      '✗ Here, import a plan from the command line: npx actionbot import <file> --plan CODE',
    ],
    ['import', 'admin', '✗ Upload the plan file to me in a direct message.'],
    ['import F0123 as arap confirm 1234', 'admin', 'not "confirm"'],
    [
      'import F0123 with ARAP',
      'admin',
      'import reads "as CODE" and "confirm <digest>" after the file, not "with".',
    ],
    ['import F0123', 'jane', '✗ Only admins can use import.'],
  ])('%s (as %s) answers one line and writes nothing', async (text, who, expected) => {
    const before = await h.snapshot();
    const answer = await h.run(text, who === 'jane' ? jane : undefined);
    expect(answer).toContain(expected);
    expect(answer.split('\n').length).toBeLessThanOrEqual(2); // the refusal, and the usage after a parse error
    expect(await h.snapshot()).toEqual(before);
  });

  it('is listed in help for admins only', async () => {
    expect(await h.run('help')).toContain('import <uploaded file>');
    expect(await h.run('help', jane)).not.toContain('import <uploaded file>');
  });
});
