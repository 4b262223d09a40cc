import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block } from '../../src/commands/reply.ts';
import type { Actor } from '../../src/domain/person.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { dumpTables } from '../support/table-dump.ts';
import { ENGINES } from '../support/test-database.ts';

const harper: Actor = { platform: 'console', externalId: 'hr', displayName: 'Harper HR' };
const bob: Actor = { platform: 'console', externalId: 'bob', displayName: 'bob' };
const eve: Actor = { platform: 'console', externalId: 'eve', displayName: 'Eve Else' };
const HR = 'Head of People Services';

// The clock stands at Sunday 22 November 2026 (FIXED_NOW).
describe.each(ENGINES)('away and cover on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine);
    await h.holdRole(harper, HR);
    await h.store.people.ensurePerson(bob);
    await h.store.people.ensurePerson(eve);
  });
  afterAll(() => h?.drop());

  it.each([
    [
      'away until 32/01/2027',
      harper,
      '"32/01/2027" is not a date: say it like 15/01/2027 or 15 January 2027.',
    ],
    ['away until 21/11/2026', harper, '21 November 2026 has passed: give a last day from today on.'],
    [
      'away 04/01/2027 to 20/12/2026',
      harper,
      '20 December 2026 is before 4 January 2027: give the first day, then the last.',
    ],
    ['away soon', harper, '"soon" is not a date'],
    ['away 20/12/2026', harper, 'From 20 December 2026 until when?'],
    [
      'away harper until 15/01/2027',
      ADMIN_ACTOR(),
      '"harper" is not a person: mention them, like away @jane until 15/01/2027.',
    ],
    ['away @bob until 15/01/2027', harper, 'Only admins can say someone else is away.'],
    [
      'cover "Head of Nothing" @bob until 15/01/2027',
      harper,
      'No role "Head of Nothing". See roles for the list.',
    ],
    [
      'cover "Head of People Service" @bob until 15/01/2027',
      harper,
      'Did you mean "Head of People Services"?',
    ],
    [`cover "${HR}" bob until 15/01/2027`, harper, '"bob" is not a person: mention them'],
    [`cover "${HR}" @bob`, harper, 'Until when? Say it like until 15/01/2027'],
    [`cover "${HR}" @bob until 15/01/2020`, harper, '15 January 2020 has passed'],
    [`cover "${HR}" @bob until 31/02/2027`, harper, '"31/02/2027" is not a date'],
    [`cover "${HR}" @bob until 15/01/2027`, eve, `Only admins and holders of "${HR}" can name its cover.`],
    ['cover', harper, 'Which role? Name it first'],
  ])('%s gets one specific line and changes nothing', async (command, actor, line) => {
    const before = await dumpTables(h.db.prisma);
    const text = await h.run(command, actor);
    expect(text).toContain(line);
    expect(text.split('\n').filter((l) => !l.startsWith('Usage:'))).toHaveLength(1);
    expect(await dumpTables(h.db.prisma)).toEqual(before);
  });

  it('lets an owner say they are away, name a cover for their role, and shows both', async () => {
    expect(await h.run('away until 15/01/2027', harper)).toBe(
      `✓ You are away until 15 January 2027. Prompts and reminders go to each role's cover, or wait until the first working day back. No cover for "${HR}": name one with cover "${HR}" @person until <date>.`,
    );
    expect(await h.run(`cover "${HR}" @bob until 15 Jan 2027`, harper)).toContain(
      `✓ bob covers "${HR}" until 15 January 2027`,
    );
    const listed = await h.run('away', eve);
    expect(listed).toContain('Harper HR: until 15 January 2027');
    expect(listed).toContain(`"${HR}": bob until 15 January 2027`);
    const audit = await h.db.prisma.auditEvent.findMany({
      where: { kind: { in: ['absence.set', 'cover.set'] } },
    });
    expect(audit.map((a) => a.kind).sort()).toEqual(['absence.set', 'cover.set']);
  });

  it("records the cover's update on the role's behalf, and history, show and the report say so", async () => {
    expect(await h.run('update 2.4 amber Panel data late this quarter', bob)).toBe(
      `✓ Updated ARAP:2.4 (Green → Amber) on behalf of ${HR}.`,
    );
    const stored = await h.db.prisma.progressUpdate.findFirst({ orderBy: { seq: 'desc' } });
    expect(stored?.onBehalfOf).toBe(HR);
    const line = `Green → Amber · bob on behalf of ${HR} (console): Panel data late this quarter`;
    expect(await h.run('history 2.4')).toContain(line);
    expect(await h.run('show 2.4')).toContain(line);
    const report = await h.reply('report ARAP since 01/11/2026 md');
    const file = report.blocks.find((b): b is Extract<Block, { type: 'file' }> => b.type === 'file');
    expect(file?.content).toContain(`Green → Amber · bob on behalf of ${HR}: Panel data late this quarter`);
  });

  it('still refuses an update by someone who neither owns nor covers the action, writing nothing', async () => {
    const before = await dumpTables(h.db.prisma);
    expect(await h.run('update 2.4 green', eve)).toContain("You can't update 2.4");
    // The cover covers one role: an action of another is still not theirs.
    expect(await h.run('update 1.1 green', bob)).toContain("You can't update 1.1");
    expect(await dumpTables(h.db.prisma)).toEqual(before);
  });

  it('ends a cover and an absence; the former cover may no longer update', async () => {
    expect(await h.run(`cover "${HR}" off`, harper)).toBe(`✓ "${HR}" has no cover now.`);
    expect(await h.run('update 2.4 green', bob)).toContain("You can't update 2.4");
    expect(await h.run('away off', harper)).toBe(
      '✓ You are back: prompts held meanwhile go out on the next working day.',
    );
    expect(await h.run('away off', harper)).toBe('You were not away: nothing to change.');
    expect(await h.run('away', eve)).toContain('Nobody is away.');
  });

  it('lets an admin set an absence for someone else, from a later day', async () => {
    // In the console a person is named as @<their console id>; the name is what the console says.
    expect(await h.run('away @hr 20/12/2026 to 04/01/2027')).toBe(
      `✓ hr is away from 20 December 2026 until 4 January 2027. Prompts and reminders go to each role's cover, or wait until the first working day back. No cover for "${HR}": name one with cover "${HR}" @person until <date>.`,
    );
    expect(await h.run('away', eve)).toContain('hr: from 20 December 2026 until 4 January 2027');
  });
});

function ADMIN_ACTOR(): Actor {
  return { platform: 'console', externalId: 'admin', displayName: 'admin' };
}
