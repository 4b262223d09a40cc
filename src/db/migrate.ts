import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqlSession } from './adapter.ts';

/** Where the committed migrations live (prisma/migrations). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

// Same table, columns and lock id as `prisma migrate deploy`, so either tool sees what the other applied.
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;
const PRISMA_ADVISORY_LOCK = 72707369;

/** A committed migration: its folder name and SQL. */
export type Migration = { name: string; sql: string; checksum: string };

/** Reads the committed migrations in order. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies pending migrations on one session, each in its own transaction, under Prisma's advisory lock so that
 * replicas starting together apply each migration once. Returns the names it applied.
 * We do this in-process rather than spawning `prisma migrate deploy`: start-up stays fast and the
 * embedded database is never opened by two processes at once.
 */
export async function applyMigrations(session: SqlSession, migrations = readMigrations()): Promise<string[]> {
  await session.exec(MIGRATIONS_TABLE);
  await session.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
  try {
    const done = await session.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const applied = new Map(done.map((r) => [r.migration_name, r.checksum]));
    const newlyApplied: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was changed after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      await session
        .exec(`BEGIN;\n${migration.sql}\n;\n${recordSql(migration)};\nCOMMIT;`)
        .catch(async (error) => {
          await session.exec('ROLLBACK').catch(() => undefined); // the original error is the one to report
          throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
        });
      newlyApplied.push(migration.name);
    }
    return newlyApplied;
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]);
  }
}

function recordSql(m: Migration): string {
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  return `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
    VALUES (${quote(randomUUID())}, ${quote(m.checksum)}, ${quote(m.name)}, now(), now(), 1)`;
}
