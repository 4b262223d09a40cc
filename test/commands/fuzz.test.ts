import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/bot/render-text.ts';
import { APOLOGY, handleCommand } from '../../src/commands/handle.ts';
import type { Actor } from '../../src/domain/person.ts';
import { findControlCharacter } from '../../src/domain/text-hygiene.ts';
import { createCommandLines } from '../support/command-fuzz.ts';
import { ADMIN, createHarness, type Harness } from '../support/harness.ts';

// Issue 17, "hold up under hostile text": thousands of generated command lines, real verbs mixed with
// junk, quotes, very long words, unicode, control characters and bidi overrides, each run through the
// real pipeline against a real database. Every line gets one reply, never the apology, never a throw,
// never an error log line. The seed is fixed, so a failure names a line that fails again.
const SEED = 0x17_2026;
const LINES = 10_000;

const as = (platform: Actor['platform'], externalId: string): Actor => ({
  platform,
  externalId,
  displayName: externalId,
});
const PEOPLE: Actor[] = [
  ADMIN,
  ADMIN,
  as('console', 'amara'), // a member of the network
  as('console', 'chair'), // its moderator
  as('console', 'cx'), // holds Chief Executive (1.1, 1.2)
  as('slack', 'U0JANE'),
];

type Failure = { line: string; reason: string };

// A stack frame as V8 prints it: "    at fn (file.ts:12:5)".
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

describe('the generated lines', () => {
  const lines = createCommandLines(SEED, LINES);
  const count = (test: (line: string) => boolean) => lines.filter(test).length;

  it('are the same for the same seed, and cover the hostile cases the issue names', () => {
    expect(createCommandLines(SEED, 50)).toEqual(lines.slice(0, 50));
    expect(new Set(lines).size).toBeGreaterThan(LINES * 0.8);
    const covered = {
      nul: count((l) => l.includes('\u0000')),
      otherControls: count((l) => findControlCharacter(l.replaceAll('\u0000', '')) !== null),
      overrides: count((l) => /[\u202A-\u202E]/.test(l)),
      isolates: count((l) => /[\u2066-\u2069]/.test(l)),
      longWords: count((l) => l.split(/\s/).some((w) => w.length >= 4_000)),
      overLimit: count((l) => l.length > 40_000),
      emoji: count((l) => /\p{Extended_Pictographic}/u.test(l)),
      halfPairs: count((l) => /\p{Cs}/u.test(l)),
      unbalancedQuotes: count((l) => (l.match(/"/g) ?? []).length % 2 === 1),
      noteMarkers: count((l) => /(^|\s)--(\s|$)/.test(l)),
      mentions: count((l) => l.includes('<@')),
      updates: count((l) => /^update\s+\S+\s+(red|amber|green|complete|[rag])\s/i.test(l)),
      feedback: count((l) => l.startsWith('feedback')),
      network: count((l) => l.startsWith('network ') || l.startsWith('network\t')),
      cycle: count((l) => l.startsWith('cycle')),
    };
    for (const [kind, n] of Object.entries(covered))
      expect({ kind, enough: n >= 50 }).toEqual({ kind, enough: true });
  });
});

describe('the command pipeline under generated hostile text', () => {
  let h: Harness;
  const errors: unknown[] = [];
  const logger = {
    error: (message: string, fields?: Record<string, unknown>) => errors.push({ message, fields }),
  };

  beforeAll(async () => {
    h = await createHarness('pglite');
    await h.run('network create "Ethnic Minority Staff Network"');
    await h.run('network members "Ethnic Minority Staff Network" add @amara @ben @chi');
    await h.run('network moderators "Ethnic Minority Staff Network" add @chair');
    await h.run('owner "Chief Executive" @cx');
  });
  afterAll(async () => {
    await h?.drop();
  });

  it(`answers ${LINES.toLocaleString('en-GB')} generated lines once each, without an apology or an error log`, async () => {
    const deps = {
      store: h.store,
      clock: h.clock,
      admins: [{ platform: 'console' as const, externalId: 'admin' }],
      logger,
    };
    // Slack's mention form resolves as the Slack front door resolves it, without a profile look-up.
    const resolveMention = async (word: string): Promise<Actor | null> => {
      const id = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/i.exec(word)?.[1] ?? /^@([\w.-]{1,64})$/.exec(word)?.[1];
      return id ? as(word.startsWith('<') ? 'slack' : 'console', id) : null;
    };
    const failures: Failure[] = [];
    const lines = createCommandLines(SEED, LINES);
    for (const [i, line] of lines.entries()) {
      const who = PEOPLE[i % PEOPLE.length] as Actor;
      const logged = errors.length;
      try {
        const handled = await handleCommand(
          { text: line, who, identify: async () => who, resolveMention },
          deps,
        );
        const blocks = handled.reply.blocks;
        if (blocks.length === 0) failures.push({ line, reason: 'an empty reply' });
        if (blocks.some((b) => b.type === 'error' && b.text === APOLOGY))
          failures.push({ line, reason: 'the apology' });
        if (STACK_FRAME.test(renderText(handled.reply)))
          failures.push({ line, reason: 'a stack in the reply' });
      } catch (error) {
        failures.push({ line, reason: `threw ${(error as Error).stack?.split('\n', 3).join(' | ')}` });
      }
      if (errors.length > logged)
        failures.push({ line, reason: `logged ${JSON.stringify(errors.slice(logged)).slice(0, 600)}` });
    }
    const shown = failures
      .slice(0, 5)
      .map((f) => ({ line: JSON.stringify(f.line).slice(0, 300), reason: f.reason }));
    expect({ failures: failures.length, shown }).toEqual({ failures: 0, shown: [] });
    expect(errors).toEqual([]);
  }, 240_000);
});
