import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { freePort, ROOT } from '../test/support/run-bot.ts';

/** A server process the bench started: its pid, port, how long it took to answer, and how to stop it. */
export type BenchProcess = {
  child: ChildProcess;
  port: number;
  readyMs: number;
  stderr(): string;
  stop(): Promise<void>;
};

/**
 * Starts `node <entry>` (a built `dist/main.js`, the production start, or a bare app in plain
 * JavaScript), or `node --import tsx <entry>` for TypeScript (what `npm start` runs, without npm and
 * sh), with `nodeArgs` before it; resolves when it is ready: `GET /readyz` answers 200 (Actionbot),
 * or the process says `ready` (the bare apps).
 */
export async function startProcess(
  entry: string,
  env: Record<string, string>,
  readiness: 'readyz' | 'stderr',
  nodeArgs: string[] = [],
): Promise<BenchProcess> {
  const port = await freePort();
  const started = performance.now();
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  // BENCH_CPU_PROF=<dir>: every process the bench starts writes a V8 CPU profile there when it stops.
  const profiling = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...profiling, ...nodeArgs, ...loader, entry], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited ${child.exitCode}: ${stderr}`);
    if (
      readiness === 'stderr' ? stderr.includes('ready\n') : await answers(`http://127.0.0.1:${port}/readyz`)
    )
      break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - started;
  return {
    child,
    port,
    readyMs,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).status === 200;
  } catch {
    return false;
  }
}

/** Memory of one process from /proc (Linux): resident, proportional (shared pages split), and peak resident, in MB. */
export type Memory = { rss: number; pss: number; peak: number };

export function readMemory(pid: number): Memory {
  const kb = (text: string, key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) / 1024;
  const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rss: kb(rollup, 'Rss'), pss: kb(rollup, 'Pss'), peak: kb(status, 'VmHWM') };
}

/** The embedded PostgreSQL's processes (the postmaster named in postmaster.pid and its children), summed. */
export function readServerMemory(clusterDir: string): Memory & { processes: number } {
  const postmaster = Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const pids = [postmaster, ...childrenOf(postmaster)];
  const sum = pids
    .map(readMemory)
    .reduce((a, m) => ({ rss: a.rss + m.rss, pss: a.pss + m.pss, peak: a.peak + m.peak }));
  return { ...sum, processes: pids.length };
}

function childrenOf(pid: number): number[] {
  const text = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text ? text.split(' ').map(Number) : [];
}

/** Runs a TypeScript module of bench/ in a worker thread (through tsx) with `job` as its workerData; resolves with its one message. */
export async function runInWorker<T>(script: string, job: object): Promise<T> {
  const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
    workerData: { ...job, script },
  });
  try {
    return await new Promise<T>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

let built = false;

/** Builds dist/ once per bench run (`npm run build -- --noCheck`): the benches start the production command, `node dist/main.js`. */
export function buildOnce(): void {
  if (built) return;
  const result = spawnSync(process.execPath, ['scripts/build.mjs', '--noCheck'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('npm run build failed');
  built = true;
}
