import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { DatabaseTarget } from '../config.ts';
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
  engine: 'pglite' | 'postgres';
  adapter: PrismaPg | PrismaPGlite;
  /** Runs `fn` on one connection, so session state such as advisory locks holds throughout. */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/** Opens the driver for a target: PGlite on a data directory (or `memory://`), or a pool to PostgreSQL. */
export async function openDriver(target: DatabaseTarget): Promise<Driver> {
  return target.kind === 'embedded' ? openPglite(target.dataDir) : openPostgres(target.url);
}

async function openPglite(dataDir: string): Promise<Driver> {
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
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

function openPostgres(url: string): Driver {
  const pool = new NameSafePool({ connectionString: url, max: 10 });
  pool.on('error', () => {
    // An idle client lost its connection: the pool drops it, and the next query reports real failures.
  });
  return {
    engine: 'postgres',
    adapter: new PrismaPg(pool),
    withSession: async (fn) => {
      const client = await pool.connect();
      try {
        return await fn(sessionOf(client));
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function sessionOf(client: pg.PoolClient): SqlSession {
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async <Row>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as Row[],
  };
}
