import { composeDigest } from '../src/commands/scheduled/digest.ts';
import { createStore } from '../src/db/create-store.ts';
import { openDatabase } from '../src/db/database.ts';
import type { PlanFile } from '../src/domain/plan-file.ts';
import { DEFAULT_SCHEDULE } from '../src/domain/schedule.ts';
import { createServerDatabase, dropServerDatabase } from '../test/support/test-database.ts';
import { fmt } from './stats.ts';

const ACTIONS = 2_000;
const THEMES = 20;
const HISTORY = 100_000;
const WEEKLY_CHANGES = 300;
const RUNS = 5;

/**
 * The weekly digest for a plan of 2,000 actions with 100,000 historical updates, then with ten times
 * the history: time and memory. The baseline, in the same run, is loading the plan's actions alone
 * (what any digest must read); the digest should cost about the same at 10x history.
 */
export async function benchDigest(): Promise<string> {
  const target = await createServerDatabase();
  const db = await openDatabase(target);
  const store = createStore(db.prisma, { feedbackSecret: undefined });
  const now = new Date();
  try {
    await store.plans.importPlan(bigPlan(), null);
    const rows: string[] = [];
    for (const history of [HISTORY, HISTORY * 10]) {
      await seedHistory(db.prisma, history, now);
      const baseline = await timeIt(() => store.actions.findActions({}));
      const digest = await timeIt(() => composeDigest(store, now, DEFAULT_SCHEDULE));
      rows.push(
        `| ${history.toLocaleString('en-GB')} | ${fmt(baseline.ms)} | ${fmt(digest.ms)} | ${(digest.ms / baseline.ms).toFixed(2)}x | ${fmt(digest.heapMb)} |`,
      );
    }
    return [
      `### Weekly digest: ${ACTIONS.toLocaleString('en-GB')} actions, ${WEEKLY_CHANGES} updates this week, PostgreSQL`,
      '',
      `Median of ${RUNS} builds. Baseline: loading the plan's actions with their latest update (findActions).`,
      '',
      '| historical updates | baseline ms | digest ms | ratio to baseline | heap growth MB |',
      '| ---: | ---: | ---: | ---: | ---: |',
      ...rows,
    ].join('\n');
  } finally {
    await db.close();
    await dropServerDatabase(target.url);
  }
}

function bigPlan(): PlanFile {
  return {
    code: 'BIG',
    title: 'A large plan',
    timezone: 'Europe/London',
    updateCycle: 'quarterly',
    themes: Array.from({ length: THEMES }, (_, t) => ({
      ref: String(t + 1),
      title: `Theme ${t + 1}`,
      metrics: [],
      actions: Array.from({ length: ACTIONS / THEMES }, (_, a) => ({
        ref: `${t + 1}.${a + 1}`,
        title: `Action ${t + 1}.${a + 1}`,
        owners: [`Role ${(t * 7 + a) % 150}`],
        due: 'March 27',
        metrics: [],
      })),
    })),
  } as unknown as PlanFile;
}

/** Tops the history up to `total` updates: all older than a week but the last WEEKLY_CHANGES. */
async function seedHistory(
  prisma: Awaited<ReturnType<typeof openDatabase>>['prisma'],
  total: number,
  now: Date,
) {
  const have = await prisma.progressUpdate.count();
  const old = total - WEEKLY_CHANGES - have + (have > 0 ? WEEKLY_CHANGES : 0);
  await prisma.$executeRawUnsafe(
    `INSERT INTO progress_updates (id, action_id, source, old_status, new_status, note, created_at)
     SELECT gen_random_uuid(), a.id, 'console', 'AMBER', 'GREEN', 'Historical note ' || g,
            $1::timestamptz - interval '8 days' - (g % 700) * interval '1 day'
     FROM generate_series(1, $2::int) g
     JOIN (SELECT id, row_number() OVER () - 1 AS n FROM actions) a ON a.n = g % ${ACTIONS}`,
    now,
    old,
  );
  if (have === 0)
    await prisma.$executeRawUnsafe(
      `INSERT INTO progress_updates (id, action_id, source, old_status, new_status, note, created_at)
       SELECT gen_random_uuid(), a.id, 'console', 'GREEN', 'AMBER', 'This week ' || g, $1::timestamptz - (g % 6) * interval '1 day'
       FROM generate_series(1, ${WEEKLY_CHANGES}) g
       JOIN (SELECT id, row_number() OVER () - 1 AS n FROM actions) a ON a.n = g * 5`,
      now,
    );
  await prisma.$executeRawUnsafe('ANALYZE progress_updates');
}

async function timeIt(task: () => Promise<unknown>): Promise<{ ms: number; heapMb: number }> {
  await task(); // warm-up
  const times: number[] = [];
  let heapMb = 0;
  for (let i = 0; i < RUNS; i++) {
    globalThis.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
    heapMb = Math.max(heapMb, (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)] ?? Number.NaN, heapMb };
}
