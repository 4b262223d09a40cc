import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/bot/render-text.ts';
import { dispatch } from '../../src/commands/dispatch.ts';
import type { Reply } from '../../src/commands/reply.ts';
import { composeDigest } from '../../src/commands/scheduled/digest.ts';
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

type Sent = { platform: string; target: ChatTarget; reply: Reply };

// 1 January, Good Friday and Easter Monday 2027, and a closure day on Friday 16 April.
const SETTINGS = {
  ...DEFAULT_SCHEDULE,
  bankHolidays: new Set(['2027-01-01', '2027-03-26', '2027-03-29', '2027-04-16']),
};
const ESCALATION = 'ARAP: updates missing after the deadline';
const CEO: Actor = { platform: 'slack', externalId: 'U0CEO', displayName: 'Chris Chief' };
const COMMS: Actor = { platform: 'teams', externalId: 'aad-comms', displayName: 'Casey Comms' };
const HR: Actor = { platform: 'slack', externalId: 'U0HR', displayName: 'Harper HR' };
const ERIN: Actor = { platform: 'slack', externalId: 'U0EDP', displayName: 'Erin Director' };
const DANA: Actor = { platform: 'teams', externalId: 'aad-dana', displayName: 'Dana Workforce' };

const heading = (reply: Reply) => reply.blocks.find((b) => b.type === 'heading')?.text ?? '';
const listed = (reply: Reply) =>
  reply.blocks.flatMap((b) => (b.type === 'actions' ? b.items.map((i) => i.ref) : []));

describe.each(ENGINES)('escalation to sponsors on %s', (engine) => {
  let h: Harness;
  const sent: Sent[] = [];
  const sender = (platform: 'slack' | 'teams'): ChatSender => ({
    platform,
    async send(target, reply) {
      sent.push({ platform, target, reply });
      return { messageId: String(sent.length) };
    },
  });
  const deps = (store: Store = h.store, catchUpHours = 24): SchedulerDeps => ({
    store,
    senders: new Map([
      ['slack', sender('slack')],
      ['teams', sender('teams')],
    ]),
    clock: h.clock,
    sleep: async (ms) => h.clock.set(new Date(h.clock.now().getTime() + ms)),
    logger: createLogger('error', () => {}),
    settings: SETTINGS,
    catchUpMs: catchUpHours * 3_600_000,
    digestTimeZone: 'Europe/London',
  });
  /** A command with the deployment's schedule settings (its bank holidays move the deadline). */
  const run = async (text: string, actor: Actor) =>
    renderText(
      await dispatch({ text, actor }, { store: h.store, clock: h.clock, admins: [], schedule: SETTINGS }),
    );
  const escalations = () => sent.filter((s) => heading(s.reply) === ESCALATION);
  /** Ticks at 09:30 local on each day from `first` to `last` (ISO dates): the days an escalation went. */
  async function tickDaily(first: string, last: string, store?: Store): Promise<string[]> {
    const days: string[] = [];
    for (
      let d = new Date(`${first}T12:00:00Z`);
      d <= new Date(`${last}T12:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1)
    ) {
      const day = d.toISOString().slice(0, 10);
      const summer = day >= '2027-03-28' && day < '2027-10-31';
      h.clock.set(new Date(`${day}T${summer ? '08' : '09'}:30:00Z`));
      const before = escalations().length;
      await runDueJobs(deps(store));
      if (escalations().length > before) days.push(day);
    }
    return days;
  }

  beforeAll(async () => {
    h = await createHarness(engine);
    expect(await h.run('sponsor ARAP new "Executive Director, People"')).toContain('nobody holds it yet');
    expect(await h.run('sponsor ARAP:1 new "Director of Leadership"')).toContain('now sponsors ARAP theme 1');
    expect(await h.run('sponsor ARAP:2 new "Director of Workforce"')).toContain('now sponsors ARAP theme 2');
    await h.holdRole(ERIN, 'Executive Director, People');
    await h.holdRole(ERIN, 'Director of Leadership'); // both: still ONE message
    await h.holdRole(DANA, 'Director of Workforce');
    // A deputy named by email alone, whom no platform finds: the digest says the escalation missed them.
    expect(await h.run('owner "Executive Director, People" deputy@council.example')).toContain('now holds');
    await h.holdRole(CEO, 'Chief Executive');
    await h.holdRole(COMMS, 'Head of Communications');
    await h.holdRole(HR, 'Head of People Services');
  });
  afterAll(async () => {
    await h?.drop();
  });

  it('Q1: one message per sponsor two working days after the deadline, listing what is still missing', async () => {
    h.clock.set(new Date('2027-01-11T10:00:00Z'));
    expect(await h.run('update 1.1 green on track', CEO)).toContain('Updated ARAP:1.1');
    // Opened Monday 4 January (1 January is a bank holiday); due by Monday 18 January; escalated Wednesday 20th.
    expect(await tickDaily('2027-01-15', '2027-01-26')).toEqual(['2027-01-20']);
    const byWho = new Map(escalations().map((s) => [JSON.stringify(s.target), s]));
    expect(escalations()).toHaveLength(2);
    const erin = byWho.get(JSON.stringify({ kind: 'person', externalId: 'U0EDP' }));
    const dana = byWho.get(JSON.stringify({ kind: 'person', externalId: 'aad-dana' }));
    expect(erin?.platform).toBe('slack');
    expect(listed(erin?.reply as Reply)).toEqual(['1.2', '2.4']); // 1.1 was updated; 2.5 is complete
    expect(dana?.platform).toBe('teams');
    expect(listed(dana?.reply as Reply)).toEqual(['2.4']); // theme 2's only
    const text = renderText(erin?.reply as Reply);
    expect(text).toContain('were due by 18 January 2027');
    expect(text).toContain('Executive Director, People; Director of Leadership, theme 1');
    expect(text).toContain('Head of Communications: Casey Comms');
    expect(text).toContain('Head of People Services: Harper HR');
    expect(erin?.reply.blocks.at(-1)).toEqual({
      type: 'command-button',
      label: 'Nudge the owners',
      command: 'nudge ARAP 18/01/2027',
    });
  });

  it('the digest says who it was escalated to and when', async () => {
    h.clock.set(new Date('2027-01-25T09:01:00Z'));
    const digest = renderText(await composeDigest(h.store, h.clock.now(), SETTINGS));
    expect(digest).toContain(
      'Escalated to Dana Workforce (Director of Workforce), Erin Director (Executive Director, People, Director of Leadership) on 20 January 2027 (updates due by 18 January 2027).',
    );
    expect(digest).toContain(
      'Escalation (updates due by 18 January 2027) could not reach deputy@council.example (Executive Director, People): no Slack or Teams account linked.',
    );
  });

  it('the nudge reminds each owner once, whoever presses and however often', async () => {
    h.clock.set(new Date('2027-01-21T10:00:00Z'));
    const first = await run('nudge ARAP 18/01/2027', DANA); // theme 2: Harper only
    expect(first).toContain('Reminding one owner of ARAP updates due by 18 January 2027: Harper HR.');
    const second = await run('nudge ARAP 18/01/2027', ERIN); // the whole plan
    expect(second).toContain('Reminding 2 owners');
    expect(second).toContain('Already reminded, not sent again: Harper HR.');
    expect(await run('nudge ARAP 18/01/2027', ERIN)).toContain(
      'Nothing sent: every owner was already reminded',
    );
    const before = sent.length;
    await runDueJobs(deps());
    const reminders = sent.slice(before).filter((s) => heading(s.reply).startsWith('Reminder from'));
    expect(reminders.map((s) => s.target.kind === 'person' && s.target.externalId).sort()).toEqual([
      'U0CEO',
      'U0HR',
      'aad-comms',
    ]);
    expect(renderText(reminders.find((r) => r.platform === 'teams')?.reply as Reply)).toContain(
      'Erin Director asks for your update',
    );
    await runDueJobs(deps());
    expect(sent.length).toBe(before + 3);
  });

  it('Q2: never on a weekend or bank holiday; once across two replicas', async () => {
    // Due by Thursday 15 April; Friday 16th is a closure day and then the weekend: escalated Tuesday 20th.
    const second = engine === 'postgres' ? await openDatabase(h.target) : null;
    const other = createStore(second?.prisma ?? h.db.prisma, { feedbackSecret: TEST_FEEDBACK_SECRET });
    try {
      expect(await tickDaily('2027-04-14', '2027-04-19')).toEqual([]);
      h.clock.set(new Date('2027-04-20T08:00:30Z'));
      const before = escalations().length;
      await Promise.all([runDueJobs(deps()), runDueJobs(deps(other)), runDueJobs(deps(other))]);
      expect(escalations().length - before).toBe(2);
      expect(await tickDaily('2027-04-20', '2027-04-23', other)).toEqual([]);
    } finally {
      await second?.close();
    }
  });

  it('Q3: caught up after downtime on the next working day, not on the weekend', async () => {
    expect(await h.run('escalation ARAP 1')).toContain('ARAP escalates 1 working day after a deadline');
    // Due by Thursday 15 July, escalated Friday 16th, while the service was down until Saturday.
    const before = escalations().length;
    h.clock.set(new Date('2027-07-17T07:30:00Z'));
    await runDueJobs(deps(h.store, 96));
    expect(escalations().length).toBe(before);
    h.clock.set(new Date('2027-07-19T08:30:00Z'));
    await runDueJobs(deps(h.store, 96));
    expect(escalations().length).toBe(before + 2);
  });

  it('Q4: nothing at all when every action was updated; and nothing when escalation is off', async () => {
    expect(await h.run('escalation ARAP 2')).toContain('sponsors hear of any missing on');
    h.clock.set(new Date('2027-10-12T10:00:00Z'));
    expect(await h.run('update 1.1 green', CEO)).toContain('Updated');
    expect(await h.run('update 1.2 amber waiting on design', COMMS)).toContain('Updated');
    expect(await h.run('update 2.4 green', HR)).toContain('Updated');
    // Due by Friday 15 October: the run on Tuesday 19th finds nothing to escalate.
    expect(await tickDaily('2027-10-14', '2027-10-22')).toEqual([]);
    expect(
      await h.db.prisma.jobRun.findUnique({ where: { key: 'escalation:ARAP:2027-10-15' } }),
    ).toMatchObject({
      finishedAt: expect.any(Date),
    });
    expect(await h.db.prisma.delivery.count({ where: { runKey: 'escalation:ARAP:2027-10-15' } })).toBe(0);
    // Q1 2028, escalation off: due by 17 January, nothing ever runs.
    expect(await h.run('escalation ARAP off')).toContain('ARAP escalation is off');
    expect(await tickDaily('2028-01-17', '2028-01-24')).toEqual([]);
    expect(await h.db.prisma.jobRun.count({ where: { key: { startsWith: 'escalation:ARAP:2028' } } })).toBe(
      0,
    );
  });
});
