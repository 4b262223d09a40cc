import { isOverdue, needsUpdate } from '../../domain/action.ts';
import { formatLongDate } from '../../domain/format.ts';
import type { Store } from '../../domain/ports.ts';
import type { ScheduleSettings } from '../../domain/schedule.ts';
import type { NewDelivery } from '../../domain/schedule-ports.ts';
import { formatIsoDate, getLocalDate } from '../../domain/zoned-time.ts';
import { toActionItem } from '../present.ts';
import { createReply } from '../reply.ts';
import { createOpeningLookup } from './action-openings.ts';
import { readAwayDay } from './away-routing.ts';
import { composePerOwner, type ReachablePlatforms } from './per-owner.ts';

const DAY_MS = 86_400_000;

/**
 * The day's reminders for a plan, one message per person: the deadline of an action's cycle is near
 * and it still owes an update; an action is due in `dueReminderDays`; or it became overdue today.
 */
export async function composeReminders(
  store: Store,
  planCode: string,
  now: Date,
  settings: ScheduleSettings,
  platforms: ReachablePlatforms,
): Promise<NewDelivery[]> {
  const actions = await store.actions.findActions({ planCodes: [planCode] });
  const first = actions[0];
  if (!first) return [];
  const zone = first.plan.timezone;
  const today = formatIsoDate(getLocalDate(now, zone));
  const dueSoonDate = formatIsoDate(
    getLocalDate(new Date(now.getTime() + settings.dueReminderDays * DAY_MS), zone),
  );
  const yesterday = formatIsoDate(getLocalDate(new Date(now.getTime() - DAY_MS), zone));
  const reasons = new Map<string, string>();
  const getActionOpening = createOpeningLookup(now, settings);
  for (const a of actions) {
    if (a.status === 'COMPLETE') continue;
    const { opening, deadline, reminderDay } = getActionOpening(a);
    // A deadline so short that its reminder day is the opening day: the prompt itself is the reminder.
    const deadlineNear =
      formatIsoDate(reminderDay) === today && formatIsoDate(getLocalDate(opening.at, zone)) < today;
    if (deadlineNear && needsUpdate(a, now)) reasons.set(a.id, `update due by ${formatLongDate(deadline)}`);
    else if (a.due.kind !== 'from' && a.due.date === dueSoonDate)
      reasons.set(a.id, `due in ${settings.dueReminderDays} days`);
    else if (a.due.kind !== 'from' && a.due.date === yesterday && isOverdue(a, now))
      reasons.set(a.id, 'now overdue');
  }
  const flagged = actions.filter((a) => reasons.has(a.id));
  return composePerOwner(
    await store.scheduleReads.listOwnerContacts(),
    flagged,
    platforms,
    (_contact, mine) =>
      createReply(
        { type: 'heading', text: `Reminder: ${first.plan.code} actions` },
        { type: 'paragraph', text: mine.map((a) => `${a.ref}: ${reasons.get(a.id)}`).join('\n') },
        { type: 'update-prompt', items: mine.map((a) => toActionItem(a, now)), asOf: now.toISOString() },
      ),
    await readAwayDay(store, now, zone),
  );
}
