import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseEmbeddedEngine } from '../../src/db/adapter.ts';
import { openDatabase } from '../../src/db/database.ts';
import { getClusterDir, getServerUser, startEmbeddedPostgres } from '../../src/db/embedded-postgres.ts';
import { ROOT } from '../support/run-bot.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionbot-embedded-'));
  fs.chmodSync(dir, 0o755); // as root, the server runs as the postgres user, which must reach it
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

// Starts the server in a child process that prints its URL and then waits to be killed.
function startInChild(clusterDir: string) {
  const script = `const m = await import('./src/db/embedded-postgres.ts'); const s = await m.startEmbeddedPostgres(${JSON.stringify(clusterDir)}); console.log(s.url); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => resolve(String(d).trim()));
    child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
  return { child, url };
}

const readPid = (clusterDir: string) =>
  Number(fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
// A process that exited but was not reaped yet (a zombie, under an init that reaps late) counts as gone.
const isAlive = (pid: number) => {
  try {
    return !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
};

describe('embedded PostgreSQL (npm-shipped binaries)', () => {
  it('is the default for a new data directory, and a directory of PGlite files stays PGlite', () => {
    const dir = tempDir();
    if (getServerUser() !== null)
      expect(chooseEmbeddedEngine({ kind: 'embedded', dataDir: dir })).toEqual({ engine: 'postgres' });
    if (getServerUser()) {
      fs.chmodSync(dir, 0o700); // as root: a folder the postgres user cannot enter
      expect(chooseEmbeddedEngine({ kind: 'embedded', dataDir: dir })).toMatchObject({ engine: 'pglite' });
    }
    fs.writeFileSync(path.join(dir, 'PG_VERSION'), '17\n');
    expect(chooseEmbeddedEngine({ kind: 'embedded', dataDir: dir })).toMatchObject({ engine: 'pglite' });
    expect(chooseEmbeddedEngine({ kind: 'embedded', dataDir: 'memory://' })).toEqual({ engine: 'pglite' });
    expect(chooseEmbeddedEngine({ kind: 'embedded', dataDir: dir, engine: 'postgres' })).toEqual({
      engine: 'postgres',
    });
  });

  it('keeps its data across a stop and a start, and listens on no TCP port', async () => {
    const dataDir = tempDir();
    const first = await openDatabase({ kind: 'embedded', dataDir });
    expect(first.engine).toBe('embedded-postgres');
    expect(first.soleProcess).toBe(true);
    await first.prisma.auditEvent.create({ data: { kind: 'test.kept', subject: 'test' } });
    const settings = await first.prisma.$queryRaw<
      { listen: string }[]
    >`SELECT current_setting('listen_addresses') AS listen`;
    expect(settings).toEqual([{ listen: '' }]);
    await first.close();
    expect(fs.existsSync(path.join(getClusterDir(dataDir), 'postmaster.pid'))).toBe(false);
    const second = await openDatabase({ kind: 'embedded', dataDir });
    expect(await second.prisma.auditEvent.count({ where: { kind: 'test.kept' } })).toBe(1);
    await second.close();
  });

  it('after its process is killed, the next start stops the server left behind and starts its own', async () => {
    const clusterDir = getClusterDir(tempDir());
    const killed = startInChild(clusterDir);
    await killed.url;
    const orphan = readPid(clusterDir);
    killed.child.kill('SIGKILL');
    await new Promise((resolve) => killed.child.once('exit', resolve));
    expect(isAlive(orphan)).toBe(true); // PostgreSQL outlives its parent
    const server = await startEmbeddedPostgres(clusterDir);
    expect(isAlive(orphan)).toBe(false);
    expect(readPid(clusterDir)).not.toBe(orphan);
    await server.stop();
  });

  it('refuses a data directory whose server belongs to a live process', async () => {
    const clusterDir = getClusterDir(tempDir());
    const owner = startInChild(clusterDir);
    await owner.url;
    await expect(startEmbeddedPostgres(clusterDir)).rejects.toThrow(
      `is in use by another process (pid ${owner.child.pid})`,
    );
    owner.child.kill('SIGTERM');
    await new Promise((resolve) => owner.child.once('exit', resolve));
    await startEmbeddedPostgres(clusterDir).then((s) => s.stop()); // the orphan is stopped, ours starts
  });
});
