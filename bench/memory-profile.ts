import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeSlack } from '../test/support/fake-slack.ts';
import { ROOT } from '../test/support/run-bot.ts';
import { createServerDatabase, dropServerDatabase } from '../test/support/test-database.ts';
import { benchIdleRss } from './idle-rss.ts';
import { type BenchProcess, buildOnce, readMemory, startProcess } from './processes.ts';

const IDLE_MS = 8_000;
const MB = 1024 * 1024;

/** What a process's memory is made of, from /proc and from inside it (bench/memory-report.mjs). */
export type MemoryReport = {
  name: string;
  rss: number;
  usage: NodeJS.MemoryUsage;
  spaces: { name: string; used: number; size: number }[];
  cjs: string[];
};

/**
 * Where the memory goes: the built Actionbot on PostgreSQL (Slack, schedules off) against the floor
 * (bare Bolt + botbuilder + Prisma client imported), idle 8 s after start, each with the in-process
 * report: V8's heap by space, memory outside it, and the CommonJS packages loaded.
 */
export async function benchMemoryProfile(): Promise<string> {
  buildOnce();
  const fake = await startFakeSlack();
  const db = await createServerDatabase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionbot-memory-'));
  const reports: MemoryReport[] = [];
  const steps: Step[][] = [];
  let idle = '';
  const probe = ['--expose-gc', '--import', './bench/memory-report.mjs'];
  const env = (name: string) => ({ BENCH_MEMORY_REPORT: path.join(dir, `${name}.json`) });
  try {
    const slack = { SLACK_API_URL: fake.apiUrl, SIGNING_SECRET: 'bench-signing-secret' };
    const floor = await startProcess(
      'bench/bare/bare-bolt.mjs',
      { ...slack, BARE_IMPORTS: '1', ...env('floor') },
      'stderr',
      probe,
    );
    reports.push(await report('bare Bolt + botbuilder + Prisma client imported', floor, dir, 'floor'));
    const actionbot = await startProcess(
      'dist/main.js',
      {
        SLACK_BOT_TOKEN: 'xoxb-bench-token',
        SLACK_SIGNING_SECRET: 'bench-signing-secret',
        SLACK_API_URL: fake.apiUrl,
        ACTIONBOT_SCHEDULES: 'false',
        LOG_LEVEL: 'warn',
        DATABASE_URL: db.url,
        ...env('actionbot'),
      },
      'readyz',
      probe,
    );
    reports.push(await report('Actionbot on PostgreSQL (built, Slack)', actionbot, dir, 'actionbot'));
    idle = await benchIdleRss(db.url, fake.apiUrl);
    steps.push(
      ...['floor', 'ours'].flatMap((which) =>
        [{}, ARENAS].map((env) => runSteps(which, env, db.url, fake.apiUrl)),
      ),
    );
  } finally {
    await fake.close();
    await dropServerDatabase(db.url);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return [idle, renderReports(reports), renderSteps(steps)].join('\n\n');
}

async function report(name: string, proc: BenchProcess, dir: string, file: string): Promise<MemoryReport> {
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const rss = readMemory(proc.child.pid as number).rss;
  proc.child.kill('SIGUSR2');
  const at = path.join(dir, `${file}.json`);
  while (!fs.existsSync(at)) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 200));
  await proc.stop();
  return { name, rss, ...JSON.parse(fs.readFileSync(at, 'utf8')) };
}

/** The package a module file belongs to (`@scope/name` or `name`), or `ours` for src/ and dist/. */
export function packageOf(file: string): string {
  const at = file.lastIndexOf('node_modules/');
  if (at < 0) return 'ours';
  const parts = file.slice(at + 'node_modules/'.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? '?');
}

type Measure = [label: string, used: (r: MemoryReport) => number, reserved?: (r: MemoryReport) => number];

function renderReports(reports: MemoryReport[]): string {
  const mb = (n: number) => (n / MB).toFixed(1);
  const rows: Measure[] = [
    ['RSS (from /proc, before the report)', (r) => r.rss * MB],
    ['V8 heap: used after a full GC / reserved', (r) => r.usage.heapUsed, (r) => r.usage.heapTotal],
    ['external (C++ objects tied to JS, Buffers)', (r) => r.usage.external],
    ['of which ArrayBuffers', (r) => r.usage.arrayBuffers],
    ...(reports[0]?.spaces ?? []).map(
      (s): Measure => [
        `heap space ${s.name}: used / reserved`,
        (r) => r.spaces.find((x) => x.name === s.name)?.used ?? 0,
        (r) => r.spaces.find((x) => x.name === s.name)?.size ?? 0,
      ],
    ),
  ];
  const [floor, ours] = reports as [MemoryReport, MemoryReport];
  const cell = (r: MemoryReport, [, used, reserved]: Measure) =>
    reserved ? `${mb(used(r))} / ${mb(reserved(r))}` : mb(used(r));
  const diff = ([, used, reserved]: Measure) =>
    reserved
      ? `${mb(used(ours) - used(floor))} / ${mb(reserved(ours) - reserved(floor))}`
      : mb(used(ours) - used(floor));
  const packages = (r: MemoryReport) => new Set(r.cjs.map(packageOf));
  const extra = [...packages(ours)].filter((p) => !packages(floor).has(p)).sort();
  return [
    `### Where the memory goes: idle ${IDLE_MS / 1000} s after start, built process on PostgreSQL against the floor`,
    '',
    `| MB | ${reports.map((r) => r.name).join(' | ')} | difference |`,
    `| --- | ${reports.map(() => '---:').join(' | ')} | ---: |`,
    ...rows.map((m) => `| ${m[0]} | ${reports.map((r) => cell(r, m)).join(' | ')} | ${diff(m)} |`),
    '',
    `CommonJS packages loaded by Actionbot and not by the floor: ${extra.join(', ') || 'none'}.`,
  ].join('\n');
}

const ARENAS = { MALLOC_ARENA_MAX: '2' };
/** One step of bench/bare/import-steps.mjs: what loading a group of modules added, in MB. */
type Step = {
  step: string;
  rss: number;
  addsRss: number;
  addsHeap: number;
  addsExternal: number;
  env: string;
};

function runSteps(
  which: string,
  env: Record<string, string>,
  databaseUrl: string,
  slackApiUrl: string,
): Step[] {
  const out = execFileSync(process.execPath, ['--expose-gc', 'bench/bare/import-steps.mjs'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      STEPS: which,
      DATABASE_URL: databaseUrl,
      SLACK_API_URL: slackApiUrl,
      ...env,
    },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const label = Object.keys(env).length ? 'MALLOC_ARENA_MAX=2' : 'default malloc';
  return out
    .trim()
    .split('\n')
    .map((line) => ({ ...(JSON.parse(line) as Omit<Step, 'env'>), env: label }));
}

function renderSteps(runs: Step[][]): string {
  return [
    "### Module by module: what each group adds when loaded in start-up's order (one process, `node --expose-gc`, GC and 1.5 s between steps)",
    '',
    '| step | malloc | RSS after MB | adds RSS MB | adds V8 heap used MB | adds external MB |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...runs.flatMap((run) =>
      run.map(
        (s) =>
          `| ${s.step} | ${s.env} | ${s.rss.toFixed(1)} | ${s.addsRss.toFixed(1)} | ${s.addsHeap.toFixed(1)} | ${s.addsExternal.toFixed(1)} |`,
      ),
    ),
  ].join('\n');
}
