import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { getClusterDir } from '../src/db/embedded-postgres.ts';
import { startFakeSlack } from '../test/support/fake-slack.ts';
import { createServerDatabase, dropServerDatabase } from '../test/support/test-database.ts';
import type { E2eJob, E2eResult } from './e2e-worker.ts';
import {
  type BenchProcess,
  buildOnce,
  type Memory,
  readMemory,
  readServerMemory,
  runInWorker,
  startProcess,
} from './processes.ts';
import { fmt, percentiles } from './stats.ts';

const SECRET = 'bench-signing-secret';
const IDLE_MS = 8_000;
const REFS = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '3.1', '3.2', '4.1', '4.2'];
const LOAD = { warmup: 200, total: 2_000, concurrency: 50 };

const FLOOR = 'bare Bolt + botbuilder + Prisma client imported';
const ARENAS = { MALLOC_ARENA_MAX: '2' };
const TUNED = 'MALLOC_ARENA_MAX=2';

type Row = { name: string; node: Memory; server?: Memory & { processes: number }; readyMs: number };

/**
 * Memory and start-up of real processes (idle 8 s after they answered), then the end-to-end latency
 * of signed `/action update` commands from request to the answer at response_url, against bare Bolt
 * apps started the same way in the same run.
 */
export async function benchLean(): Promise<string> {
  buildOnce();
  const fake = await startFakeSlack();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'actionbot-bench-'));
  fs.chmodSync(home, 0o755); // as root the embedded server runs as the postgres user, which must reach it
  const serverDb = await createServerDatabase();
  const bareDb = await createServerDatabase();
  const slackEnv = {
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    ACTIONBOT_ADMINS: 'slack:U0BENCH',
    ACTIONBOT_SCHEDULES: 'false',
    LOG_LEVEL: 'warn',
  };
  const bare = { SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl };
  const rows: Row[] = [];
  const loads: { name: string; result: E2eResult; peak: number }[] = [];
  const running: BenchProcess[] = [];
  const measure = async (name: string, proc: BenchProcess, clusterDir?: string) => {
    await new Promise((r) => setTimeout(r, IDLE_MS));
    const pid = proc.child.pid as number;
    rows.push({
      name,
      node: readMemory(pid),
      readyMs: proc.readyMs,
      ...(clusterDir ? { server: readServerMemory(clusterDir) } : {}),
    });
  };
  const load = async (name: string, proc: BenchProcess) => {
    const result = await runE2e(`http://127.0.0.1:${proc.port}/slack/events`);
    loads.push({ name, result, peak: readMemory(proc.child.pid as number).peak });
  };
  try {
    const boltOnly = await startProcess('bench/bare/bare-bolt.mjs', bare, 'stderr');
    running.push(boltOnly);
    await measure('bare Bolt app (one command, acks)', boltOnly);
    const withImports = await startProcess(
      'bench/bare/bare-bolt.mjs',
      { ...bare, BARE_IMPORTS: '1' },
      'stderr',
    );
    await measure('bare Bolt + botbuilder + Prisma client imported', withImports);
    await withImports.stop();
    // The server database's first start (migrations, demo plan) is not measured: both rows below are later starts.
    await (await startProcess('dist/main.js', { ...slackEnv, DATABASE_URL: serverDb.url }, 'readyz')).stop();
    // deploy/actionbot.service sets MALLOC_ARENA_MAX=2 (see BENCHMARKS.md): both measured with it too.
    for (const [name, entry, env, readiness] of [
      [FLOOR, 'bench/bare/bare-bolt.mjs', { ...bare, BARE_IMPORTS: '1' }, 'stderr'],
      [
        'Actionbot on PostgreSQL (server), node process',
        'dist/main.js',
        { ...slackEnv, DATABASE_URL: serverDb.url },
        'readyz',
      ],
    ] as const) {
      const tuned = await startProcess(entry, { ...env, ...ARENAS }, readiness);
      await measure(`${name}, ${TUNED}`, tuned);
      await tuned.stop();
    }
    const boltPg = await startProcess(
      'bench/bare/bare-bolt.mjs',
      { ...bare, BARE_INSERT: bareDb.url },
      'stderr',
    );
    running.push(boltPg);
    const onServer = await startProcess(
      'dist/main.js',
      { ...slackEnv, DATABASE_URL: serverDb.url },
      'readyz',
    );
    running.push(onServer);
    await measure('Actionbot on PostgreSQL (server), node process', onServer);
    for (const engine of ['postgres', 'pglite'] as const) {
      const dataDir = path.join(home, engine);
      const env = { ...slackEnv, ACTIONBOT_DATA_DIR: dataDir, ACTIONBOT_EMBEDDED_DATABASE: engine };
      const label = engine === 'postgres' ? 'embedded PostgreSQL' : 'PGlite';
      const cluster = engine === 'postgres' ? getClusterDir(dataDir) : undefined;
      const first = await startProcess('dist/main.js', env, 'readyz');
      await measure(`Actionbot on ${label}, first start (migrations + demo plan)`, first, cluster);
      await first.stop();
      const later = await startProcess('dist/main.js', env, 'readyz');
      running.push(later);
      await measure(`Actionbot on ${label}, later start`, later, cluster);
    }
    process.stderr.write(`${renderMemory(rows)}\n\n`); // printed at once: the load below takes minutes
    await load('bare Bolt: ack, one INSERT with pg, respond', boltPg);
    process.stderr.write(`${renderLoad(loads)}\n\n`);
    for (const proc of running.slice(2)) {
      const name = rows.find((r) => r.readyMs === proc.readyMs)?.name ?? '';
      await load(name.replace(', later start', '').replace(', node process', ''), proc);
    }
    const acks = await runE2eAckOnly(`http://127.0.0.1:${boltOnly.port}/slack/events`);
    loads.unshift({
      name: 'bare Bolt app (ack only)',
      result: acks,
      peak: readMemory(boltOnly.child.pid as number).peak,
    });
  } finally {
    for (const proc of running) await proc.stop();
    await fake.close();
    await dropServerDatabase(serverDb.url);
    await dropServerDatabase(bareDb.url);
    fs.rmSync(home, { recursive: true, force: true });
  }
  return [renderMemory(rows), renderLoad(loads)].join('\n\n');
}

/** The Slack end-to-end load against a server's /slack/events. */
export const slackE2eJob = (url: string): E2eJob => ({ url, secret: SECRET, refs: REFS, ...LOAD });

async function runE2e(url: string): Promise<E2eResult> {
  const job = slackE2eJob(url);
  return runInWorker<E2eResult>('./e2e-worker.ts', job);
}

// The ack-only app never answers at response_url: only its acks are timed (the slack-ack load worker).
async function runE2eAckOnly(url: string): Promise<E2eResult> {
  const job = { url, secret: SECRET, responseUrl: 'http://127.0.0.1:9/', refs: REFS, ...LOAD };
  const worker = new Worker(new URL('./load-worker-entry.mjs', import.meta.url), { workerData: job });
  const started = performance.now();
  const ack = await new Promise<number[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  return { ack, answer: [], seconds: (performance.now() - started) / 1000, unacked: 0, unanswered: 0 };
}

function renderMemory(rows: Row[]): string {
  // Each process against the floor measured in the same environment.
  const floorOf = (r: Row) =>
    rows.find((f) => f.name === (r.name.endsWith(TUNED) ? `${FLOOR}, ${TUNED}` : FLOOR))?.node.rss ??
    Number.NaN;
  const normal = (name: string) =>
    rows.find((r) => r.name === name.replace('first start (migrations + demo plan)', 'later start'));
  return [
    `### Memory and start-up: real processes (\`node dist/main.js\`, the bare apps \`node bench/bare/*.mjs\`), idle ${IDLE_MS / 1000} s after they answered`,
    '',
    '| process | node RSS MB | node PSS MB | node peak RSS MB | DB server PSS MB (processes) | total PSS MB | RSS ratio to Bolt + imports | peak ratio to later start | ready ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => {
      const base = normal(r.name);
      const peakRatio =
        r.name.includes('first start') && base ? `${(r.node.peak / base.node.peak).toFixed(2)}x` : '–';
      const server = r.server ? `${r.server.pss.toFixed(0)} (${r.server.processes})` : '–';
      return `| ${r.name} | ${r.node.rss.toFixed(0)} | ${r.node.pss.toFixed(0)} | ${r.node.peak.toFixed(0)} | ${server} | ${(r.node.pss + (r.server?.pss ?? 0)).toFixed(0)} | ${(r.node.rss / floorOf(r)).toFixed(2)}x | ${peakRatio} | ${r.name.startsWith('bare') ? '–' : r.readyMs.toFixed(0)} |`;
    }),
  ].join('\n');
}

function renderLoad(loads: { name: string; result: E2eResult; peak: number }[]): string {
  const ackBase = percentiles(loads[0]?.result.ack ?? []).p99;
  const e2eBase = percentiles(loads[1]?.result.answer ?? []).p99;
  return [
    `### End to end: ${LOAD.total} signed \`/action update <ref> green <note>\`, ${LOAD.concurrency} concurrent (after ${LOAD.warmup} warm-up), request to answer at response_url`,
    '',
    '| server | answer p50 ms | p95 | p99 | p99 ratio to bare Bolt + pg | updates/s | ack p99 ms | ack p99 ratio to bare Bolt | not acked in 3 s / no answer in 15 s | peak RSS MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...loads.map(({ name, result, peak }) => {
      const a = percentiles(result.answer);
      const k = percentiles(result.ack);
      const answered = result.answer.length > 0;
      return `| ${name} | ${answered ? fmt(a.p50) : '–'} | ${answered ? fmt(a.p95) : '–'} | ${answered ? fmt(a.p99) : '–'} | ${answered ? `${(a.p99 / e2eBase).toFixed(2)}x` : '–'} | ${answered ? (LOAD.total / result.seconds).toFixed(0) : '–'} | ${fmt(k.p99)} | ${(k.p99 / ackBase).toFixed(2)}x | ${result.unacked} / ${result.unanswered} | ${peak.toFixed(0)} |`;
    }),
  ].join('\n');
}
