import { getCycleStart, type UpdateCycle } from './cycle.ts';
import { formatIsoDate, getLocalDate, getZonedInstant, type LocalDate } from './zoned-time.ts';

/** What a deployment decides about its schedules; every time is local to the plan's zone. */
export type ScheduleSettings = {
  /** ISO dates (YYYY-MM-DD) that are not working days, besides weekends. */
  bankHolidays: ReadonlySet<string>;
  /** Local hour prompts, reminders and digests go out. */
  sendHour: number;
  /** Days after a cycle opens that its updates are due. */
  deadlineDays: number;
  /** Working days before the deadline that owners still missing an update are reminded. */
  reminderDaysBeforeDeadline: number;
  /** Days before an action's due date that its owners are reminded. */
  dueReminderDays: number;
  /** ISO weekday of the digest (1 = Monday). */
  digestWeekday: number;
};

export const DEFAULT_SCHEDULE: ScheduleSettings = {
  bankHolidays: new Set(),
  sendHour: 9,
  deadlineDays: 14,
  reminderDaysBeforeDeadline: 3,
  dueReminderDays: 14,
  digestWeekday: 1,
};

/** A moment a job is meant to run, with the key that makes it run once. */
export type Slot = { key: string; at: Date };

/** Whether a local date is a working day: not Saturday, Sunday or a listed bank holiday. */
export function isWorkingDay(date: LocalDate, bankHolidays: ReadonlySet<string>): boolean {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !bankHolidays.has(formatIsoDate(date));
}

/** The date itself when it is a working day, else the next one. */
export function nextWorkingDay(date: LocalDate, bankHolidays: ReadonlySet<string>): LocalDate {
  let d = date;
  for (let i = 0; i < 30 && !isWorkingDay(d, bankHolidays); i++) d = addDays(d, 1);
  return d;
}

/** A local date plus (or minus) whole days. */
export function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/**
 * When the prompts of the cycle containing `now` go out: the cycle's first day, moved to the next
 * working day, at the send hour in the plan's zone (so 09:00 stays 09:00 across a clock change).
 */
export function getCycleOpening(
  cycle: UpdateCycle,
  now: Date,
  timeZone: string,
  settings: ScheduleSettings,
  back = 0,
): Date {
  const start = getLocalDate(getCycleStart(cycle, now, timeZone, back), timeZone);
  return getZonedInstant(nextWorkingDay(start, settings.bankHolidays), timeZone, settings.sendHour);
}

/** The slots due at `now` for one plan: its cycle opening and, on working days, the daily reminder. */
export function getPlanSlots(
  plan: { code: string; updateCycle: UpdateCycle; timezone: string },
  now: Date,
  settings: ScheduleSettings,
): { opening: Slot; reminder: Slot | null } {
  let openingAt = getCycleOpening(plan.updateCycle, now, plan.timezone, settings);
  // Early on a cycle's first day (before the send hour), the current slot is still the last cycle's.
  if (openingAt > now) openingAt = getCycleOpening(plan.updateCycle, now, plan.timezone, settings, 1);
  const today = getLocalDate(now, plan.timezone);
  const reminderAt = getZonedInstant(today, plan.timezone, settings.sendHour);
  const reminder = isWorkingDay(today, settings.bankHolidays)
    ? { key: `reminders:${plan.code}:${formatIsoDate(today)}`, at: reminderAt <= now ? reminderAt : null }
    : null;
  return {
    opening: {
      key: `cycle:${plan.code}:${formatIsoDate(getLocalDate(openingAt, plan.timezone))}`,
      at: openingAt,
    },
    reminder: reminder?.at ? { key: reminder.key, at: reminder.at } : null,
  };
}

/** The latest weekly digest slot at or before `now`: digest weekday at the send hour, moved past holidays. */
export function getDigestSlot(now: Date, timeZone: string, settings: ScheduleSettings): Slot {
  const today = getLocalDate(now, timeZone);
  for (let back = 0; back < 14; back++) {
    const day = addDays(today, -back);
    const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay() || 7;
    if (weekday !== settings.digestWeekday) continue;
    const at = getZonedInstant(nextWorkingDay(day, settings.bankHolidays), timeZone, settings.sendHour);
    if (at <= now) return { key: `digest:${formatIsoDate(day)}`, at };
  }
  throw new Error('no digest slot in the last two weeks');
}

/** The day an update cycle's updates are due (opening + deadline days), and when to remind. */
export function getCycleDeadline(
  opening: Date,
  timeZone: string,
  settings: ScheduleSettings,
): { deadline: LocalDate; reminderDay: LocalDate } {
  const deadline = addDays(getLocalDate(opening, timeZone), settings.deadlineDays);
  let reminderDay = addDays(deadline, -settings.reminderDaysBeforeDeadline);
  // Remind on a working day at or before the nominal one, never after the deadline.
  for (let i = 0; i < 7 && !isWorkingDay(reminderDay, settings.bankHolidays); i++)
    reminderDay = addDays(reminderDay, -1);
  return { deadline, reminderDay };
}
