import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/bot/render-text.ts';
import { dispatch } from '../../src/commands/dispatch.ts';
import { createStore } from '../../src/db/create-store.ts';
import { createFeedbackSecrets } from '../../src/db/feedback-secrets.ts';
import type { Actor } from '../../src/domain/person.ts';
import { ADMIN, createHarness, type Harness } from '../support/harness.ts';
import { ENGINES, TEST_FEEDBACK_SECRET } from '../support/test-database.ts';

const AMARA: Actor = { platform: 'console', externalId: 'amara', displayName: 'amara' };

describe.each(ENGINES)('a store without a feedback secret on %s', (engine) => {
  let h: Harness;
  /** Runs a command against the same database through a store that has no secret. */
  let runUnkeyed: (text: string, actor?: Actor) => Promise<string>;

  beforeAll(async () => {
    h = await createHarness(engine);
    const store = createStore(h.db.prisma, { feedbackSecret: undefined });
    const deps = { store, clock: h.clock, admins: [{ platform: 'console' as const, externalId: 'admin' }] };
    runUnkeyed = async (text, actor = ADMIN) => renderText(await dispatch({ text, actor }, deps));
  });
  afterAll(() => h?.drop());

  it('refuses to create a staff network, in one line saying what to set, and writes nothing', async () => {
    await runUnkeyed('help'); // the admin becomes a known person first
    const before = [await h.snapshot(), await h.db.prisma.staffNetwork.count()];
    const text = await runUnkeyed('network create "Disabled Staff Network"');
    expect(text).toBe(
      '✗ Staff networks need a feedback secret: whoever runs Actionbot must set ACTIONBOT_FEEDBACK_SECRET and restart it.',
    );
    expect([await h.snapshot(), await h.db.prisma.staffNetwork.count()]).toEqual(before);
  });

  it('never hashes without the secret: a network made elsewhere with one fails loudly here', async () => {
    // Another replica, started with the secret, sets a network up after this one started without it.
    expect(await h.run('network create "Disabled Staff Network"')).toContain(
      'Created Disabled Staff Network',
    );
    expect(await h.run('network members "Disabled Staff Network" add @amara')).toContain('now has 1 person');
    await expect(runUnkeyed('network members "Disabled Staff Network" add @ben')).rejects.toThrow(
      'ACTIONBOT_FEEDBACK_SECRET is not set',
    );
    await expect(runUnkeyed('feedback check AAAAA-BBBBB-CCCCC-DDDDD', AMARA)).rejects.toThrow(
      'ACTIONBOT_FEEDBACK_SECRET is not set',
    );
    // The keyed store's list is intact: amara's hash is the one the test secret makes.
    const [member] = await h.db.prisma.networkMember.findMany({ select: { memberHash: true } });
    expect(member?.memberHash).toBe(
      createFeedbackSecrets(TEST_FEEDBACK_SECRET).hashMember('console', 'amara'),
    );
  });
});
