import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/bot/render-text.ts';
import type { Reply } from '../../src/commands/reply.ts';
import { createStore } from '../../src/db/create-store.ts';
import { openDatabase } from '../../src/db/database.ts';
import type { ChatSender, ChatTarget } from '../../src/domain/chat-sender.ts';
import type { Actor } from '../../src/domain/person.ts';
import type { Store } from '../../src/domain/ports.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule.ts';
import { runDueJobs, type SchedulerDeps } from '../../src/jobs/scheduler.ts';
import { createLogger } from '../../src/logger.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { dumpTables } from '../support/table-dump.ts';
import { ENGINES, TEST_FEEDBACK_SECRET } from '../support/test-database.ts';

/*
 * Issue 16, item 2: released feedback with no reply after the network's working days is listed each
 * week (with the digest's slot) for the owners and the network's moderators, once across replicas; the
 * digest counts it by theme at K or more; `feedback check` shows the day it was read and answered.
 */

type Sent = { platform: string; target: ChatTarget; text: string; reply: Reply };

const as = (name: string): Actor => ({ platform: 'console', externalId: name, displayName: name });
const slack = (id: string, name: string): Actor => ({ platform: 'slack', externalId: id, displayName: name });
const MEMBERS = ['amara', 'ben', 'chi', 'dev'].map(as);
const HR = slack('U0HR', 'Harper HR'); // Head of People Services: 2.4 (Recruitment)
const CEO = slack('U0CEO', 'Chris Chief'); // Chief Executive: 1.1 (Leadership); also a moderator
const CHAIR = slack('U0CHAIR', 'Network Chair'); // a moderator
const NET = '"Ethnic Minority Staff Network"';
const TEXTS = [
  'Shortlists keep coming back without anyone like me.',
  'The interview panel asked where I am really from.',
  'Nobody explained why the secondment went elsewhere.',
  'Leadership never mentions race in the all-staff call.',
];
const TAGS = ['2.4', '2.4', '2.4', 'theme 1'];
// Christmas 2026: Friday 25 December and Monday 28 December are bank holidays.
const SETTINGS = { ...DEFAULT_SCHEDULE, bankHolidays: new Set(['2026-12-25', '2026-12-28']) };
const HEADING = 'Anonymous feedback awaiting a response';

describe.each(ENGINES)('feedback awaiting a response on %s', (engine) => {
  let h: Harness;
  const sent: Sent[] = [];
  const receipts: string[] = [];
  const codes: string[] = [];
  const sender = (platform: 'slack' | 'teams'): ChatSender => ({
    platform,
    async send(target, reply: Reply) {
      sent.push({ platform, target, text: renderText(reply), reply });
      return { messageId: String(sent.length) };
    },
  });
  const deps = (store: Store = h.store): SchedulerDeps => ({
    store,
    senders: new Map<string, ChatSender>([
      ['slack', sender('slack')],
      ['teams', sender('teams')],
    ]),
    clock: h.clock,
    sleep: async (ms) => h.clock.set(new Date(h.clock.now().getTime() + ms)),
    logger: createLogger('error', () => {}),
    settings: SETTINGS,
    catchUpMs: 60_000,
    digestTimeZone: 'Europe/London',
  });
  const chases = () => sent.filter((s) => s.text.includes(HEADING));
  const to = (actor: Actor) =>
    chases().filter((s) => s.target.kind === 'person' && s.target.externalId === actor.externalId);
  const check = (i: number) => h.run(`feedback check ${receipts[i]}`, MEMBERS[i]);

  beforeAll(async () => {
    h = await createHarness(engine);
    await h.holdRole(HR, 'Head of People Services');
    await h.holdRole(CEO, 'Chief Executive');
    await h.holdRole(
      { platform: 'teams', externalId: 'aad-comms', displayName: 'Casey Comms' },
      'Head of Communications',
    );
    expect(await h.run(`network create ${NET}`)).toContain('Created');
    expect(await h.run(`network members ${NET} add @amara @ben @chi @dev`)).toContain('now has 4 people');
    const network = await h.store.networks.findNetwork('Ethnic Minority Staff Network');
    const moderators = await Promise.all([CHAIR, CEO].map((m) => h.store.people.ensurePerson(m)));
    await h.store.networks.changeModerators(
      network?.id ?? '',
      moderators.map((p) => p.id),
      'add',
    );
    expect(await h.run(`network respond-within ${NET} 3`)).toContain(
      'no reply after 3 working days is listed for the owners and moderators',
    );
    // Thursday 17 December: four submissions, approved and released at 17:00.
    h.clock.set(new Date('2026-12-17T10:00:00Z'));
    for (const [i, member] of MEMBERS.entries()) {
      const reply = await h.run(`feedback ${TAGS[i]} -- ${TEXTS[i]}`, member);
      receipts.push(/Your receipt: ([A-Z0-9-]{23})/.exec(reply)?.[1] ?? '');
      codes.push(/as (F[A-Z0-9]{5})/.exec(reply)?.[1] ?? '');
      expect(await h.run(`moderate approve ${codes[i]}`, CHAIR)).toContain('Approved');
    }
    h.clock.set(new Date('2026-12-17T17:00:30Z'));
    await runDueJobs(deps());
    expect((await h.store.networks.listNetworks())[0]?.lastReleaseOn).toBe('2026-12-17');
  });
  afterAll(() => h?.drop());

  it('shows the sender that nothing was read or answered yet', async () => {
    const checked = await check(0);
    expect(checked).toContain('released to the owners');
    expect(checked).toContain('Not yet read by the owners.');
    expect(checked).toContain('Not yet answered.');
  });

  it('lists nothing on Monday 21 December: four calendar days, but two working days', async () => {
    sent.length = 0;
    h.clock.set(new Date('2026-12-21T09:00:30Z'));
    await runDueJobs(deps());
    expect(chases()).toEqual([]);
    expect(await h.store.jobRuns.isRunFinished('feedback-awaiting:2026-12-21')).toBe(true);
    expect(await h.run('digest preview')).not.toContain('awaiting a response');
  });

  it('lists it on Tuesday 29 December (the Monday is a bank holiday), once across two replicas, one message a person', async () => {
    sent.length = 0;
    h.clock.set(new Date('2026-12-29T09:00:30Z'));
    const second = engine === 'postgres' ? await openDatabase(h.target) : null;
    try {
      const other = second ? createStore(second.prisma, { feedbackSecret: TEST_FEEDBACK_SECRET }) : h.store;
      await Promise.all([runDueJobs(deps()), runDueJobs(deps(other))]);
      await runDueJobs(deps(other));
      await runDueJobs(deps());
    } finally {
      await second?.close();
    }
    expect(chases()).toHaveLength(4);
    expect(chases().every((s) => s.target.kind === 'person')).toBe(true);
    const [hr, ceo, chair] = [to(HR), to(CEO), to(CHAIR)];
    expect([hr.length, ceo.length, chair.length]).toEqual([1, 1, 1]);
    expect(chases().filter((s) => s.platform === 'teams')).toHaveLength(1); // Casey, on Teams
    expect(hr[0]?.text).toContain('3 anonymous submissions on your actions have had no reply');
    for (const code of codes.slice(0, 3))
      expect(hr[0]?.text).toContain(`${code} on ARAP:2.4, released 17 December 2026`);
    expect(hr[0]?.reply.blocks).toContainEqual({
      type: 'command-button',
      label: 'Read them',
      command: 'feedback list ARAP:2.4',
    });
    // The Chief Executive owns 1.1 (theme 1) and moderates: both parts, in one message.
    expect(ceo[0]?.text).toContain('1 anonymous submission on your actions has had no reply');
    expect(ceo[0]?.text).toContain(
      'As a moderator of Ethnic Minority Staff Network: 4 released submissions have had no reply for 3 working days or more',
    );
    expect(chair[0]?.text).toContain('As a moderator of Ethnic Minority Staff Network: 4 released');
    expect(chair[0]?.text).not.toContain('your actions');
    for (const s of chases()) for (const text of TEXTS) expect(s.text).not.toContain(text.slice(0, 20));
  });

  it('counts them in the digest by theme at K (3) and hides a theme below it', async () => {
    const digest = await h.run('digest preview');
    expect(digest).toContain('Anonymous feedback awaiting a response: Recruitment 3.');
    expect(digest).not.toMatch(/awaiting a response:.*Leadership/);
  });

  it('shows the sender the day it was read, then the day it was answered; an answer drops it below K', async () => {
    h.clock.set(new Date('2026-12-29T11:00:00Z'));
    expect(await h.run('feedback list 2.4', HR)).toContain('3 anonymous submissions on ARAP:2.4');
    const read = await check(0);
    expect(read).toContain('Read by an owner on 29 December 2026.');
    expect(read).toContain('Not yet answered.');
    // An admin who holds none of the action's roles reading it is not an owner reading it.
    expect(await h.run('feedback list 1.1')).toContain('1 anonymous submission on ARAP:1.1');
    expect(await check(3)).toContain('Not yet read by the owners.');

    h.clock.set(new Date('2026-12-30T15:00:00Z'));
    expect(
      await h.run(`feedback reply ${codes[0]} We have changed the shortlisting guidance.`, HR),
    ).toContain('Replied');
    // Listing again another day keeps the first day it was read.
    expect(await h.run('feedback list 2.4', HR)).toContain('1 reply');
    const answered = await check(0);
    expect(answered).toContain('Read by an owner on 29 December 2026.');
    expect(answered).toContain('Answered on 30 December 2026.');
    expect(answered).toContain('We have changed the shortlisting guidance.');
    // Two left awaiting on Recruitment: below K, the digest says nothing of them.
    expect(await h.run('digest preview')).not.toContain('awaiting a response');
  });

  it('lists only what is still unanswered the next week', async () => {
    sent.length = 0;
    h.clock.set(new Date('2027-01-04T09:00:30Z'));
    await runDueJobs(deps());
    const hr = to(HR);
    expect(hr).toHaveLength(1);
    expect(hr[0]?.text).toContain('2 anonymous submissions on your actions have had no reply');
    expect(hr[0]?.text).not.toContain(codes[0]);
    expect(to(CHAIR)[0]?.text).toContain('3 released submissions have had no reply');
  });

  it('refuses an unknown receipt and bad settings in one line each, changing nothing', async () => {
    const before = await dumpTables(h.db.prisma);
    const refusals: [string, string, Actor | undefined][] = [
      ['feedback check ABCD-EFGH-JKMN-PQRS-TVWX', 'No submission has that receipt', MEMBERS[0]],
      [`network respond-within ${NET} 0`, 'a whole number from 1 to 60', undefined],
      [`network respond-within ${NET} 61`, 'a whole number from 1 to 60', undefined],
      [`network respond-within ${NET} ten`, 'a whole number from 1 to 60', undefined],
      [`network respond-within ${NET} 2.5`, 'a whole number from 1 to 60', undefined],
      [`network respond-within ${NET} 5 days`, 'a whole number from 1 to 60', undefined],
      [`network respond-within ${NET}`, 'a whole number from 1 to 60', undefined],
      ['network respond-within "Ethnic Minority Staff Netwrk" 5', 'Did you mean', undefined],
      [`network respond-within ${NET} 5`, 'Only admins', HR],
    ];
    for (const [command, expected, actor] of refusals) {
      const reply = await h.run(command, actor);
      expect(reply, command).toContain(expected);
      // One refusal line (a parse refusal is followed by the command's usage, as for every command).
      expect(
        reply.split('\n').filter((l) => l.startsWith('✗')),
        command,
      ).toHaveLength(1);
    }
    expect(await dumpTables(h.db.prisma)).toEqual(before);
    expect(await h.run('networks')).toContain('replies expected within 3 working days');
  });
});
