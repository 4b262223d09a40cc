import path from 'node:path';
import { z } from 'zod';

/** Which embedded database serves a data directory: PostgreSQL from npm-shipped binaries, or PGlite. */
export type EmbeddedEngine = 'postgres' | 'pglite';

/**
 * Where the data lives: an embedded database in a directory, or a PostgreSQL server. An embedded
 * target without `engine` is decided when opened (see src/db/adapter.ts: `memory://` and a directory
 * of PGlite files are PGlite, anything else the embedded PostgreSQL).
 */
export type DatabaseTarget =
  | { kind: 'embedded'; dataDir: string; engine?: EmbeddedEngine }
  | { kind: 'postgres'; url: string };

/** The database settings: a PostgreSQL URL, or else the embedded database's directory and engine. */
export const databaseEnv = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql://user@host:port/database URL')
    .optional(),
  ACTIONBOT_DATA_DIR: z.string().min(1).default('./data'),
  ACTIONBOT_EMBEDDED_DATABASE: z.enum(['postgres', 'pglite']).optional(),
});

/** PostgreSQL when DATABASE_URL is set, the embedded database otherwise. */
export function databaseTarget(e: z.infer<typeof databaseEnv>): DatabaseTarget {
  if (e.DATABASE_URL) return { kind: 'postgres' as const, url: e.DATABASE_URL };
  const dataDir = resolveDataDir(e.ACTIONBOT_DATA_DIR);
  return e.ACTIONBOT_EMBEDDED_DATABASE
    ? { kind: 'embedded' as const, dataDir, engine: e.ACTIONBOT_EMBEDDED_DATABASE }
    : { kind: 'embedded' as const, dataDir };
}

// `memory://` keeps the embedded database in memory (tests, throwaway CLI runs); paths become absolute.
function resolveDataDir(dir: string): string {
  return dir.startsWith('memory://') ? dir : path.resolve(dir);
}
