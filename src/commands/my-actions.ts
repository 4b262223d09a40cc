import type { Action } from '../domain/action.ts';
import { toRoleKey } from '../domain/update-rules.ts';
import type { CommandContext } from './command.ts';

/** The actions owned by any role the asker holds. */
export async function findMyActions(ctx: Pick<CommandContext, 'store' | 'person'>): Promise<Action[]> {
  const roles = await ctx.store.people.getRoleNames(ctx.person.id);
  if (roles.length === 0) return [];
  return ctx.store.actions.findActions({ ownerRoleKeys: roles.map(toRoleKey) });
}
