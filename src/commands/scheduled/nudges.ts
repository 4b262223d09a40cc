import type { Action } from '../../domain/action.ts';
import { formatLongDate } from '../../domain/format.ts';
import type { NewDelivery, OwnerContact } from '../../domain/schedule-ports.ts';
import { formatIsoDate, type LocalDate } from '../../domain/zoned-time.ts';
import { toActionItem } from '../present.ts';
import { createReply } from '../reply.ts';
import { composePerOwner, type ReachablePlatforms } from './per-owner.ts';

/** The one-off run of one owner's nudge for a plan's deadline: posted once, whoever presses. */
export function getNudgeKey(planCode: string, deadline: LocalDate, recipient: string): string {
  return `post:nudge:${planCode}:${formatIsoDate(deadline)}:${recipient}`;
}

/**
 * A sponsor's nudge: one reminder per owner of `actions` (still without the update due by `deadline`),
 * saying who asks, with the quick status buttons of a prompt. Each is posted under its own key, so an
 * owner gets one whoever presses and however often.
 */
export function composeNudges(
  contacts: OwnerContact[],
  actions: Action[],
  deadline: LocalDate,
  askedBy: string,
  platforms: ReachablePlatforms,
  now: Date,
): (NewDelivery & { key: string; name: string })[] {
  const plan = actions[0]?.plan;
  if (!plan) return [];
  const names = new Map(contacts.map((c) => [`person:${c.personId}`, c.displayName]));
  return composePerOwner(contacts, actions, platforms, (_contact, mine) =>
    createReply(
      { type: 'heading', text: `Reminder from ${askedBy}: ${plan.code} updates` },
      {
        type: 'paragraph',
        text: `${askedBy} asks for your update: ${mine.length === 1 ? 'this action was' : `these ${mine.length} actions were`} due an update by ${formatLongDate(deadline)} and ${mine.length === 1 ? 'has' : 'have'} none yet.`,
      },
      { type: 'update-prompt', items: mine.map((a) => toActionItem(a, now)), asOf: now.toISOString() },
    ),
  ).map((d) => ({
    ...d,
    key: getNudgeKey(plan.code, deadline, d.recipient),
    name: names.get(d.recipient) ?? d.recipient,
  }));
}
