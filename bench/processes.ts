import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
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
 * Starts `node --import tsx <entry>` (what `npm start` runs, without npm and sh) and resolves when it
 * is ready: `GET /readyz` answers 200 (Actionbot), or the process says `ready` (the bare apps).
 */
export async function startProcess(
  entry: string,
  env: Record<string, string>,
  readiness: 'readyz' | 'stderr',
): Promise<BenchProcess> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
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
