import { type CycleRule, getCycleStart, type UpdateCycle } from './cycle.ts';
import {
  addDays,
  formatIsoDate,
  getLocalDate,
  getLocalTime,
  getZonedInstant,
  type LocalDate,
} from './zoned-time.ts';

export { addDays };

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

/** A cycle by name, or with its open day and deadline (see {@link CycleRule}). */
export type CycleInput = UpdateCycle | (Pick<CycleRule, 'cycle'> & Partial<CycleRule>);

/** A slot that runs this much after its time ran late (the service was down): the digest says so. */
const LATE_AFTER_MS = 15 * 60_000;

/** Whether a slot running at `now` is running late. */
export function isLate(slot: Slot, now: Date): boolean {
  return now.getTime() - slot.at.getTime() > LATE_AFTER_MS;
}

function toRule(cycle: CycleInput): CycleRule {
  return typeof cycle === 'string'
    ? { cycle, openDay: 1, deadlineDays: null }
    : { openDay: 1, deadlineDays: null, ...cycle };
}

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

/**
 * When the prompts of the cycle containing `now` go out. A calendar cycle: its open day (default the
 * 1st), moved to the next working day, at the send hour in the plan's zone (so 09:00 stays 09:00
 * across a clock change). A cron cycle: when its expression fires; on a weekend or bank holiday, the
 * next working day at the same local time.
 */
export function getCycleOpening(
  cycle: CycleInput,
  now: Date,
  timeZone: string,
  settings: ScheduleSettings,
  back = 0,
): Date {
  const rule = toRule(cycle);
  const start = getCycleStart(rule.cycle, now, timeZone, back, rule.openDay);
  const day = getLocalDate(start, timeZone);
  if (!rule.cycle.startsWith('cron:'))
    return getZonedInstant(nextWorkingDay(day, settings.bankHolidays), timeZone, settings.sendHour);
  if (isWorkingDay(day, settings.bankHolidays)) return start;
  const { hour, minute } = getLocalTime(start, timeZone);
  return getZonedInstant(nextWorkingDay(day, settings.bankHolidays), timeZone, hour, minute);
}

/**
 * The latest opening of a cycle at or before `now`, keyed by plan and local date (and local time,
 * when it is not the send hour: a cron cycle at 14:30 and the plan's at 09:00 are two slots).
 */
export function getOpeningSlot(
  plan: { code: string; timezone: string },
  cycle: CycleInput,
  now: Date,
  settings: ScheduleSettings,
): Slot {
  let at = getCycleOpening(cycle, now, plan.timezone, settings);
  // Early on a cycle's first day (before the send hour), the current slot is still the last cycle's.
  if (at > now) at = getCycleOpening(cycle, now, plan.timezone, settings, 1);
  return { key: getOpeningKey(plan, at, settings), at };
}

/** The run key of a cycle opening: `cycle:ARAP:2027-01-04`, or `cycle:ARAP:2027-01-04T14:30`. */
export function getOpeningKey(
  plan: { code: string; timezone: string },
  opening: Date,
  settings: ScheduleSettings,
): string {
  const { hour, minute } = getLocalTime(opening, plan.timezone);
  const date = formatIsoDate(getLocalDate(opening, plan.timezone));
  const time = hour === settings.sendHour && minute === 0 ? '' : `T${pad(hour)}:${pad(minute)}`;
  return `cycle:${plan.code}:${date}${time}`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The slots due at `now` for one plan: its cycle opening and, on working days, the daily reminder. */
export function getPlanSlots(
  plan: { code: string; updateCycle: UpdateCycle; timezone: string; cycleOpenDay?: number },
  now: Date,
  settings: ScheduleSettings,
): { opening: Slot; reminder: Slot | null } {
  const rule = { cycle: plan.updateCycle, openDay: plan.cycleOpenDay ?? 1 };
  const opening = getOpeningSlot(plan, rule, now, settings);
  const today = getLocalDate(now, plan.timezone);
  const reminderAt = getZonedInstant(today, plan.timezone, settings.sendHour);
  const reminder = isWorkingDay(today, settings.bankHolidays)
    ? { key: `reminders:${plan.code}:${formatIsoDate(today)}`, at: reminderAt <= now ? reminderAt : null }
    : null;
  return { opening, reminder: reminder?.at ? { key: reminder.key, at: reminder.at } : null };
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

/**
 * The day an update cycle's updates are due (opening + deadline days: the cycle's own, else the
 * deployment's), and the working day to remind owners still missing an update.
 */
export function getCycleDeadline(
  opening: Date,
  timeZone: string,
  settings: ScheduleSettings,
  deadlineDays?: number | null,
): { deadline: LocalDate; reminderDay: LocalDate } {
  const deadline = addDays(getLocalDate(opening, timeZone), deadlineDays ?? settings.deadlineDays);
  let reminderDay = addDays(deadline, -settings.reminderDaysBeforeDeadline);
  // Remind on a working day at or before the nominal one, never after the deadline.
  for (let i = 0; i < 7 && !isWorkingDay(reminderDay, settings.bankHolidays); i++)
    reminderDay = addDays(reminderDay, -1);
  return { deadline, reminderDay };
}
