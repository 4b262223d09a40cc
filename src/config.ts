import { z } from 'zod';
import { parseAdmins } from './config/admins.ts';
import { ConfigError } from './config/config-error.ts';
import { type DatabaseTarget, databaseEnv, databaseTarget, type EmbeddedEngine } from './config/database.ts';
import { blankToUndefined, booleanText } from './config/env-text.ts';
import { type ScheduleConfig, scheduleConfig, scheduleEnv, sendRateEnv } from './config/schedules.ts';
import { type SlackConfig, slackConfig, slackEnv } from './config/slack.ts';
import { type TeamsConfig, teamsConfig, teamsEnv } from './config/teams.ts';
import type { AdminEntry } from './domain/person.ts';
import type { LogLevel } from './logger.ts';

export { ConfigError } from './config/config-error.ts';
export type { DatabaseTarget, EmbeddedEngine, ScheduleConfig, SlackConfig, TeamsConfig };

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

// In this order, which is the order of the problems listed when several settings are wrong.
const envSchema = z.object({
  ...databaseEnv.shape,
  ACTIONBOT_ADMINS: z.string().default(''),
  ACTIONBOT_USER: z
    .string()
    .regex(/^[\w.-]{1,64}$/, 'use letters, digits, dots, dashes or underscores')
    .default('admin'),
  ACTIONBOT_DEMO: booleanText.default(true),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  ...slackEnv.shape,
  ...teamsEnv.shape,
  ...scheduleEnv.shape,
  ACTIONBOT_FEEDBACK_SECRET: z.string().min(16, 'use at least 16 random characters').optional(),
  ...sendRateEnv.shape,
});

/** Reads and validates the environment. The only place that reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    database: databaseTarget(e),
    admins: Object.freeze(parseAdmins(e.ACTIONBOT_ADMINS)),
    consoleUser: e.ACTIONBOT_USER,
    loadDemoPlan: e.ACTIONBOT_DEMO,
    logLevel: e.LOG_LEVEL,
    http: Object.freeze({ port: e.PORT, host: e.HOST }),
    slack: slackConfig(e),
    teams: teamsConfig(e, e.HOST),
    feedbackSecret: e.ACTIONBOT_FEEDBACK_SECRET,
    schedules: scheduleConfig(e),
  });
}
