import path from 'node:path';
import { z } from 'zod';
import type { AdminEntry, Platform } from './domain/person.ts';
import type { LogLevel } from './logger.ts';

/** Where the data lives: embedded PGlite in a directory, or a PostgreSQL server. */
export type DatabaseTarget = { kind: 'embedded'; dataDir: string } | { kind: 'postgres'; url: string };

/** The validated, frozen configuration of one process. */
export type Config = Readonly<{
  database: DatabaseTarget;
  admins: readonly AdminEntry[];
  consoleUser: string;
  loadDemoPlan: boolean;
  /** Unset means the front door's default: warnings only in the console, info otherwise. */
  logLevel: LogLevel | undefined;
}>;

const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'use true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql://user@host:port/database URL')
    .optional(),
  ACTIONBOT_DATA_DIR: z.string().min(1).default('./data'),
  ACTIONBOT_ADMINS: z.string().default(''),
  ACTIONBOT_USER: z
    .string()
    .regex(/^[\w.-]{1,64}$/, 'use letters, digits, dots, dashes or underscores')
    .default('admin'),
  ACTIONBOT_DEMO: booleanText.default(true),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
});

/** Thrown when the environment cannot be used; its message says what to set. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment. The only place that reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    database: e.DATABASE_URL
      ? { kind: 'postgres' as const, url: e.DATABASE_URL }
      : { kind: 'embedded' as const, dataDir: resolveDataDir(e.ACTIONBOT_DATA_DIR) },
    admins: Object.freeze(parseAdmins(e.ACTIONBOT_ADMINS)),
    consoleUser: e.ACTIONBOT_USER,
    loadDemoPlan: e.ACTIONBOT_DEMO,
    logLevel: e.LOG_LEVEL,
  });
}

/** Parses ACTIONBOT_ADMINS: comma-separated `slack:U…`, `teams:<aad id>`, `console:<name>` or emails. */
export function parseAdmins(text: string): AdminEntry[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^(slack|teams|console):(.+)$/.exec(entry);
      if (m?.[1] && m[2]) return { platform: m[1] as Platform, externalId: m[2] };
      if (/^[^@\s]+@[^@\s]+$/.test(entry)) return { email: entry.toLowerCase() };
      throw new ConfigError(
        `ACTIONBOT_ADMINS: "${entry}" is not slack:<user id>, teams:<aad object id>, console:<name> or an email address`,
      );
    });
}

function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
}

// `memory://` keeps the embedded database in memory (tests, throwaway CLI runs); paths become absolute.
function resolveDataDir(dir: string): string {
  return dir.startsWith('memory://') ? dir : path.resolve(dir);
}
