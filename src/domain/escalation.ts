import { type Action, getActionCycleRule } from './action.ts';
import { type CycleRule, formatStoredCycle, getCycleStart } from './cycle.ts';
import {
  addDays,
  getCycleDeadline,
  getCycleOpening,
  isWorkingDay,
  type ScheduleSettings,
  type Slot,
} from './schedule.ts';
import { formatIsoDate, getLocalDate, getZonedInstant, type LocalDate } from './zoned-time.ts';

/** Working days after a deadline that sponsors hear of missing updates, unless a plan says otherwise. */
export const DEFAULT_ESCALATION_DAYS = 2;
/** The most working days an escalation may wait after a deadline. */
export const MAX_ESCALATION_DAYS = 30;

/** One cycle of an update rule: updates count from `start`; they are due by `deadline` (local). */
export type CycleWindow = { start: Date; opening: Date; deadline: LocalDate };

/** The plan facts escalation reads: its code, zone, and working days after a deadline (null: off). */
export type EscalatingPlan = { code: string; timezone: string; escalationDays: number | null };

/** The `count`-th working day after `day` (never a weekend or bank holiday). */
export function addWorkingDays(day: LocalDate, count: number, bankHolidays: ReadonlySet<string>): LocalDate {
  let d = day;
  for (let left = count; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, bankHolidays)) left--;
  }
  return d;
}

/**
 * A rule's cycle at `now` (`back` 0) or the one before it (`back` 1): when updates count from, when its
 * prompts went out, and its deadline. Early on an open day, before the prompts, the cycle is the last one.
 */
export function getCycleWindow(
  rule: CycleRule,
  timeZone: string,
  now: Date,
  settings: ScheduleSettings,
  back: number,
): CycleWindow {
  let steps = back;
  let opening = getCycleOpening(rule, now, timeZone, settings, steps);
  if (opening > now) opening = getCycleOpening(rule, now, timeZone, settings, ++steps);
  const start = getCycleStart(rule.cycle, now, timeZone, steps, rule.openDay);
  const { deadline } = getCycleDeadline(opening, timeZone, settings, rule.deadlineDays);
  return { start, opening, deadline };
}

/** The run key of the escalation of a plan's updates due by `deadline`: `escalation:ARAP:2027-01-18`. */
export function getEscalationKey(planCode: string, deadline: LocalDate): string {
  return `escalation:${planCode}:${formatIsoDate(deadline)}`;
}

/** The day sponsors hear of updates still missing after `deadline`: that many working days later. */
export function getEscalationDay(deadline: LocalDate, days: number, settings: ScheduleSettings): LocalDate {
  return addWorkingDays(deadline, days, settings.bankHolidays);
}

/**
 * The escalations of a plan at or before `now`, one per deadline of its rules' current and previous
 * cycles (a deadline late in a cycle escalates after the next one opened): each on a working day at
 * the send hour, keyed by plan and deadline. None when the plan's escalation is off.
 */
export function getEscalationSlots(
  plan: EscalatingPlan,
  rules: readonly CycleRule[],
  now: Date,
  settings: ScheduleSettings,
): (Slot & { deadline: LocalDate })[] {
  const days = plan.escalationDays;
  if (days === null) return [];
  const slots = new Map<string, Slot & { deadline: LocalDate }>();
  for (const rule of rules)
    for (const back of [0, 1]) {
      const { deadline } = getCycleWindow(rule, plan.timezone, now, settings, back);
      const at = getZonedInstant(
        getEscalationDay(deadline, days, settings),
        plan.timezone,
        settings.sendHour,
      );
      const key = getEscalationKey(plan.code, deadline);
      if (at <= now && !slots.has(key)) slots.set(key, { key, at, deadline });
    }
  return [...slots.values()];
}

/** Whether `now` falls on a working day in the zone: escalations never go out on other days. */
export function isWorkingDayAt(now: Date, timeZone: string, settings: ScheduleSettings): boolean {
  return isWorkingDay(getLocalDate(now, timeZone), settings.bankHolidays);
}

/**
 * The actions of one plan whose current or previous cycle had its updates due by `deadline` and that
 * have had none since that cycle began (complete actions owe none). Pure: windows are worked out
 * once per rule.
 */
export function findMissedUpdates(
  actions: readonly Action[],
  deadline: LocalDate,
  now: Date,
  settings: ScheduleSettings,
): Action[] {
  const due = formatIsoDate(deadline);
  const windows = new Map<string, CycleWindow | null>();
  return actions.filter((a) => {
    if (a.status === 'COMPLETE') return false;
    const rule = getActionCycleRule(a);
    const key = formatStoredCycle(rule);
    if (!windows.has(key)) {
      const found = [0, 1]
        .map((back) => getCycleWindow(rule, a.plan.timezone, now, settings, back))
        .find((w) => formatIsoDate(w.deadline) === due);
      windows.set(key, found ?? null);
    }
    const window = windows.get(key);
    return window ? !a.lastUpdate || a.lastUpdate.at < window.start : false;
  });
}

/** Whether a deadline has passed at `now` (in the zone): the day after it has begun. */
export function isPastDeadline(deadline: LocalDate, now: Date, timeZone: string): boolean {
  return formatIsoDate(getLocalDate(now, timeZone)) > formatIsoDate(deadline);
}
