import { z } from 'zod';
import { booleanText } from './env-text.ts';

/** Prompts, reminders and the digest (run only when a chat platform is configured). */
export type ScheduleConfig = Readonly<{
  enabled: boolean;
  /** Whose bank holidays are not working days (date-holidays' list); none: only the closure days. */
  bankHolidayNation: BankHolidayNation;
  /** Local closure days (ACTIONBOT_BANK_HOLIDAYS), not working days in addition to the nation's. */
  closureDays: ReadonlySet<string>;
  catchUpHours: number;
  timeZone: string;
  /** Scheduled messages per second, at most, per platform. */
  messagesPerSecond: Readonly<{ slack: number; teams: number }>;
}>;

/** The UK nations whose bank holidays Actionbot knows, or none. */
export const BANK_HOLIDAY_NATIONS = ['england-and-wales', 'scotland', 'northern-ireland', 'none'] as const;
/** One of {@link BANK_HOLIDAY_NATIONS}. */
export type BankHolidayNation = (typeof BANK_HOLIDAY_NATIONS)[number];

/** When the schedules run: on or off, bank holidays, how far back a missed slot is caught up, the time zone. */
export const scheduleEnv = z.object({
  ACTIONBOT_SCHEDULES: booleanText.default(true),
  ACTIONBOT_BANK_HOLIDAY_NATION: z
    .enum(BANK_HOLIDAY_NATIONS, { error: `use one of ${BANK_HOLIDAY_NATIONS.join(', ')}` })
    .default('england-and-wales'),
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
});

/** How fast scheduled messages go out, per platform. */
export const sendRateEnv = z.object({
  SLACK_MESSAGES_PER_SECOND: z.coerce.number().positive().max(1000).default(5),
  TEAMS_MESSAGES_PER_SECOND: z.coerce.number().positive().max(1000).default(10),
});

/** The schedules' configuration, frozen. */
export function scheduleConfig(e: z.infer<typeof scheduleEnv> & z.infer<typeof sendRateEnv>): ScheduleConfig {
  return Object.freeze({
    enabled: e.ACTIONBOT_SCHEDULES,
    bankHolidayNation: e.ACTIONBOT_BANK_HOLIDAY_NATION,
    closureDays: new Set(
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
