import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServerDatabase, dropServerDatabase } from '../test/support/test-database.ts';
import type { E2eResult } from './e2e-worker.ts';
import { type BenchProcess, buildOnce, readMemory, runInWorker, startProcess } from './processes.ts';
import { fmt, percentiles } from './stats.ts';
import type { TeamsJob } from './teams-worker.ts';

const REFS = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '3.1', '3.2', '4.1', '4.2'];
const PEOPLE = 200;
const LOAD = { warmup: 200, total: 2_000, concurrency: 50 };

/** The people the bench's messages come from (their AAD object ids are Actionbot's admins). */
const benchPerson = (k: number) => ({
  id: `29:bench-${k}`,
  name: `Bench Person ${k}`,
  aadObjectId: `aad-bench-${k}`,
  email: `bench-${k}@example.org`,
});
const people = Array.from({ length: PEOPLE }, (_, k) => benchPerson(k));

/** Actionbot's environment for the Teams bench: the emulator's unauthenticated mode, the people as admins. */
export const teamsEnv = {
  TEAMS_EMULATOR: 'true',
  ACTIONBOT_ADMINS: people.map((p) => `teams:${p.aadObjectId}`).join(','),
  ACTIONBOT_SCHEDULES: 'false',
  LOG_LEVEL: 'warn',
};

/** The Teams load against a server on this port; every reply must contain `expect`. */
export const teamsJob = (port: number, expect: string): TeamsJob => ({
  url: `http://127.0.0.1:${port}/api/messages`,
  people,
  expect,
  refs: REFS,
  ...LOAD,
});

type TeamsResult = E2eResult & { violations: number; wrong: number };
type Loaded = { name: string; result: TeamsResult; peak: number };

/**
 * End-to-end latency of a Teams message: `update <ref> green <note>` typed in personal chats, through
 * the real CloudAdapter of the built Actionbot (`node dist/main.js`, TEAMS_EMULATOR: no tokens), from
 * the request to the reply's arrival at the fake connector, against a bare CloudAdapter echo bot
 * started the same way in the same run.
 */
export async function benchTeams(): Promise<string> {
  buildOnce();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'actionbot-teams-bench-'));
  fs.chmodSync(home, 0o755); // as root the embedded server runs as the postgres user, which must reach it
  const serverDb = await createServerDatabase();
  const loads: Loaded[] = [];
  const running: BenchProcess[] = [];
  const load = async (name: string, proc: BenchProcess, expect = 'Updated') => {
    const result = await runInWorker<TeamsResult>('./teams-worker.ts', teamsJob(proc.port, expect));
    loads.push({ name, result, peak: readMemory(proc.child.pid as number).peak });
  };
  try {
    const echo = await startProcess('bench/bare/bare-teams.mjs', {}, 'stderr');
    running.push(echo);
    await load('bare CloudAdapter echo bot', echo, 'echo: update');
    const onServer = await startProcess(
      'dist/main.js',
      { ...teamsEnv, DATABASE_URL: serverDb.url },
      'readyz',
    );
    running.push(onServer);
    await load('Actionbot on PostgreSQL (server)', onServer);
    const embedded = await startProcess(
      'dist/main.js',
      { ...teamsEnv, ACTIONBOT_DATA_DIR: path.join(home, 'data') },
      'readyz',
    );
    running.push(embedded);
    await load('Actionbot on embedded PostgreSQL', embedded);
  } finally {
    for (const proc of running) await proc.stop();
    await dropServerDatabase(serverDb.url);
    fs.rmSync(home, { recursive: true, force: true });
  }
  return renderTeams(loads);
}

function renderTeams(loads: Loaded[]): string {
  const base = percentiles(loads[0]?.result.answer ?? []).p99;
  const ackBase = percentiles(loads[0]?.result.ack ?? []).p99;
  return [
    `### Teams end to end: ${LOAD.total} \`update <ref> green <note>\` typed in ${PEOPLE} personal chats, ${LOAD.concurrency} concurrent (after ${LOAD.warmup} warm-up), request to the reply at the connector`,
    '',
    '| server | reply p50 ms | p95 | p99 | p99 ratio to the echo bot | updates/s | HTTP 200 p99 ms | ratio | not 200 / no reply / wrong reply / refused by the connector | peak RSS MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...loads.map(({ name, result, peak }) => {
      const a = percentiles(result.answer);
      const k = percentiles(result.ack);
      return `| ${name} | ${fmt(a.p50)} | ${fmt(a.p95)} | ${fmt(a.p99)} | ${(a.p99 / base).toFixed(2)}x | ${(LOAD.total / result.seconds).toFixed(0)} | ${fmt(k.p99)} | ${(k.p99 / ackBase).toFixed(2)}x | ${result.unacked} / ${result.unanswered} / ${result.wrong} / ${result.violations} | ${peak.toFixed(0)} |`;
    }),
  ].join('\n');
}
