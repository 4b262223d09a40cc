import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/bot/render-text.ts';
import type { ChatSender, ChatTarget } from '../../src/domain/chat-sender.ts';
import type { Actor } from '../../src/domain/person.ts';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule.ts';
import { releaseFeedback } from '../../src/jobs/release-feedback.ts';
import { runDueJobs, type SchedulerDeps } from '../../src/jobs/scheduler.ts';
import { createLogger } from '../../src/logger.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ENGINES } from '../support/test-database.ts';

/*
 * A Complete is recorded and the process stops before `update` opens its check-back (two writes):
 * the next tick opens it, so the network is still asked, once. A Complete with nothing released
 * tagged to it opens nothing.
 */

const as = (name: string): Actor => ({ platform: 'console', externalId: name, displayName: name });
const CHAIR = as('chair');
const OWNER = as('owner'); // Head of People Services: 2.4 and 2.5
const NET = '"Ethnic Minority Staff Network"';
const CHANNEL_MEMBERS = ['U0CRASHA', 'U0CRASHB'];

describe.each(ENGINES)('a check-back left unopened by a crash, on %s', (engine) => {
  let h: Harness;
  const sent: { target: ChatTarget; text: string }[] = [];
  const sender: ChatSender = {
    platform: 'slack',
    async send(target, reply) {
      sent.push({ target, text: renderText(reply) });
      return { messageId: String(sent.length) };
    },
    async listNetworkMembers() {
      return CHANNEL_MEMBERS;
    },
  };
  const deps = (): SchedulerDeps => ({
    store: h.store,
    senders: new Map([['slack', sender]]),
    clock: h.clock,
    sleep: async (ms) => h.clock.set(new Date(h.clock.now().getTime() + ms)),
    logger: createLogger('error', () => {}),
    settings: DEFAULT_SCHEDULE,
    catchUpMs: 0,
    digestTimeZone: 'Europe/London',
  });

  /** Records a Complete as `update` does, without the check-back `update` opens after it. */
  async function completeThenCrash(ref: string) {
    const [action] = await h.store.actions.findActionsByRef(ref, null);
    const owner = await h.store.people.ensurePerson(OWNER);
    expect(
      await h.store.actions.recordUpdate({
        actionId: action?.id ?? '',
        authorId: owner.id,
        source: 'console',
        expectedStatus: action?.status ?? 'NOT_RATED',
        newStatus: 'COMPLETE',
        note: 'Done',
        at: h.clock.now(),
      }),
    ).toBe('recorded');
  }

  beforeAll(async () => {
    h = await createHarness(engine);
    expect(await h.run(`network create ${NET}`)).toContain('Created');
    expect(await h.run(`network members ${NET} add @amara @ben @chi`)).toContain('now has 3 people');
    expect(await h.run(`network moderators ${NET} add @chair`)).toContain('chair now moderates');
    await h.run('owner "Head of People Services" @owner');
    h.clock.set(new Date('2026-11-23T10:00:00Z'));
    for (const member of ['amara', 'ben', 'chi'].map(as)) {
      const reply = await h.run('feedback 2.4 -- The shortlist data is never shared with us.', member);
      const code = /as (F[A-Z0-9]{5})/.exec(reply)?.[1] ?? '';
      expect(await h.run(`moderate approve ${code}`, CHAIR)).toContain('Approved');
    }
    h.clock.set(new Date('2026-11-23T17:01:00Z'));
    expect(await releaseFeedback({ store: h.store, clock: h.clock })).toHaveLength(1);
    await runDueJobs(deps()); // the release notices
    sent.length = 0;
  });
  afterAll(() => h?.drop());

  it('opens the check-back on the next tick and asks each member once', async () => {
    h.clock.set(new Date('2026-11-24T10:00:00Z'));
    await completeThenCrash('2.5'); // nothing released is tagged to 2.5
    await completeThenCrash('2.4');
    expect(await h.db.prisma.checkbackTally.count()).toBe(0);
    h.clock.set(new Date('2026-11-24T10:00:20Z'));
    await runDueJobs(deps());
    await runDueJobs(deps());
    const targets = sent.map((s) => s.target as { kind: string; externalId: string });
    expect(targets.sort((a, b) => a.externalId.localeCompare(b.externalId))).toEqual(
      CHANNEL_MEMBERS.map((externalId) => ({ kind: 'member', externalId })),
    );
    expect(sent[0]?.text).toContain('checkback ARAP:2.4 yes');
    const tallies = await h.db.prisma.checkbackTally.findMany({ select: { askedOn: true } });
    expect(tallies.map((t) => t.askedOn.toISOString().slice(0, 10))).toEqual(['2026-11-24']);
  });

  it('does not open it again on a later tick', async () => {
    h.clock.set(new Date('2026-12-02T10:00:00Z'));
    await runDueJobs(deps());
    expect(sent).toHaveLength(CHANNEL_MEMBERS.length);
    expect(await h.db.prisma.checkbackTally.count()).toBe(1);
  });
});
