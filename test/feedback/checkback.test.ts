import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/bot/render-text.ts';
import type { Reply } from '../../src/commands/reply.ts';
import { composeDigest } from '../../src/commands/scheduled/digest.ts';
import { createStore } from '../../src/db/create-store.ts';
import { openDatabase } from '../../src/db/database.ts';
import type { ChatSender, ChatTarget } from '../../src/domain/chat-sender.ts';
import type { Actor } from '../../src/domain/person.ts';
import type { Store } from '../../src/domain/ports.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule.ts';
import { releaseFeedback } from '../../src/jobs/release-feedback.ts';
import { runDueJobs, type SchedulerDeps } from '../../src/jobs/scheduler.ts';
import { createLogger } from '../../src/logger.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ENGINES, TEST_FEEDBACK_SECRET } from '../support/test-database.ts';

/*
 * Issue 16 item 3: the network asked before Complete counts. Members on the admin-kept list answer by
 * command (console); the asks go to the members a platform lists (here a hand-made sender standing in
 * for the linked channel; the real Slack and Teams front doors are in checkback-slack/teams tests).
 */

const as = (name: string): Actor => ({ platform: 'console', externalId: name, displayName: name });
const MEMBERS = ['amara', 'ben', 'chi', 'dana'].map(as);
const [AMARA, BEN, CHI, DANA] = MEMBERS as [Actor, Actor, Actor, Actor];
const CHAIR = as('chair');
const OWNER = as('owner'); // Head of People Services: 2.4 and 2.5
const NET = '"Ethnic Minority Staff Network"';
const CHANNEL_MEMBERS = ['U0ASKA', 'U0ASKB', 'U0ASKC'];

describe.each(ENGINES)('the network asked before Complete counts, on %s', (engine) => {
  let h: Harness;
  const sent: { target: ChatTarget; text: string; reply: Reply }[] = [];
  const sender: ChatSender = {
    platform: 'slack',
    async send(target, reply) {
      sent.push({ target, text: renderText(reply), reply });
      return { messageId: String(sent.length) };
    },
    async listNetworkMembers() {
      return CHANNEL_MEMBERS;
    },
  };
  const deps = (store: Store = h.store): SchedulerDeps => ({
    store,
    senders: new Map([['slack', sender]]),
    clock: h.clock,
    sleep: async (ms) => h.clock.set(new Date(h.clock.now().getTime() + ms)),
    logger: createLogger('error', () => {}),
    settings: DEFAULT_SCHEDULE,
    catchUpMs: 0,
    digestTimeZone: 'Europe/London',
  });
  const tallies = () => h.db.prisma.checkbackTally.findMany({ orderBy: { networkId: 'asc' } });

  beforeAll(async () => {
    h = await createHarness(engine);
    expect(await h.run(`network create ${NET}`)).toContain('Created');
    expect(await h.run(`network members ${NET} add @amara @ben @chi @dana`)).toContain('now has 4 people');
    expect(await h.run(`network moderators ${NET} add @chair`)).toContain('chair now moderates');
    await h.run('owner "Head of People Services" @owner');
    // Monday: three submissions on 2.4, approved and released at 17:00.
    h.clock.set(new Date('2026-11-23T10:00:00Z'));
    for (const member of MEMBERS.slice(0, 3)) {
      const reply = await h.run('feedback 2.4 -- The shortlist data is never shared with us.', member);
      const code = /as (F[A-Z0-9]{5})/.exec(reply)?.[1] ?? '';
      expect(await h.run(`moderate approve ${code}`, CHAIR)).toContain('Approved');
    }
    h.clock.set(new Date('2026-11-23T17:01:00Z'));
    expect(await releaseFeedback({ store: h.store, clock: h.clock })).toEqual([
      { network: 'Ethnic Minority Staff Network', released: 3 },
    ]);
    await runDueJobs(deps()); // the release notices
    sent.length = 0;
  });
  afterAll(() => h?.drop());

  it('asks nobody when an action with no released feedback tagged to it is marked Complete', async () => {
    h.clock.set(new Date('2026-11-24T09:00:00Z'));
    const reply = await h.run('update 2.5 green Reopened for the new panel guidance', OWNER);
    expect(reply).toContain('Complete → Green');
    expect(await h.run('update 2.5 complete Panels now have two trained members', OWNER)).not.toContain(
      'will be asked',
    );
    await runDueJobs(deps());
    expect(sent).toEqual([]);
    expect(await tallies()).toEqual([]);
    expect(await h.store.jobRuns.listOpenRuns('checkback:', h.clock.now())).toEqual([]);
  });

  it('asks each member once when it is marked Complete: not across two replicas, not on a second Complete', async () => {
    h.clock.set(new Date('2026-11-24T10:00:00Z'));
    expect(await h.run('update 2.4 complete Data published on the intranet', OWNER)).toContain(
      'Ethnic Minority Staff Network will be asked, anonymously',
    );
    const second = engine === 'postgres' ? await openDatabase(h.target) : null;
    try {
      const other = second ? createStore(second.prisma, { feedbackSecret: TEST_FEEDBACK_SECRET }) : h.store;
      await Promise.all([runDueJobs(deps()), runDueJobs(deps(other))]);
      await runDueJobs(deps(other));
    } finally {
      await second?.close();
    }
    expect(
      sent.map((s) => s.target).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual(CHANNEL_MEMBERS.map((externalId) => ({ kind: 'member', externalId })));
    expect(sent[0]?.text).toContain('Has this changed things for you?');
    expect(sent[0]?.text).toContain('checkback ARAP:2.4 yes | checkback ARAP:2.4 partly');
    // Reopened and completed again: nobody is asked twice.
    h.clock.set(new Date('2026-11-24T11:00:00Z'));
    await h.run('update 2.4 green Reopened: one table was missing', OWNER);
    expect(await h.run('update 2.4 complete The missing table is published', OWNER)).not.toContain(
      'will be asked',
    );
    await runDueJobs(deps());
    expect(sent).toHaveLength(3);
    // Who was asked is not in the database: the outbox keeps members sealed, under keyed hashes.
    const rows = JSON.stringify(await h.db.prisma.delivery.findMany());
    for (const id of CHANNEL_MEMBERS) expect(rows).not.toContain(id.slice(1));
  });

  it('counts a member’s answer once; a second answer and a non-member’s answer get one line and change nothing', async () => {
    expect(await h.run('checkback 2.4 yes', AMARA)).toContain(
      'Counted anonymously for Ethnic Minority Staff Network: "Yes" on ARAP:2.4',
    );
    const before = { snapshot: await h.snapshot(), tallies: await tallies() };
    const again = await h.run('checkback ARAP:2.4 no', AMARA);
    expect(again).toBe('✗ You have already answered about ARAP:2.4: one answer each. Nothing was changed.');
    const stranger = await h.run('checkback 2.4 yes', as('zed'));
    expect(stranger).toBe(
      '✗ Only members of the staff network asked about ARAP:2.4 can answer. Nothing was recorded.',
    );
    expect(await h.run('checkback 2.5 yes', BEN)).toBe(
      '✗ No staff network has been asked about ARAP:2.5. Nothing was recorded.',
    );
    expect(await h.run('checkback 2.4 maybe', BEN)).toContain('Answer yes, partly, no or dont-know');
    expect({ snapshot: await h.snapshot(), tallies: await tallies() }).toEqual(before);
  });

  it('shows results in show, the digest and the report only once K answered, never who', async () => {
    const hidden = await h.run('show 2.4', OWNER);
    expect(hidden).toContain('results show once 3 have answered');
    expect(hidden).not.toMatch(/Yes \d/);
    const digest = (at: Date) => composeDigest(h.store, at, DEFAULT_SCHEDULE).then(renderText);
    expect(await digest(h.clock.now())).not.toMatch(/Yes \d/);
    expect(await h.run('checkback 2.4 partly', BEN)).toContain('Counted');
    expect(await h.run('checkback 2.4 dontknow', CHI)).toContain('Counted');
    const shown = await h.run('show 2.4', OWNER);
    const line = `Ethnic Minority Staff Network, asked "Has this changed things for you?": Yes 1, Partly 1, No 0, Don't know 1 (3 answered).`;
    expect(shown).toContain(line);
    expect(await digest(h.clock.now())).toContain(`ARAP:2.4: ${line}`);
    const report = await h.reply('report plan ARAP md', OWNER);
    const file = report.blocks.find((b) => b.type === 'file');
    expect(file && 'content' in file ? file.content : '').toContain(`- 2.4: ${line}`);
    for (const text of [shown, await digest(h.clock.now())]) expect(text).not.toMatch(/amara|ben\b|chi\b/);
  });

  it('sends a comment through moderation like feedback, with a receipt; identifying text is warned about', async () => {
    const before = { snapshot: await h.snapshot(), tallies: await tallies() };
    const warned = await h.run('checkback 2.4 no -- Mr Hargreaves still ignores the data.', DANA);
    expect(warned).toContain(
      'Your comment could identify someone: "Mr Hargreaves" (name). Nothing was recorded.',
    );
    expect({ snapshot: await h.snapshot(), tallies: await tallies() }).toEqual(before);
    const reply = await h.run(
      'checkback 2.4 no -- The data is out but nothing changed in shortlisting.',
      DANA,
    );
    expect(reply).toContain('Counted anonymously');
    const code = /Your comment is (F[A-Z0-9]{5})/.exec(reply)?.[1] ?? '';
    const receipt = /receipt for the comment: ([A-Z0-9-]{23})/.exec(reply)?.[1] ?? '';
    expect(code).not.toBe('');
    expect(await h.run('moderate', CHAIR)).toContain('The data is out but nothing changed in shortlisting.');
    expect(await h.run(`feedback check ${receipt}`, DANA)).toMatch(/waiting for a moderator|pending/i);
    expect(await h.run(`moderate approve ${code}`, CHAIR)).toContain('Approved');
    expect(await h.db.prisma.feedback.count({ where: { code } })).toBe(0); // sealed until the release
    expect(await h.run('show 2.4', OWNER)).toContain("No 1, Don't know 1 (4 answered)");
  });
});
