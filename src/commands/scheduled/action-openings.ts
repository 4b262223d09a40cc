import { type Action, getActionCycleRule } from '../../domain/action.ts';
import { formatStoredCycle } from '../../domain/cycle.ts';
import { getCycleDeadline, getOpeningSlot, type ScheduleSettings, type Slot } from '../../domain/schedule.ts';
import type { LocalDate } from '../../domain/zoned-time.ts';

/** The latest opening of an action's cycle at `now`, and when its updates are due. */
export type ActionOpening = { opening: Slot; deadline: LocalDate; reminderDay: LocalDate };

/** Looks up actions' openings, worked out once per plan and cycle rule (a digest reads thousands). */
export function createOpeningLookup(
  now: Date,
  settings: ScheduleSettings,
): (action: Action) => ActionOpening {
  const cache = new Map<string, ActionOpening>();
  return (action) => {
    const rule = getActionCycleRule(action);
    const key = `${action.plan.code}|${action.plan.timezone}|${formatStoredCycle(rule)}`;
    let found = cache.get(key);
    if (!found) {
      const opening = getOpeningSlot(action.plan, rule, now, settings);
      found = { opening, ...getCycleDeadline(opening.at, action.plan.timezone, settings, rule.deadlineDays) };
      cache.set(key, found);
    }
    return found;
  };
}
