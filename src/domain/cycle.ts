import { getLocalDate, getZonedInstant } from './zoned-time.ts';

/** How often owners are asked for an update. */
export const UPDATE_CYCLES = ['monthly', 'quarterly', 'six-monthly'] as const;
/** One of {@link UPDATE_CYCLES}. */
export type UpdateCycle = (typeof UPDATE_CYCLES)[number];

const MONTHS_PER_CYCLE: Record<UpdateCycle, number> = { monthly: 1, quarterly: 3, 'six-monthly': 6 };

/** Whether a text names a known update cycle. */
export function isUpdateCycle(text: string): text is UpdateCycle {
  return (UPDATE_CYCLES as readonly string[]).includes(text);
}

/**
 * When the cycle containing `now` opened: midnight in the plan's zone on the first day of the
 * month, quarter (Jan/Apr/Jul/Oct) or half-year (Jan/Jul). `back` steps to earlier cycles.
 */
export function getCycleStart(cycle: UpdateCycle, now: Date, timeZone: string, back = 0): Date {
  const span = MONTHS_PER_CYCLE[cycle];
  const today = getLocalDate(now, timeZone);
  const monthIndex = today.year * 12 + (today.month - 1);
  const start = monthIndex - (monthIndex % span) - back * span;
  return getZonedInstant({ year: Math.floor(start / 12), month: (start % 12) + 1, day: 1 }, timeZone);
}
