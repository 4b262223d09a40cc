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
  /** Where the chat front doors listen (Slack events, Teams messages, health checks). */
  http: { port: number; host: string };
  slack: SlackConfig | undefined;
  teams: TeamsConfig | undefined;
  schedules: ScheduleConfig;
  /** Keys the hashes of feedback receipts and staff-network member lists; never stored in the database. */
  feedbackSecret: string | undefined;
}>;

/** Prompts, reminders and the digest (run only when a chat platform is configured). */
export type ScheduleConfig = Readonly<{
  enabled: boolean;
  bankHolidays: ReadonlySet<string>;
  catchUpHours: number;
  timeZone: string;
  /** Scheduled messages per second, at most, per platform. */
  messagesPerSecond: Readonly<{ slack: number; teams: number }>;
}>;

/** Slack over HTTP (requests signed with the signing secret) or over Socket Mode (app-level token). */
export type SlackConfig = Readonly<{
  botToken: string;
  signingSecret: string | undefined;
  appToken: string | undefined;
  /** Web API base URL; tests point it at a fake Slack. */
  apiUrl: string | undefined;
}>;

/** Bot Framework credentials, or the unauthenticated emulator mode (loopback only). */
export type TeamsConfig = Readonly<
  | { mode: 'emulator' }
  | {
      mode: 'authenticated';
      appId: string;
      appPassword: string | undefined;
      tenantId: string | undefined;
      appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';
    }
>;

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
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must be the bot token (xoxb-...)').optional(),
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must be an app-level token (xapp-...)').optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  MICROSOFT_APP_ID: z.string().min(1).optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.string().min(1).optional(),
  MICROSOFT_APP_TYPE: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('MultiTenant'),
  TEAMS_EMULATOR: booleanText.default(false),
  ACTIONBOT_SCHEDULES: booleanText.default(true),
  ACTIONBOT_BANK_HOLIDAYS: z
    .string()
    .regex(
      /^(\s*\d{4}-\d{2}-\d{2}\s*)(,\s*\d{4}-\d{2}-\d{2}\s*)*$|^$/,
      'use comma-separated dates like 2026-12-25,2026-12-28',
    )
    .default(''),
  ACTIONBOT_CATCH_UP_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 14)
    .default(24),
  ACTIONBOT_TIMEZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/London')
    .default('Europe/London'),
  ACTIONBOT_FEEDBACK_SECRET: z.string().min(16, 'use at least 16 random characters').optional(),
  SLACK_MESSAGES_PER_SECOND: z.coerce.number().positive().max(1000).default(5),
  TEAMS_MESSAGES_PER_SECOND: z.coerce.number().positive().max(1000).default(10),
});

type Env = z.infer<typeof envSchema>;

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
    http: Object.freeze({ port: e.PORT, host: e.HOST }),
    slack: slackConfig(e),
    teams: teamsConfig(e),
    feedbackSecret: e.ACTIONBOT_FEEDBACK_SECRET,
    schedules: Object.freeze({
      enabled: e.ACTIONBOT_SCHEDULES,
      bankHolidays: new Set(
        e.ACTIONBOT_BANK_HOLIDAYS.split(',')
          .map((d) => d.trim())
          .filter(Boolean),
      ),
      catchUpHours: e.ACTIONBOT_CATCH_UP_HOURS,
      timeZone: e.ACTIONBOT_TIMEZONE,
      messagesPerSecond: Object.freeze({
        slack: e.SLACK_MESSAGES_PER_SECOND,
        teams: e.TEAMS_MESSAGES_PER_SECOND,
      }),
    }),
  });
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function slackConfig(e: Env): SlackConfig | undefined {
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken } = e;
  if (!botToken) {
    if (signingSecret || appToken)
      throw new ConfigError(
        'Slack: set SLACK_BOT_TOKEN (xoxb-...) as well, or unset the other SLACK_ settings.',
      );
    return undefined;
  }
  if (!signingSecret && !appToken)
    throw new ConfigError(
      'Slack: set SLACK_SIGNING_SECRET (HTTP mode, requests at /slack/events) or SLACK_APP_TOKEN (Socket Mode).',
    );
  return Object.freeze({ botToken, signingSecret, appToken, apiUrl: e.SLACK_API_URL });
}

function teamsConfig(e: Env): TeamsConfig | undefined {
  if (e.TEAMS_EMULATOR) {
    if (e.MICROSOFT_APP_ID)
      throw new ConfigError(
        'Teams: TEAMS_EMULATOR=true serves without authentication; unset MICROSOFT_APP_ID.',
      );
    if (!isLoopback(e.HOST))
      throw new ConfigError(
        `Teams: TEAMS_EMULATOR=true is only allowed when HOST is a loopback address (127.0.0.1), not ${e.HOST}.`,
      );
    return Object.freeze({ mode: 'emulator' });
  }
  if (!e.MICROSOFT_APP_ID) {
    if (e.MICROSOFT_APP_PASSWORD || e.MICROSOFT_APP_TENANT_ID)
      throw new ConfigError(
        'Teams: set MICROSOFT_APP_ID as well, or unset the other MICROSOFT_APP_ settings.',
      );
    return undefined;
  }
  if (e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !e.MICROSOFT_APP_PASSWORD)
    throw new ConfigError(`Teams: set MICROSOFT_APP_PASSWORD (the client secret of ${e.MICROSOFT_APP_ID}).`);
  if (e.MICROSOFT_APP_TYPE !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID)
    throw new ConfigError(`Teams: MICROSOFT_APP_TYPE=${e.MICROSOFT_APP_TYPE} needs MICROSOFT_APP_TENANT_ID.`);
  return Object.freeze({
    mode: 'authenticated',
    appId: e.MICROSOFT_APP_ID,
    appPassword: e.MICROSOFT_APP_PASSWORD,
    tenantId: e.MICROSOFT_APP_TENANT_ID,
    appType: e.MICROSOFT_APP_TYPE,
  });
}

/** Whether a bind address only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
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
