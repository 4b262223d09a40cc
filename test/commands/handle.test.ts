import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APOLOGY, handleCommand } from '../../src/commands/handle.ts';
import type { Actor } from '../../src/domain/person.ts';
import { createHarness, type Harness } from '../support/harness.ts';

// The one pipeline every front door calls: parse once, identify lazily, catch and log once.
describe('the command pipeline', () => {
  let h: Harness;
  const logged: Record<string, unknown>[] = [];
  const logger = {
    error: (message: string, fields?: Record<string, unknown>) => logged.push({ message, ...fields }),
  };
  const jane: Actor = {
    platform: 'slack',
    externalId: 'U0JANE',
    displayName: 'Jane Doe',
    email: 'jane@example.org',
  };
  let identified = 0;
  const identify = async () => {
    identified++;
    return jane;
  };
  const deps = () => ({ store: h.store, clock: h.clock, admins: [], logger });

  beforeAll(async () => {
    h = await createHarness('pglite');
  });
  afterAll(async () => {
    await h?.drop();
  });

  it('looks the sender up for an ordinary command, once', async () => {
    identified = 0;
    const handled = await handleCommand({ text: 'list', who: jane, identify }, deps());
    expect(handled).toMatchObject({ anonymous: false, understood: true });
    expect(identified).toBe(1);
  });

  it('never looks up an anonymous sender, and says the request was anonymous', async () => {
    identified = 0;
    const before = await h.snapshot();
    const handled = await handleCommand(
      { text: 'feedback check ABCDE-FGHJK-MNPQR-STVWX', who: jane, identify },
      deps(),
    );
    expect(handled.anonymous).toBe(true);
    expect(identified).toBe(0);
    expect(await h.snapshot()).toEqual(before);
  });

  it('refuses text that is not a command without a look-up, marked as not understood', async () => {
    identified = 0;
    const handled = await handleCommand({ text: 'updaet 2.4 green', who: jane, identify }, deps());
    expect(handled).toMatchObject({ understood: false, anonymous: false });
    expect(identified).toBe(0);
  });

  it('catches a failure once: one log line, one apology; for an anonymous request only its kind', async () => {
    logged.length = 0;
    const failing = async () => {
      throw new Error('users.info failed for Jane Doe');
    };
    const ordinary = await handleCommand({ text: 'mine', who: jane, identify: failing }, deps());
    expect(ordinary.reply.blocks).toEqual([{ type: 'error', text: APOLOGY }]);
    expect(logged).toHaveLength(1);
    const broken = { ...h.store, feedback: new Proxy(h.store.feedback, { get: () => failing }) };
    const anonymous = await handleCommand(
      { text: 'feedback check ABCDE-FGHJK-MNPQR-STVWX', who: jane },
      { ...deps(), store: broken },
    );
    expect(anonymous.reply.blocks).toEqual([{ type: 'error', text: APOLOGY }]);
    expect(logged).toHaveLength(2);
    expect(JSON.stringify(logged[1])).not.toContain('Jane');
    expect(logged[1]).toMatchObject({ message: 'command failed', error: { name: 'Error' } });
  });
});

describe('refusals carry their code and form field to the front doors', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('pglite');
  });
  afterAll(async () => {
    await h?.drop();
  });

  it.each([
    ['update 1.1 red', 'note_required_for_red', 'note'],
    [`update 1.1 amber ${'x'.repeat(4_001)}`, 'note_too_long', 'note'],
  ])('%s → %s on the %s', async (text, code, field) => {
    const [block] = (await h.reply(text)).blocks;
    expect(block).toMatchObject({ type: 'error', code, field });
  });

  it('answers a quick Red without a note with the form, Red chosen, instead of a refusal', async () => {
    const before = await h.snapshot();
    const reply = await h.reply('update ARAP:1.1 red --', undefined, { gesture: 'quick-status' });
    expect(reply.blocks).toEqual([
      expect.objectContaining({
        type: 'update-form',
        status: 'RED',
        hint: expect.stringContaining('needs a note'),
      }),
    ]);
    expect(await h.snapshot()).toEqual(before);
  });
});
