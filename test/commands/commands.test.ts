import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toUpdateCommandText } from '../../src/commands/forms.ts';
import type { Actor } from '../../src/domain/person.ts';
import { FIXED_NOW } from '../support/fixture-plan.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ENGINES } from '../support/test-database.ts';

const jane: Actor = { platform: 'console', externalId: 'jane', displayName: 'jane' };
const bob: Actor = { platform: 'console', externalId: 'bob', displayName: 'bob' };

describe.each(ENGINES)('commands on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine);
  });
  afterAll(async () => {
    await h.drop();
  });

  it('lists every action with status, owners and due', async () => {
    const text = await h.run('list');
    expect(text).toContain('4 actions');
    expect(text).toMatch(/1\.2\s+Amber\s+Publish progress twice a year/);
    expect(text).toContain('Chief Executive; Head of Communications · due March 25 [OVERDUE]');
  });

  it.each([
    ['list green', ['2.4'], ['1.1', '1.2', '2.5']],
    ['list complete', ['2.5'], ['1.1', '2.4']],
    ['list unrated', ['1.1'], ['1.2']],
    ['list overdue', ['1.2'], ['1.1', '2.4', '2.5']],
    ['list theme 2', ['2.4', '2.5'], ['1.1', '1.2']],
    ['LIST Plan arap Amber', ['1.2'], ['2.4']],
  ])('%s', async (command, shown, hidden) => {
    const text = await h.run(command);
    for (const ref of shown) expect(text).toMatch(new RegExp(`\\s${ref.replace('.', '\\.')}\\s`));
    for (const ref of hidden) expect(text).not.toMatch(new RegExp(`\\s${ref.replace('.', '\\.')}\\s`));
  });

  it.each(['show 1.1', 'show #1.1', 'show action 1.1', 'show ARAP:1.1', 'show arap:1.1'])(
    '%s finds action 1.1',
    async (command) => {
      const text = await h.run(command);
      expect(text).toContain('== 1.1 Appoint a race equality champion ==');
      expect(text).toContain('Owners: Chief Executive');
      expect(text).toContain('Status: Not yet rated');
    },
  );

  it('records an update with status and note, and show tells who, when and what', async () => {
    expect(await h.run('update 1.1 green Started the review')).toBe(
      '✓ Updated ARAP:1.1 (Not yet rated → Green).',
    );
    const text = await h.run('show 1.1');
    expect(text).toContain('Status: Green');
    expect(text).toContain(
      '22 Nov 2026, 12:00 · Not yet rated → Green · admin (console): Started the review',
    );
  });

  it('records a note-only update that keeps the status', async () => {
    expect(await h.run('update 2.4 Q3 data shared with the network')).toBe(
      '✓ Updated ARAP:2.4 (status stays Green).',
    );
    const updates = await h.db.prisma.progressUpdate.findMany({ where: { action: { ref: '2.4' } } });
    expect(updates).toMatchObject([
      { oldStatus: 'GREEN', newStatus: 'GREEN', note: 'Q3 data shared with the network' },
    ]);
  });

  it.each([
    ['update 1.2 R Panel chair left; need a new sponsor', 'Amber → Red'],
    ['update 1.2 a Sponsor found', 'Red → Amber'],
    ['update 1.2 DONE Published on the intranet, see link', 'Amber → Complete'],
    ['update 1.2 g Reopened: second report due', 'Complete → Green'],
  ])('status aliases: %s', async (command, change) => {
    expect(await h.run(command)).toContain(change);
  });

  it('keeps unicode, emoji and SQL-looking notes exactly as written', async () => {
    const note = "Réunion faite ✅ 👍🏽 — '); DROP TABLE actions; --";
    h.clock.set(new Date(FIXED_NOW.getTime() + 60_000));
    expect(await h.run(`update 2.4 green ${note}`)).toContain('Updated ARAP:2.4');
    const latest = await h.db.prisma.progressUpdate.findFirst({
      where: { action: { ref: '2.4' } },
      orderBy: { createdAt: 'desc' },
    });
    expect(latest?.note).toBe(note);
    expect(await h.db.prisma.action.count()).toBe(4);
  });

  it('takes the note after -- exactly as written, even when it starts with a status word', async () => {
    h.clock.set(new Date(FIXED_NOW.getTime() + 120_000));
    const text = toUpdateCommandText({
      planCode: 'ARAP',
      ref: '2.4',
      status: null,
      note: 'amber light from HR -- see minutes',
    });
    expect(text).toBe('update ARAP:2.4 -- amber light from HR -- see minutes');
    expect(await h.run(text)).toBe('✓ Updated ARAP:2.4 (status stays Green).');
    const latest = await h.db.prisma.progressUpdate.findFirst({
      where: { action: { ref: '2.4' } },
      orderBy: { createdAt: 'desc' },
    });
    expect(latest).toMatchObject({ newStatus: 'GREEN', note: 'amber light from HR -- see minutes' });
  });

  it('refuses an empty submitted form instead of offering the form again', async () => {
    const before = await h.snapshot();
    const text = toUpdateCommandText({ planCode: 'ARAP', ref: '2.4', status: null, note: '  ' });
    expect(text).toBe('update ARAP:2.4 --');
    expect(await h.run(text)).toBe(
      '✗ Nothing to record for 2.4: give a status (red, amber, green, complete) and/or a note.',
    );
    expect(await h.snapshot()).toEqual(before);
  });

  it('records a button click or form delivered twice (even at once) only once', async () => {
    h.clock.set(new Date(FIXED_NOW.getTime() + 180_000));
    const before = await h.db.prisma.progressUpdate.count();
    const command = toUpdateCommandText({
      planCode: 'ARAP',
      ref: '2.5',
      status: 'COMPLETE',
      note: 'Signed off',
    });
    const replies = await Promise.all([
      h.run(command, undefined, { requestKey: 'click-1' }),
      h.run(command, undefined, { requestKey: 'click-1' }),
    ]);
    expect(replies.some((r) => r.startsWith('✓ Updated ARAP:2.5'))).toBe(true);
    expect(replies.some((r) => r.includes('Already recorded'))).toBe(true);
    expect(await h.run(command, undefined, { requestKey: 'click-1' })).toContain('Already recorded');
    expect(await h.db.prisma.progressUpdate.count()).toBe(before + 1);
  });

  it('maps a role to a person, who can then update their actions and see them in mine', async () => {
    expect(await h.run('owner "Head of People Services" @jane')).toBe(
      '✓ jane now holds "Head of People Services".',
    );
    expect(await h.run('owner head of people services @jane')).toContain('now holds');
    expect(await h.db.prisma.roleHolder.count()).toBe(1);
    const mine = await h.run('mine', jane);
    expect(mine).toContain('Your actions (Head of People Services)');
    expect(mine).toMatch(/2\.4 .*Green/);
    expect(mine).not.toContain('1.1');
    expect(await h.run('list mine', jane)).toContain('2 actions (mine)');
    expect(await h.run('update 2.4 amber Budget cut', jane)).toContain('Green → Amber');
    expect(await h.run('roles')).toContain('Head of People Services: jane · 2 actions');
    const audit = await h.db.prisma.auditEvent.findMany({ where: { kind: 'role.add' } });
    expect(audit).toHaveLength(2);
  });

  it('maps a role to a person by email alone: one person, whom their chat account joins later', async () => {
    const before = await h.db.prisma.person.count();
    expect(
      await h.run(
        'owner "Head of Communications" Sam.Jones@Council.example <mailto:lee@council.example|lee@council.example>',
      ),
    ).toBe(
      '✓ sam.jones@council.example, lee@council.example now hold "Head of Communications". Someone known only by email is found on Slack or Teams by that address when a message goes out.',
    );
    // Named again (any case, or as Slack links it) it is the same person.
    await h.run(
      'owner "Head of Communications" <mailto:SAM.JONES@council.example|SAM.JONES@council.example>',
    );
    expect(await h.db.prisma.person.count()).toBe(before + 2);
    const sam = await h.db.prisma.person.findUniqueOrThrow({
      where: { email: 'sam.jones@council.example' },
      include: { identities: true, roles: true },
    });
    expect(sam).toMatchObject({ displayName: 'sam.jones@council.example', identities: [] });
    expect(sam.roles).toHaveLength(1);
    // Their Slack account, first seen later with the same address, joins them and names them.
    const person = await h.store.people.ensurePerson({
      platform: 'slack',
      externalId: 'U0SAM',
      displayName: 'Sam Jones',
      email: 'sam.jones@council.example',
    });
    expect(person).toMatchObject({ id: sam.id, displayName: 'Sam Jones' });
    expect(await h.run('roles')).toContain('Head of Communications: lee@council.example, Sam Jones · ');
    expect(await h.run('owner "Head of Communications" remove lee@council.example')).toBe(
      '✓ lee@council.example no longer holds "Head of Communications".',
    );
  });

  it('removes a role holder', async () => {
    expect(await h.run('owner "Head of People Services" remove @jane')).toBe(
      '✓ jane no longer holds "Head of People Services".',
    );
    expect(await h.run('mine', jane)).toContain('You hold no owner role yet');
  });

  it('lists plans and help', async () => {
    expect(await h.run('plans')).toContain(
      'ARAP: Anti-Racist Action Plan (2025–2027) · 2 themes, 4 actions · quarterly updates',
    );
    const help = await h.run('help');
    expect(help).toContain('update <ref> [red|amber|green|complete] [note...]');
    expect(help).toContain('owner <role> @person');
    expect(await h.run('help', bob)).not.toContain('owner <role>');
    expect(await h.run('help update')).toContain('Record progress on an action');
  });

  it('opens the update form for a ref without status or note, and for no ref at all', async () => {
    const form = await h.reply('update 1.1');
    expect(form.blocks).toMatchObject([{ type: 'update-form', item: { ref: '1.1' } }]);
    await h.run('owner "Head of People Services" @jane');
    const picker = await h.reply('update', jane);
    expect(picker.blocks).toMatchObject([{ type: 'update-form', item: null }]);
    // Someone who owns nothing gets told so (every front door used to word this itself).
    const none = await h.reply('update');
    expect(none.blocks).toEqual([
      { type: 'paragraph', text: 'You have no actions to update. Type update <ref> for one you may update.' },
    ]);
  });

  describe('bad input gets a specific reply and changes nothing', () => {
    beforeAll(async () => {
      await h.run('list', bob); // bob exists before the snapshot, so first contact is not counted as a change
    });

    it.each<[string, string, Actor?]>([
      ['update 2.44 green Reviewed', 'No action 2.44 in ARAP. Did you mean 2.4?'],
      ['show 7.7', 'No action 7.7 in ARAP.'],
      ['update NOPE:1.1 green x', 'No plan NOPE.'],
      ['update 2.4 grean Data reviewed', '"grean" is not a status. Did you mean green?'],
      ['update 1.1 red', 'Red needs a note: say what is blocking 1.1 and what help is needed.'],
      ['update 1.1 complete', 'Complete needs a note with the evidence that 1.1 is done.'],
      [`update 1.1 amber ${'x'.repeat(20_000)}`, 'That note is too long: keep it under 4000 characters.'],
      ['', 'Type a command, like "list" or "help".'],
      ['    ', 'Type a command, like "list" or "help".'],
      ['updte 1.1 green', 'I don\'t know "updte". Did you mean update?'],
      ['1.1', 'To see an action, type show 1.1.'],
      ["show 1.1'; DROP TABLE actions;--", 'is not an action ref'],
      ['list grean', 'list can\'t filter by "grean". Did you mean green?'],
      ['list theme', 'theme needs a value'],
      [
        'owner "Head of People Service" @jane',
        'No role "Head of People Service". Did you mean "Head of People Services"?',
      ],
      [
        'owner "Chief Executive" jane',
        '"jane" is not a person: mention them, like @jane, or give their email address.',
      ],
      [
        'owner "Head of People Services" jane@council',
        '"jane@council" is not an email address, like jane@council.example.',
      ],
      [
        'owner "Head of People Services" <mailto:jane@|jane@>',
        '"jane@" is not an email address, like jane@council.example.',
      ],
      [
        'owner "Head of People Service" jane@council.example',
        'No role "Head of People Service". Did you mean "Head of People Services"?',
      ],
      [
        'owner "Head of People Services" remove nobody@council.example',
        'No one with the address nobody@council.example is known, so no one to remove.',
      ],
      ['update 2.4 green Looks fine', "You can't update 2.4: only its owners and admins can.", bob],
      ['owner "Chief Executive" @bob', 'Only admins can use owner.', bob],
      ['🙂🙂🙂', 'I don\'t know "🙂🙂🙂".'],
    ])('%#: %s', async (command, expected, actor) => {
      const before = await h.snapshot();
      const reply = await h.reply(command, actor);
      // One refusal (it may carry its code and form field too), nothing else.
      expect(reply.blocks).toHaveLength(1);
      expect(reply.blocks[0]).toMatchObject({ type: 'error', text: expect.stringContaining(expected) });
      expect(await h.snapshot()).toEqual(before);
    });
  });
});
