import { createSlackFrontDoor } from '../src/bot/slack/slack-front-door.ts';
import { composeCyclePrompts } from '../src/commands/scheduled/prompts.ts';
import { createStore } from '../src/db/create-store.ts';
import { openDatabase } from '../src/db/database.ts';
import type { PlanFile } from '../src/domain/plan-file.ts';
import { DEFAULT_SCHEDULE } from '../src/domain/schedule.ts';
import { runSlot } from '../src/jobs/run-slot.ts';
import { createLogger } from '../src/logger.ts';
import { type FakeSlackLimits, startFakeSlack } from '../test/support/fake-slack.ts';
import { createServerDatabase, dropServerDatabase } from '../test/support/test-database.ts';

const OWNERS = 2_000;
const LIMITS: FakeSlackLimits = { perSecond: 100, burst: 20, failEvery: 97 };

/**
 * A cycle opening that prompts 2,000 owners (one action each) through the real Slack sender against a
 * fake Slack that enforces a workspace budget (100 messages/s, bursts of 20), 1 message/s per
 * conversation, answers 429 with Retry-After past them, and fails every 97th call with a 500. The
 * floor is the time the budget itself needs; the same fan-out with no limits is measured as well.
 */
export async function benchFanout(): Promise<string> {
  const target = await createServerDatabase();
  const db = await openDatabase(target);
  const store = createStore(db.prisma, { feedbackSecret: undefined });
  const now = new Date();
  const rows: string[] = [];
  try {
    await store.plans.importPlan(plan(), null);
    await seedOwners(db.prisma);
    for (const limits of [undefined, LIMITS]) {
      const fake = await startFakeSlack(limits);
      const quiet = createLogger('error', () => {});
      const door = createSlackFrontDoor(
        {
          botToken: 'xoxb-bench',
          signingSecret: 'bench-signing-secret',
          appToken: undefined,
          apiUrl: fake.apiUrl,
        },
        { store, clock: { now: () => new Date() }, admins: [], logger: quiet },
      );
      const key = `cycle:FAN:${limits ? 'limited' : 'free'}`;
      const start = performance.now();
      await runSlot(key, () => composeCyclePrompts(store, 'FAN', now, DEFAULT_SCHEDULE, ['slack']), {
        outbox: store.outbox,
        jobRuns: store.jobRuns,
        senders: new Map([['slack', door.sender ?? fail()]]),
        clock: { now: () => new Date() },
        logger: quiet,
        pacing: limits ? new Map([['slack', limits.perSecond]]) : undefined,
      });
      const seconds = (performance.now() - start) / 1000;
      const perChannel = new Map<string, number>();
      for (const channel of fake.posted) perChannel.set(channel, (perChannel.get(channel) ?? 0) + 1);
      const duplicates = [...perChannel.values()].filter((n) => n > 1).length;
      const lost = OWNERS - perChannel.size;
      const floor = limits ? (OWNERS - limits.burst) / limits.perSecond : Number.NaN;
      const r429 = fake.calls.filter((c) => c.method === 'chat.postMessage').length - fake.posted.length;
      rows.push(
        `| ${limits ? `${limits.perSecond}/s, burst ${limits.burst}, 1/s per conversation, 500 every ${limits.failEvery}th call` : 'none'} | ${seconds.toFixed(1)} | ${limits ? floor.toFixed(1) : '–'} | ${limits ? `${(seconds / floor).toFixed(2)}x` : '–'} | ${r429} | ${lost} | ${duplicates} |`,
      );
      await fake.close();
    }
  } finally {
    await db.close();
    await dropServerDatabase(target.url);
  }
  return [
    `### Prompt fan-out: ${OWNERS.toLocaleString('en-GB')} owners, one Slack direct message each, PostgreSQL`,
    '',
    '| fake Slack limits | seconds | rate-limit floor s | ratio to floor | refused posts (429/500) | lost | duplicates |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

function fail(): never {
  throw new Error('the Slack front door has no sender');
}

function plan(): PlanFile {
  return {
    code: 'FAN',
    title: 'Fan-out',
    timezone: 'Europe/London',
    updateCycle: 'quarterly',
    themes: [
      {
        ref: '1',
        title: 'Everyone',
        metrics: [],
        actions: Array.from({ length: OWNERS }, (_, i) => ({
          ref: `1.${i + 1}`,
          title: `Action ${i + 1}`,
          owners: [`Owner ${i + 1}`],
          metrics: [],
        })),
      },
    ],
  } as unknown as PlanFile;
}

/** One person per role, each with a Slack identity. */
async function seedOwners(prisma: Awaited<ReturnType<typeof openDatabase>>['prisma']) {
  await prisma.$executeRawUnsafe(`
    WITH owners AS (
      SELECT r.id AS role_id, gen_random_uuid() AS person_id, substring(r.key from 7) AS n
      FROM roles r WHERE r.key LIKE 'owner %'
    ), people_rows AS (
      INSERT INTO people (id, display_name) SELECT person_id, 'Owner ' || n FROM owners RETURNING id
    ), identity_rows AS (
      INSERT INTO identities (id, person_id, platform, external_id)
      SELECT gen_random_uuid(), person_id, 'slack', 'U' || lpad(n, 6, '0') FROM owners RETURNING id
    )
    INSERT INTO role_holders (role_id, person_id) SELECT role_id, person_id FROM owners`);
}
