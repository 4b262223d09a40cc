import path from 'node:path';
import { z } from 'zod';

/** Where the data lives: embedded PGlite in a directory, or a PostgreSQL server. */
export type DatabaseTarget = { kind: 'embedded'; dataDir: string } | { kind: 'postgres'; url: string };

/** The database settings: a PostgreSQL URL, or else the embedded database's directory. */
export const databaseEnv = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql://user@host:port/database URL')
    .optional(),
  ACTIONBOT_DATA_DIR: z.string().min(1).default('./data'),
});

/** PostgreSQL when DATABASE_URL is set, the embedded database otherwise. */
export function databaseTarget(e: z.infer<typeof databaseEnv>): DatabaseTarget {
  return e.DATABASE_URL
    ? { kind: 'postgres' as const, url: e.DATABASE_URL }
    : { kind: 'embedded' as const, dataDir: resolveDataDir(e.ACTIONBOT_DATA_DIR) };
}

// `memory://` keeps the embedded database in memory (tests, throwaway CLI runs); paths become absolute.
function resolveDataDir(dir: string): string {
  return dir.startsWith('memory://') ? dir : path.resolve(dir);
}
