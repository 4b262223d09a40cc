import { type Action, getActionCycleRule } from '../../domain/action.ts';
import { findMissedUpdates, getEscalationSlots, isWorkingDayAt } from '../../domain/escalation.ts';
import { formatLongDate } from '../../domain/format.ts';
import type { PlanSummary, Store } from '../../domain/ports.ts';
import type { ScheduleSettings, Slot } from '../../domain/schedule.ts';
import type { NewDelivery, OwnerContact } from '../../domain/schedule-ports.ts';
import type { Sponsorship } from '../../domain/sponsor-ports.ts';
import { toRoleKey } from '../../domain/update-rules.ts';
import type { LocalDate } from '../../domain/zoned-time.ts';
import { toActionItem } from '../present.ts';
import { createReply, type Reply } from '../reply.ts';
import { describeHolders, toSponsoredActions } from '../sponsors.ts';
import { composePerOwner, type ReachablePlatforms } from './per-owner.ts';

/** A deadline as people type it back (`nudge ARAP 18/01/2027`): en-GB, day first. */
export function formatTypedDate(date: LocalDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.day)}/${pad(date.month)}/${date.year}`;
}

/**
 * A plan's escalation of the updates due by `deadline`: ONE message per sponsor (a holder of the
 * plan's sponsor role, or of a theme's), listing the actions they answer for that still have no update
 * in that cycle, with their owners and a button to nudge them. Nothing when every action was updated.
 */
export async function composeEscalations(
  store: Store,
  planCode: string,
  deadline: LocalDate,
  now: Date,
  settings: ScheduleSettings,
  platforms: ReachablePlatforms,
): Promise<NewDelivery[]> {
  const missed = findMissedUpdates(
    await store.actions.findActions({ planCodes: [planCode] }),
    deadline,
    now,
    settings,
  );
  if (missed.length === 0) return [];
  const [sponsors, contacts] = await Promise.all([
    store.sponsors.listSponsors(planCode),
    store.scheduleReads.listOwnerContacts(),
  ]);
  const byId = new Map(missed.map((a) => [a.id, a]));
  return composePerOwner(contacts, toSponsoredActions(missed, sponsors), platforms, (contact, mine) =>
    composeEscalation(
      mine.map((a) => byId.get(a.id) as Action),
      sponsors.filter((s) => contact.roleKeys.includes(s.roleKey)),
      contacts,
      deadline,
      now,
    ),
  );
}

function composeEscalation(
  actions: Action[],
  held: Sponsorship[],
  contacts: OwnerContact[],
  deadline: LocalDate,
  now: Date,
): Reply {
  const plan = (actions[0] as Action).plan;
  const as = [...new Set(held.map((s) => (s.theme ? `${s.role}, theme ${s.theme.ref}` : s.role)))].join('; ');
  const count = actions.length === 1 ? 'one action still has' : `${actions.length} actions still have`;
  const roles = [...new Set(actions.flatMap((a) => a.owners))];
  const owners = roles.map((role) => {
    const holders = contacts.filter((c) => c.roleKeys.includes(toRoleKey(role)));
    return `${role}: ${holders.length ? describeHolders(holders) : 'nobody holds this role yet'}`;
  });
  return createReply(
    { type: 'heading', text: `${plan.code}: updates missing after the deadline` },
    {
      type: 'paragraph',
      text: `Updates to ${plan.title} were due by ${formatLongDate(deadline)}. As its sponsor (${as}), you hear that ${count} none this cycle:`,
    },
    { type: 'actions', items: actions.map((a) => toActionItem(a, now)) },
    { type: 'paragraph', text: `Owners:\n${owners.join('\n')}` },
    {
      type: 'command-button',
      label: 'Nudge the owners',
      command: `nudge ${plan.code} ${formatTypedDate(deadline)}`,
    },
  );
}

/**
 * A plan's escalation slots at `now` (see getEscalationSlots), none on a weekend or bank holiday: a
 * slot caught up after downtime waits for a working day like the ones it is set on.
 */
export function dueEscalations(
  plan: PlanSummary,
  now: Date,
  settings: ScheduleSettings,
): (Slot & { deadline: LocalDate })[] {
  if (!isWorkingDayAt(now, plan.timezone, settings)) return [];
  const rules = [getActionCycleRule({ plan, updateCycle: null }), ...plan.actionCycles];
  return getEscalationSlots(plan, rules, now, settings);
}
