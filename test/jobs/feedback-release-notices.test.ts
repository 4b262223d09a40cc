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
import { ENGINES, TEST_FEEDBACK_SECRET } from '../support/test-database.ts';

type Sent = { platform: string; target: ChatTarget; text: string };

const as = (name: string): Actor => ({ platform: 'console', externalId: name, displayName: name });
const MEMBERS = ['amara', 'ben', 'chi'].map(as);
const CHAIR = as('chair');
const NET = '"Ethnic Minority Staff Network"';
const TEXTS = [
  'Shortlists keep coming back without anyone like me.',
  'The interview panel asked where I am really from.',
  'Leadership never mentions race in the all-staff call.',
];

describe.each(ENGINES)('owners told when feedback is released, on %s', (engine) => {
  let h: Harness;
  const sent: Sent[] = [];
  const sender = (platform: 'slack' | 'teams'): ChatSender => ({
    platform,
    async send(target, reply: Reply) {
      sent.push({ platform, target, text: renderText(reply) });
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
    settings: DEFAULT_SCHEDULE,
    catchUpMs: 0,
    digestTimeZone: 'Europe/London',
  });

  beforeAll(async () => {
    h = await createHarness(engine);
    await h.holdRole(
      { platform: 'slack', externalId: 'U0HR', displayName: 'Harper HR' },
      'Head of People Services',
    );
    await h.holdRole(
      { platform: 'slack', externalId: 'U0CEO', displayName: 'Chris Chief' },
      'Chief Executive',
    );
    await h.holdRole(
      { platform: 'teams', externalId: 'aad-comms', displayName: 'Casey Comms' },
      'Head of Communications',
    );
    expect(await h.run(`network create ${NET}`)).toContain('Created');
    expect(await h.run(`network members ${NET} add @amara @ben @chi`)).toContain('now has 3 people');
    expect(await h.run(`network moderators ${NET} add @chair`)).toContain('chair now moderates');
  });
  afterAll(() => h?.drop());

  it('sends one message per tagged owner, once across two replicas, with the count and never the text', async () => {
    // Monday: two on action 2.4, one on theme 1 (Leadership: 1.1 and 1.2); all approved.
    h.clock.set(new Date('2026-11-23T10:00:00Z'));
    const tags = ['2.4', '2.4', 'theme 1'];
    for (const [i, member] of MEMBERS.entries()) {
      const reply = await h.run(`feedback ${tags[i]} -- ${TEXTS[i]}`, member);
      const code = /as (F[A-Z0-9]{5})/.exec(reply)?.[1] ?? '';
      expect(await h.run(`moderate approve ${code}`, CHAIR)).toContain('Approved');
    }
    // Before the release time nothing is sent.
    h.clock.set(new Date('2026-11-23T16:59:00Z'));
    await runDueJobs(deps());
    expect(sent).toEqual([]);

    h.clock.set(new Date('2026-11-23T17:00:30Z'));
    const second = engine === 'postgres' ? await openDatabase(h.target) : null;
    try {
      const other = second ? createStore(second.prisma, { feedbackSecret: TEST_FEEDBACK_SECRET }) : h.store;
      await Promise.all([runDueJobs(deps()), runDueJobs(deps(other))]);
      await runDueJobs(deps(other));
    } finally {
      await second?.close();
    }
    h.clock.set(new Date('2026-11-23T17:05:00Z'));
    await runDueJobs(deps());

    const byTarget = new Map(sent.map((s) => [s.target.kind === 'person' ? s.target.externalId : '', s]));
    expect(sent).toHaveLength(3);
    expect([...byTarget.keys()].sort()).toEqual(['U0CEO', 'U0HR', 'aad-comms']);
    expect(sent.every((s) => s.target.kind === 'person')).toBe(true);
    expect(byTarget.get('U0HR')?.text).toContain(
      '2 anonymous submissions were released to you today by Ethnic Minority Staff Network: ARAP:2.4 (2).',
    );
    expect(byTarget.get('U0HR')?.text).toContain('feedback list ARAP:2.4');
    expect(byTarget.get('U0CEO')?.text).toContain('1 anonymous submission was released to you today');
    expect(byTarget.get('U0CEO')?.text).toMatch(/ARAP:1\.1 \(1\)/);
    expect(byTarget.get('aad-comms')?.text).toMatch(/ARAP:1\.2 \(1\)/);
    for (const s of sent) for (const text of TEXTS) expect(s.text).not.toContain(text.slice(0, 20));
  });

  it('tells nobody on a day nothing was released (fewer than K approved)', async () => {
    sent.length = 0;
    h.clock.set(new Date('2026-11-24T10:00:00Z'));
    const reply = await h.run(`feedback 2.4 -- ${TEXTS[0]} Again.`, MEMBERS[0]);
    const code = /as (F[A-Z0-9]{5})/.exec(reply)?.[1] ?? '';
    expect(await h.run(`moderate approve ${code}`, CHAIR)).toContain('Approved');
    h.clock.set(new Date('2026-11-24T17:01:00Z'));
    await runDueJobs(deps());
    await runDueJobs(deps());
    expect(sent).toEqual([]);
    expect((await h.store.networks.listNetworks())[0]?.lastReleaseOn).toBe('2026-11-24');
  });
});
