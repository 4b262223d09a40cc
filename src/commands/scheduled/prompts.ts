import { getActionCycleRule, needsUpdate } from '../../domain/action.ts';
import { describeCycle } from '../../domain/cycle.ts';
import { formatLongDate } from '../../domain/format.ts';
import type { Store } from '../../domain/ports.ts';
import { getOpeningSlot, type ScheduleSettings, type Slot } from '../../domain/schedule.ts';
import type { NewDelivery } from '../../domain/schedule-ports.ts';
import type { LocalDate } from '../../domain/zoned-time.ts';
import { toActionItem } from '../present.ts';
import { createReply } from '../reply.ts';
import { type ActionOpening, createOpeningLookup } from './action-openings.ts';
import { readAwayDay } from './away-routing.ts';
import { composePerOwner, type ReachablePlatforms } from './per-owner.ts';

/**
 * The prompts of a plan's cycle opening `slot` (the plan's own cycle, or one its actions follow):
 * ONE message per owner listing every action of theirs that opened there and needs an update, with
 * quick status buttons (the `update-prompt` block). Cycles opening together share the one message.
 */
export async function composeCyclePrompts(
  store: Store,
  planCode: string,
  now: Date,
  settings: ScheduleSettings,
  platforms: ReachablePlatforms,
  slot?: Slot,
): Promise<NewDelivery[]> {
  const all = await store.actions.findActions({ planCodes: [planCode] });
  const plan = all[0]?.plan;
  if (!plan) return [];
  const key =
    slot?.key ?? getOpeningSlot(plan, getActionCycleRule({ plan, updateCycle: null }), now, settings).key;
  const getActionOpening = createOpeningLookup(now, settings);
  const due = new Map<string, ActionOpening>();
  for (const a of all) {
    const opened = getActionOpening(a);
    if (opened.opening.key === key && needsUpdate(a, now)) due.set(a.id, opened);
  }
  const actions = all.filter((a) => due.has(a.id));
  return composePerOwner(
    await store.scheduleReads.listOwnerContacts(),
    actions,
    platforms,
    (_contact, mine) => {
      const cycles = [...new Set(mine.map((a) => describeCycle(getActionCycleRule(a).cycle)))].join(' and ');
      const deadlines = new Map(
        mine.map((a) => [a.ref, formatLongDate(due.get(a.id)?.deadline as LocalDate)]),
      );
      const byWhen =
        new Set(deadlines.values()).size === 1
          ? `by ${[...deadlines.values()][0]}`
          : `(${[...deadlines].map(([ref, day]) => `${ref} by ${day}`).join(', ')})`;
      return createReply(
        { type: 'heading', text: `Time to update ${plan.code}: ${plan.title}` },
        {
          type: 'paragraph',
          text: `The ${cycles} update cycle is open. ${mine.length === 1 ? 'This action needs' : `These ${mine.length} actions need`} an update ${byWhen}.`,
        },
        { type: 'update-prompt', items: mine.map((a) => toActionItem(a, now)), asOf: now.toISOString() },
      );
    },
    await readAwayDay(store, now, plan.timezone),
  );
}
