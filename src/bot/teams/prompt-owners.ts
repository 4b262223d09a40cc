import type { Reply } from '../../commands/reply.ts';
import type { Store } from '../../domain/ports.ts';
import { toRoleKey } from '../../domain/update-rules.ts';
import { MAX_REFRESH_USERS } from './prompt-refresh.ts';

/**
 * The Teams user ids (MRIs, `29:...`) of the people holding the owner roles of a prompt's actions, as
 * their stored personal conversations name them: the `refresh.userIds` of a prompt card in a channel,
 * so only owners get its buttons kept current. People never seen in Teams have no id to give.
 */
export async function findPromptOwnerIds(
  store: Pick<Store, 'scheduleReads' | 'conversations'>,
  reply: Reply,
): Promise<string[]> {
  const roles = new Set(
    reply.blocks
      .flatMap((b) => (b.type === 'update-prompt' ? b.items.flatMap((i) => i.owners) : []))
      .map(toRoleKey),
  );
  if (roles.size === 0) return [];
  const contacts = (await store.scheduleReads.listOwnerContacts()).filter((c) =>
    c.roleKeys.some((k) => roles.has(k)),
  );
  const ids: string[] = [];
  for (const contact of contacts) {
    for (const identity of contact.identities.filter((i) => i.platform === 'teams')) {
      const stored = await store.conversations.find('teams', 'person', identity.externalId);
      const id = readUserId(stored?.reference);
      if (id && !ids.includes(id)) ids.push(id);
      if (ids.length >= MAX_REFRESH_USERS) return ids;
    }
  }
  return ids;
}

/** The user id a stored Teams conversation reference names (`user.id`), if any. */
export function readUserId(reference: Record<string, unknown> | undefined): string | null {
  const id = (reference?.user as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id ? id : null;
}
