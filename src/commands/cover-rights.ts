import { findCoveredOwner } from '../domain/absence.ts';
import type { Action } from '../domain/action.ts';
import { formatIsoDate, getLocalDate } from '../domain/zoned-time.ts';
import type { CommandContext } from './command.ts';

/**
 * The owner role of the action the asker covers today (they may update it on that role's behalf), or
 * false when they cover none of its roles.
 */
export async function findCoverRole(
  ctx: Pick<CommandContext, 'store' | 'clock' | 'person'>,
  action: Pick<Action, 'owners' | 'plan'>,
): Promise<string | false> {
  const today = formatIsoDate(getLocalDate(ctx.clock.now(), action.plan.timezone));
  const covered = await ctx.store.absences.listCoveredRoles(ctx.person.id, today);
  return findCoveredOwner(covered, action.owners) ?? false;
}
