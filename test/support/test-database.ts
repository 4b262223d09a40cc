import { randomUUID } from 'node:crypto';
import type net from 'node:net';
import pg from 'pg';
import type { DatabaseTarget } from '../../src/config.ts';
import { createStore } from '../../src/db/create-store.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import type { Store } from '../../src/domain/ports.ts';

/** The two engines every database test runs on. */
export const ENGINES = ['pglite', 'postgres'] as const;
/** One of {@link ENGINES}. */
export type Engine = (typeof ENGINES)[number];

/** The server the PostgreSQL tests use; override with TEST_DATABASE_URL. */
export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** How to reach the test server: its TCP host and port, or its Unix socket (a `host=/dir` URL parameter). */
export function getServerAddress(): net.NetConnectOpts {
  const url = new URL(SERVER_URL);
  const socketDir = url.searchParams.get('host');
  const port = Number(url.port || 5432);
  return socketDir?.startsWith('/')
    ? { path: `${socketDir}/.s.PGSQL.${port}` }
    : { host: url.hostname, port };
}

/** `url` reached through a local TCP proxy on `port` instead of the server's own address. */
export function getProxiedUrl(url: string, port: number): string {
  const proxied = new URL(url);
  proxied.host = `127.0.0.1:${port}`;
  proxied.searchParams.delete('host');
  return proxied.toString();
}

/** The feedback secret test stores are keyed with (there is no default). */
export const TEST_FEEDBACK_SECRET = 'test-feedback-secret-0123456789';

/** A fresh, migrated database of one engine, with its store and a way to throw it away. */
export type TestDatabase = { db: Database; store: Store; target: DatabaseTarget; drop(): Promise<void> };

/** Creates an empty database: in-memory PGlite, or a new database on the PostgreSQL server. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  const target = engine === 'pglite' ? embeddedTarget('memory://') : await createServerDatabase();
  const db = await openDatabase(target);
  return {
    db,
    store: createStore(db.prisma, { feedbackSecret: TEST_FEEDBACK_SECRET }),
    target,
    drop: async () => {
      await db.close();
      if (target.kind === 'postgres') await dropServerDatabase(target.url);
    },
  };
}

/** An embedded target on a directory (or `memory://`). */
export function embeddedTarget(dataDir: string): DatabaseTarget {
  return { kind: 'embedded', dataDir };
}

/** Creates an empty database on the test server and returns its URL. */
export async function createServerDatabase(): Promise<DatabaseTarget & { kind: 'postgres' }> {
  const name = `actionbot_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await withAdminClient((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return { kind: 'postgres', url: url.toString() };
}

/** Drops a database made by {@link createServerDatabase}. */
export async function dropServerDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL tests need a server at ${SERVER_URL} (vitest starts an embedded one when none answers; set TEST_DATABASE_URL): ${(error as Error).message}`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
