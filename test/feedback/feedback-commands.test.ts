import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeFeedbackDigest } from '../../src/commands/feedback-digest.ts';
import type { Actor } from '../../src/domain/person.ts';
import { releaseFeedback } from '../../src/jobs/release-feedback.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ENGINES } from '../support/test-database.ts';

const as = (name: string): Actor => ({ platform: 'console', externalId: name, displayName: name });
const [AMARA, BEN, CHI, DEV] = ['amara', 'ben', 'chi', 'dev'].map(as) as [Actor, Actor, Actor, Actor];
const OUTSIDER = as('outsider');
const CHAIR = as('chair');
const OWNER = as('owner'); // holds Head of People Services (2.4, 2.5)
const OTHER_OWNER = as('cx'); // holds Chief Executive (1.1, 1.2)
const NET = '"Ethnic Minority Staff Network"';

const receiptOf = (text: string) => /Your receipt: ([A-Z0-9-]{23})/.exec(text)?.[1] ?? '';
const codeOf = (text: string) => /as (F[A-Z0-9]{5})/.exec(text)?.[1] ?? '';

describe.each(ENGINES)('anonymous feedback commands on %s', (engine) => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(engine);
    expect(await h.run(`network create ${NET}`)).toContain('Created Ethnic Minority Staff Network');
    expect(await h.run(`network members ${NET} add @amara @ben`)).toContain(
      'Feedback opens once the list has at least 3',
    );
    expect(await h.run(`network members ${NET} add @chi @dev`)).toContain('now has 4 people');
    expect(await h.run(`network moderators ${NET} add @chair`)).toContain('chair now moderates');
    await h.run('owner "Head of People Services" @owner');
    await h.run('owner "Chief Executive" @cx');
  });
  afterAll(() => h?.drop());

  it('keeps the member list as hashes only: no person, identity or name for the members', async () => {
    const people = await h.db.prisma.person.findMany({ select: { displayName: true } });
    expect(people.map((p) => p.displayName)).not.toEqual(expect.arrayContaining(['amara']));
    const members = await h.db.prisma.networkMember.findMany();
    expect(members).toHaveLength(4);
    expect(JSON.stringify(members)).not.toMatch(/amara|ben|console/);
  });

  it('shows the form text with what is and is not stored', async () => {
    const text = await h.run('feedback 2.4', AMARA);
    expect(text).toContain('What is not stored: who you are');
    expect(text).toContain('feedback ARAP:2.4 -- <your experience>');
  });

  it('refuses bad input with a short reply and writes nothing', async () => {
    await h.run('help', OUTSIDER); // the outsider's admin and moderate attempts make them known first
    const before = await h.snapshot();
    const feedbackBefore = await h.db.prisma.feedback.count();
    const cases: [string, Actor, RegExp][] = [
      ['feedback 2.4 --', AMARA, /no experience to send/],
      ['feedback 2.4 --    ', AMARA, /no experience to send/],
      [`feedback 2.4 -- ${'x'.repeat(3_001)}`, AMARA, /too long: keep it under 3,000/],
      [`feedback 2.4 -- ${'x'.repeat(50_000)}`, AMARA, /too long/],
      ['feedback 9.9 -- It happened again', AMARA, /No action 9.9 in ARAP/],
      ['feedback theme 7 -- It happened again', AMARA, /No theme 7/],
      ['feedback 2.4 -- It happened again', OUTSIDER, /Only members of a staff network/],
      ['feedback to "Nope Network" -- It happened again', AMARA, /No staff network "Nope Network"/],
      [
        'feedback 2.4 -- My manager John Smith said it, call 07700 900123',
        AMARA,
        /(?=.*"John Smith" \(name\))(?=.*"07700 900123" \(phone\))/,
      ],
      [
        'feedback 2.4 -- The Head of People Services ignored it',
        AMARA,
        /"Head of People Services" \(job title\)/,
      ],
      ['feedback check ABCDE', AMARA, /A receipt looks like/],
      ['moderate', OUTSIDER, /Only staff-network moderators/],
      ['moderate approve F00000', OUTSIDER, /Only staff-network moderators/],
      ['network create "X"', OUTSIDER, /Only admins/],
    ];
    for (const [text, actor, expected] of cases) {
      const reply = await h.run(text, actor);
      expect(reply, text.slice(0, 60)).toMatch(expected);
      expect(reply.startsWith('✗')).toBe(true);
      expect(reply.length).toBeLessThan(400);
    }
    expect(await h.db.prisma.feedback.count()).toBe(feedbackBefore);
    expect(await h.snapshot()).toEqual(before);
    // Feedback requests never make their sender a known person.
    const names = (await h.db.prisma.person.findMany()).map((p) => p.displayName);
    expect(names).not.toContain('amara');
  });

  it('runs the whole flow: submit, moderate, release at K and the release time, list, reply, check, withdraw', async () => {
    h.clock.set(new Date('2026-11-23T10:15:37Z')); // Monday 10:15 in London
    const sent = await h.run(
      'feedback 2.4 theme 2 -- I was asked where I am really from in my interview.',
      AMARA,
    );
    expect(sent).toContain('Sent anonymously to Ethnic Minority Staff Network');
    const r1 = receiptOf(sent);
    const c1 = codeOf(sent);
    expect(r1).toMatch(/^[A-Z2-9]{5}(-[A-Z2-9]{5}){3}$/);
    const s2 = await h.run('feedback 2.4 -- Nobody on the panel looked like me, again.', BEN);
    const s3 = await h.run('feedback 2.4 as-is -- Jane Doe said my hair was unprofessional.', CHI);
    const s4 = await h.run('feedback 1.1 -- Leadership never mentions race at all.', DEV);
    const [c2, c3, c4] = [s2, s3, s4].map(codeOf);
    expect([c2, c3, c4].every(Boolean)).toBe(true);

    // Until release the day's submissions are one sealed row: the day only, no code, text or receipt.
    expect(await h.db.prisma.feedback.count()).toBe(0);
    const sealed = await h.db.prisma.sealedFeedbackDay.findMany();
    expect(sealed.map((s) => s.day.toISOString())).toEqual(['2026-11-23T00:00:00.000Z']);
    const sealedText = Buffer.from(sealed[0]?.sealed ?? '', 'base64').toString('latin1');
    for (const secret of [r1, c1, 'really from'])
      expect(JSON.stringify(sealed) + sealedText).not.toContain(secret);

    // A receipt shows status; a wrong one says nothing about others.
    expect(await h.run(`feedback check ${r1.toLowerCase()}`, OUTSIDER)).toContain('waiting for a moderator');
    const wrong = await h.run('feedback check ABCDE-FGHJK-MNPQR-STVWX', AMARA);
    expect(wrong).toBe('✗ No submission has that receipt. Check it for typos.');

    // Moderation: only the chair; owners see nothing yet.
    expect(await h.run(`moderate approve ${c1}`, OWNER)).toMatch(/Only staff-network moderators/);
    const queue = await h.run('moderate', CHAIR);
    expect(queue).toContain('4 submissions to moderate');
    expect(queue).toContain('where I am really from');
    expect(await h.run(`moderate redact ${c3} -- Jane Doe`, CHAIR)).toContain('Redacted');
    expect(await h.run(`moderate redact ${c3} -- Jane Doe`, CHAIR)).toContain('is not in');
    expect(await h.run(`moderate reject ${c4}`, CHAIR)).toContain('Give a reason');
    expect(await h.run(`moderate reject ${c4} Please tag the leadership theme and resend`, CHAIR)).toContain(
      'Rejected',
    );
    expect(await h.run(`moderate approve ${c1}`, CHAIR)).toContain('Approved');
    expect(await h.run(`moderate approve ${c2}`, CHAIR)).toContain('Approved');
    expect(await h.run(`moderate approve ${c1}`, CHAIR)).toContain('already moderated');
    expect(await h.run(`feedback check ${receiptOf(s4)}`, DEV)).toContain(
      'not approved (Please tag the leadership theme',
    );

    // Two approved: the release time passes and nothing is released (K = 3).
    h.clock.set(new Date('2026-11-23T17:00:00Z'));
    expect(await releaseFeedback({ store: h.store, clock: h.clock })).toEqual([
      { network: 'Ethnic Minority Staff Network', released: 0 },
    ]);
    expect(await h.run('feedback list 2.4', OWNER)).toContain('No released feedback');

    // The third is approved the next morning; before 17:00 nothing moves, at 17:00 all three go.
    h.clock.set(new Date('2026-11-24T09:00:00Z'));
    expect(await h.run(`moderate approve ${c3}`, CHAIR)).toContain('Approved');
    expect(await releaseFeedback({ store: h.store, clock: h.clock })).toEqual([]);
    expect(await h.run('feedback list 2.4', OWNER)).toContain('No released feedback');
    h.clock.set(new Date('2026-11-24T17:01:00Z'));
    expect(await releaseFeedback({ store: h.store, clock: h.clock })).toEqual([
      { network: 'Ethnic Minority Staff Network', released: 3 },
    ]);
    expect(await releaseFeedback({ store: h.store, clock: h.clock })).toEqual([]);
    const listed = await h.run('feedback list 2.4', OWNER);
    expect(listed).toContain('3 anonymous submissions on ARAP:2.4');
    expect(listed).toContain('[redacted] said my hair');
    expect(listed).not.toContain('Jane Doe');
    expect(listed).not.toContain('Leadership never mentions');

    // Another action's owner sees none of it and cannot reply.
    expect(await h.run('feedback list 2.4', OTHER_OWNER)).toMatch(/Only the owners of ARAP:2.4/);
    expect(await h.run('feedback list 1.1', OTHER_OWNER)).toContain('No released feedback');
    expect(await h.run(`feedback reply ${c1} We hear you`, OTHER_OWNER)).toMatch(
      /No submission .* that you can reply to/,
    );

    // The digest line counts by theme only where the count reaches K.
    expect(await composeFeedbackDigest(h.store, new Date('2026-11-23T00:00:00Z'), 'Europe/London')).toBe(
      'New anonymous feedback from staff networks: Recruitment 3.',
    );

    // Replies reach the sender through the receipt.
    expect(await h.run(`feedback reply ${c1} We have changed the interview guidance.`, OWNER)).toContain(
      'Replied',
    );
    expect(await h.run(`feedback reply ${c2} -- Panels now include a network member.`, CHAIR)).toContain(
      'Replied',
    );
    const checked = await h.run(`feedback check ${r1}`, OUTSIDER);
    expect(checked).toContain('released to the owners');
    expect(checked).toContain('We have changed the interview guidance.');

    // Withdrawal deletes the row and its replies.
    expect(await h.run(`feedback withdraw ${r1}`, OUTSIDER)).toContain('Withdrawn');
    expect(await h.db.prisma.feedback.findUnique({ where: { code: c1 } })).toBeNull();
    expect(
      await h.db.prisma.feedbackReply.count({ where: { text: { contains: 'interview guidance' } } }),
    ).toBe(0);
    expect(await h.run(`feedback withdraw ${r1}`, OUTSIDER)).toContain('No submission has that receipt');
  });

  it('refuses a network with fewer than K members, and one-line feedback in a Teams channel', async () => {
    await h.run('network create "Tiny Network"');
    await h.run('network members "Tiny Network" add @zed');
    const zed = as('zed');
    expect(await h.run('feedback to "Tiny Network" -- Something happened', zed)).toMatch(
      /fewer than 3 members/,
    );
    const teams: Actor = { platform: 'teams', externalId: 'aad-1' };
    expect(
      await h.run('feedback -- It happened', teams, { conversation: { kind: 'channel', id: '19:abc' } }),
    ).toMatch(/seen by everyone in this chat/);
  });

  it('signposts an incident to another route: on the form, in help and with the identifying-text warning', async () => {
    // Not an admin: refused (this also makes Amara a known person, before the snapshot).
    expect(await h.run(`network signpost ${NET} https://ftsu.example.org -- Contact HR`, AMARA)).toMatch(
      /Only admins/,
    );
    const networksBefore = await h.store.networks.listNetworks();
    const before = await h.snapshot();
    const bad: [string, RegExp][] = [
      [`network signpost ${NET}`, /Give a link \(https:\/\/\.\.\. or mailto:\.\.\.\)/],
      [`network signpost ${NET} http://example.org -- Contact HR`, /Give a link/],
      [`network signpost ${NET} javascript:alert(1) -- Contact HR`, /Give a link/],
      [`network signpost ${NET} https://ftsu.example.org`, /Write the signposting text after --/],
      [`network signpost ${NET} https://ftsu.example.org --   `, /Write the signposting text after --/],
      [`network signpost ${NET} https://ftsu.example.org -- ${'x'.repeat(201)}`, /to 200 characters/],
      [
        'network signpost "Nope Network" https://ftsu.example.org -- Contact HR',
        /No staff network|No network/,
      ],
    ];
    for (const [text, expected] of bad) {
      const reply = await h.run(text);
      expect(reply, text.slice(0, 60)).toMatch(expected);
      expect(reply.startsWith('✗')).toBe(true);
      // One line, and the pipeline's usage line for a refused parse.
      expect(
        reply
          .split('\n')
          .slice(1)
          .every((l) => l.startsWith('Usage:')),
        reply,
      ).toBe(true);
    }
    expect(await h.store.networks.listNetworks()).toEqual(networksBefore);
    expect(await h.snapshot()).toEqual(before);

    const text = 'For an incident you want investigated, contact the Freedom to Speak Up Guardian.';
    expect(await h.run(`network signpost ${NET} https://intranet.example.org/ftsu -- ${text}`)).toContain(
      `now say: ${text} https://intranet.example.org/ftsu`,
    );
    expect(await h.run('feedback 2.4', AMARA)).toContain(`${text} https://intranet.example.org/ftsu`);
    const form = await h.reply('feedback 2.4', AMARA);
    const notice = form.blocks.find((b) => b.type === 'feedback-form');
    expect(notice?.type === 'feedback-form' && notice.notice).toContain('https://intranet.example.org/ftsu');
    const help = await h.run('help', AMARA);
    expect(help).toContain('For an incident you want investigated: ');
    expect(help).toContain(`${text} https://intranet.example.org/ftsu`);
    const warned = await h.run('feedback 2.4 -- My manager John Smith shouted at me', AMARA);
    expect(warned).toContain('Nothing was sent');
    expect(warned).toContain(
      `If it is an incident you want investigated: ${text} https://intranet.example.org/ftsu`,
    );
    expect(await h.run(`network signpost ${NET} off`)).toContain('no longer shows signposting');
    expect(await h.run('help', AMARA)).not.toContain('Freedom to Speak Up');
  });
});
