import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.ts';
import { SERVER_URL } from './test-database.ts';

// Settings for a throwaway test server: nothing to keep across a crash, many test files at once.
const TEST_SERVER_SETTINGS = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '300',
  shared_buffers: '64MB',
};

/**
 * Vitest global setup: when no PostgreSQL answers at TEST_DATABASE_URL (default 127.0.0.1:5432),
 * start the embedded PostgreSQL for this run and point TEST_DATABASE_URL at it, so `npm test` needs
 * no server. The test files run in processes forked after this, which inherit the variable.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (await answers(SERVER_URL)) return undefined;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'actionbot-test-pg-'));
  fs.chmodSync(home, 0o755); // as root, the server runs as the postgres user, which must reach it
  const server = await startEmbeddedPostgres(path.join(home, 'postgres'), TEST_SERVER_SETTINGS);
  process.env.TEST_DATABASE_URL = server.url;
  process.stderr.write(
    `No PostgreSQL answered at ${SERVER_URL}: the tests use an embedded PostgreSQL started for this run.\n`,
  );
  return async () => {
    await server.stop();
    fs.rmSync(home, { recursive: true, force: true });
  };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
