import type { Action } from '../../domain/action.ts';
import type { DeliveryTarget, NewDelivery, OwnerContact } from '../../domain/schedule-ports.ts';
import { toRoleKey } from '../../domain/update-rules.ts';
import type { Reply } from '../reply.ts';

/** Which platforms can send, in the order a person's identities are tried. */
export type ReachablePlatforms = readonly ('slack' | 'teams')[];

/** Where to reach a person: their first identity on a platform that can send, or null (unreachable). */
export function findTarget(contact: OwnerContact, platforms: ReachablePlatforms): DeliveryTarget | null {
  for (const platform of platforms) {
    const identity = contact.identities.find((i) => i.platform === platform);
    if (identity) return { platform, kind: 'person', id: identity.externalId };
  }
  return null;
}

/** One delivery per person: their actions in `pick` (non-empty), as a single message. */
export function composePerOwner(
  contacts: OwnerContact[],
  actions: Action[],
  platforms: ReachablePlatforms,
  compose: (contact: OwnerContact, mine: Action[]) => Reply | null,
): NewDelivery[] {
  return contacts.flatMap((contact) => {
    const roles = new Set(contact.roleKeys);
    const mine = actions.filter((a) => a.owners.some((o) => roles.has(toRoleKey(o))));
    const message = mine.length > 0 ? compose(contact, mine) : null;
    return message
      ? [{ recipient: `person:${contact.personId}`, target: findTarget(contact, platforms), message }]
      : [];
  });
}
