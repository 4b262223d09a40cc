import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APOLOGY, handleCommand } from '../../src/commands/handle.ts';
import type { Actor } from '../../src/domain/person.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ENGINES } from '../support/test-database.ts';

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
    // Its kind and where, never its message: it may quote the text or the profile.
    expect(logged[0]).toMatchObject({ message: 'command failed', error: { kind: 'Error' } });
    const { stack } = (logged[0] as { error: { stack: string[] } }).error;
    expect(stack.length).toBeLessThanOrEqual(5);
    expect(stack[0]).toMatch(/^at .*handle\.test\.ts:\d+:\d+/);
    expect(JSON.stringify(logged[0])).not.toContain('Jane');
    const broken = { ...h.store, feedback: new Proxy(h.store.feedback, { get: () => failing }) };
    const anonymous = await handleCommand(
      { text: 'feedback check ABCDE-FGHJK-MNPQR-STVWX', who: jane },
      { ...deps(), store: broken },
    );
    expect(anonymous.reply.blocks).toEqual([{ type: 'error', text: APOLOGY }]);
    expect(logged).toHaveLength(2);
    expect(JSON.stringify(logged[1])).not.toContain('Jane');
    expect(logged[1]).toEqual({
      message: 'command failed',
      platform: 'slack',
      command: 'feedback',
      error: { kind: 'Error' },
    });
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

describe.each(ENGINES)('hostile text on %s', (engine) => {
  let h: Harness;
  const logged: unknown[] = [];
  const logger = {
    error: (message: string, fields?: Record<string, unknown>) => logged.push({ message, fields }),
  };
  beforeAll(async () => {
    h = await createHarness(engine);
  });
  afterAll(async () => {
    await h?.drop();
  });
  const deps = () => ({
    store: h.store,
    clock: h.clock,
    admins: [{ platform: 'console' as const, externalId: 'admin' }],
    logger,
  });
  const admin = { platform: 'console' as const, externalId: 'admin', displayName: 'admin' };

  it.each([
    ['update 1.1 green a\u0000b', 'U+0000'],
    ['show 1.1\u0007', 'U+0007'],
    ['feedback -- it happened\u0000 again', 'U+0000'],
    ['owner "Chief Executive" @bob\u001b[31m', 'U+001B'],
  ])('refuses %j in one line, writing nothing and logging nothing', async (text, code) => {
    const before = await h.snapshot();
    const { reply } = await handleCommand({ text, who: admin, identify: async () => admin }, deps());
    expect(reply.blocks).toEqual([
      expect.objectContaining({
        type: 'error',
        code: 'control_character',
        text: expect.stringContaining(code),
      }),
    ]);
    expect(await h.snapshot()).toEqual(before);
    expect(logged).toEqual([]);
  });

  // Found by the fuzz (fuzz.test.ts): half a surrogate pair reached the database driver, which refused
  // it, and the person got the apology and the log an error.
  it.each([
    ['update 1.1 amber Budget \uD83D agreed', 'U+D83D'],
    ['network create "\uDE00 Network"', 'U+DE00'],
    ['feedback 2.4 -- it happened \uD800', 'U+D800'],
  ])(
    'refuses half a character in %j in one line, writing nothing and logging nothing',
    async (text, code) => {
      const before = await h.snapshot();
      const { reply } = await handleCommand({ text, who: admin, identify: async () => admin }, deps());
      expect(reply.blocks).toEqual([
        expect.objectContaining({
          type: 'error',
          code: 'broken_character',
          text: expect.stringContaining(code),
        }),
      ]);
      expect(await h.snapshot()).toEqual(before);
      expect(logged).toEqual([]);
    },
  );

  it('records a note with its emoji whole: a surrogate pair is one character, not two halves', async () => {
    const { reply } = await handleCommand(
      { text: 'update 1.2 amber Panel met 😀👩🏽‍💻', who: admin, identify: async () => admin },
      deps(),
    );
    expect(reply.blocks[0]).toMatchObject({ type: 'success' });
    const [note] = await h.db.prisma.progressUpdate.findMany({ orderBy: { createdAt: 'desc' }, take: 1 });
    expect(note?.note).toBe('Panel met 😀👩🏽‍💻');
  });

  it('records a note without bidi isolates (U+2066–U+2069) either', async () => {
    await handleCommand(
      {
        text: 'update 1.1 amber \u2067Budget\u2069 \u2066agreed\u2068',
        who: admin,
        identify: async () => admin,
      },
      deps(),
    );
    const [note] = await h.db.prisma.progressUpdate.findMany({ orderBy: { createdAt: 'desc' }, take: 1 });
    expect(note?.note).toBe('Budget agreed');
  });

  it('records a note without bidi overrides, and a platform name without control characters', async () => {
    const who = { platform: 'slack' as const, externalId: 'U0EVE' };
    const profile = { ...who, displayName: 'Eve\u0000 \u202Eevil\uD83D', email: 'eve@example.org' };
    await handleCommand(
      { text: 'update 1.1 amber Budget \u202Eagreed', who: admin, identify: async () => admin },
      deps(),
    );
    const [note] = await h.db.prisma.progressUpdate.findMany({ orderBy: { createdAt: 'desc' }, take: 1 });
    expect(note?.note).toBe('Budget agreed');
    await handleCommand({ text: 'list', who, identify: async () => profile }, deps());
    const person = await h.db.prisma.person.findFirst({ where: { email: 'eve@example.org' } });
    expect(person?.displayName).toBe('Eve evil');
  });
});
