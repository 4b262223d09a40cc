import fs from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import type { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseTarget, EmbeddedEngine } from '../config.ts';
import {
  canServerReach,
  type EmbeddedServer,
  getClusterDir,
  getServerUser,
  startEmbeddedPostgres,
} from './embedded-postgres.ts';
import { NameSafePool } from './name-safe-pool.ts';

/** One database connection for raw SQL: multi-statement scripts and parameterised queries. */
export type SqlSession = {
  /** Runs SQL that may hold several statements, without parameters. */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
};

/** A Prisma driver adapter factory with the raw driver underneath (migrations need raw SQL). */
export type Driver = {
  engine: Engine;
  /** Why the engine is not the one asked for, when it is not (said once at start). */
  note?: string;
  adapter: PrismaPg | PrismaPGlite;
  /** Runs `fn` on one connection, so session state such as advisory locks holds throughout. */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/** Which engine serves a database: a server we were given, the embedded PostgreSQL, or PGlite. */
export type Engine = 'postgres' | 'embedded-postgres' | 'pglite';

/** Opens the driver for a target: an embedded database on a data directory, or a pool to PostgreSQL. */
export async function openDriver(target: DatabaseTarget): Promise<Driver> {
  if (target.kind === 'postgres') return openPostgres(target.url, 'postgres');
  const { engine, note } = chooseEmbeddedEngine(target);
  if (engine === 'pglite') return { ...(await openPglite(target.dataDir)), ...(note ? { note } : {}) };
  const server = await startEmbeddedPostgres(getClusterDir(target.dataDir));
  return openPostgres(server.url, 'embedded-postgres', server);
}

/**
 * The embedded engine for a data directory: the one configured; else PGlite for `memory://` and for a
 * directory that already holds PGlite's files (so an existing database is never left behind); else
 * the embedded PostgreSQL, unless we are root and there is no postgres user for it to run as.
 */
export function chooseEmbeddedEngine(target: DatabaseTarget & { kind: 'embedded' }): {
  engine: EmbeddedEngine;
  note?: string;
} {
  if (target.engine) return { engine: target.engine };
  if (target.dataDir.startsWith('memory://')) return { engine: 'pglite' };
  if (fs.existsSync(path.join(target.dataDir, 'PG_VERSION')))
    return { engine: 'pglite', note: 'this data directory holds a PGlite database' };
  const user = getServerUser();
  if (user === null)
    return {
      engine: 'pglite',
      note: 'PostgreSQL cannot run as root and there is no postgres user to run it as',
    };
  fs.mkdirSync(target.dataDir, { recursive: true });
  if (!canServerReach(target.dataDir, user))
    return {
      engine: 'pglite',
      note: `PostgreSQL runs as the postgres user, which cannot reach ${target.dataDir}`,
    };
  return { engine: 'postgres' };
}

async function openPglite(dataDir: string): Promise<Driver> {
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  // Loaded only when used: PGlite's WebAssembly build is most of its memory.
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('pglite-prisma-adapter'),
  ]);
  const pglite = await PGlite.create(dataDir);
  const session: SqlSession = {
    exec: async (sql) => void (await pglite.exec(sql)),
    query: async <Row>(sql: string, params?: unknown[]) => (await pglite.query<Row>(sql, params)).rows,
  };
  return {
    engine: 'pglite',
    adapter: new PrismaPGlite(pglite),
    withSession: (fn) => fn(session), // PGlite is a single connection already
    close: () => pglite.close(),
  };
}

function openPostgres(url: string, engine: Engine, server?: EmbeddedServer): Driver {
  const pool = new NameSafePool({ connectionString: url, max: 10 });
  pool.on('error', () => {
    // An idle client lost its connection: the pool drops it, and the next query reports real failures.
  });
  return {
    engine,
    adapter: new PrismaPg(pool),
    withSession: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn(sessionOf(client));
      } finally {
        client.release();
      }
    },
    close: async () => {
      await pool.end();
      await server?.stop();
    },
  };
}

function sessionOf(client: pg.PoolClient): SqlSession {
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async <Row>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as Row[],
  };
}
