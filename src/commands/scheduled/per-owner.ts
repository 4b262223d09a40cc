import { type Recipient, routeOwners } from '../../domain/absence.ts';
import type { Action } from '../../domain/action.ts';
import type { DeliveryTarget, NewDelivery, OwnerContact } from '../../domain/schedule-ports.ts';
import { toRoleKey } from '../../domain/update-rules.ts';
import type { Reply } from '../reply.ts';
import { type AwayDay, addCoverNote } from './away-routing.ts';

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

/**
 * One delivery per person: their actions in `pick` (non-empty), as a single message. With `away`, an
 * away owner's actions go to their roles' covers (told whom they stand in for), or are held for them
 * until they are back (see routeOwners).
 */
export function composePerOwner(
  contacts: OwnerContact[],
  actions: Action[],
  platforms: ReachablePlatforms,
  compose: (contact: OwnerContact, mine: Action[]) => Reply | null,
  away?: AwayDay,
): NewDelivery[] {
  const routing = away
    ? routeOwners(contacts, away.state, away.day)
    : {
        recipients: contacts.map((c): Recipient => ({ contact: c, ownRoleKeys: c.roleKeys, covering: [] })),
        held: [],
      };
  const ownedBy = (roleKeys: readonly string[]) => {
    const roles = new Set(roleKeys);
    return actions.filter((a) => a.owners.some((o) => roles.has(toRoleKey(o))));
  };
  const deliver = (contact: OwnerContact, mine: Action[], held: boolean, note?: Recipient) => {
    const composed = mine.length > 0 ? compose(contact, mine) : null;
    const message = composed && note ? addCoverNote(composed, note, mine) : composed;
    if (!message) return [];
    const delivery = {
      recipient: `person:${contact.personId}`,
      target: findTarget(contact, platforms),
      message,
    };
    return [held ? { ...delivery, held } : delivery];
  };
  return [
    ...routing.recipients.flatMap((r) =>
      deliver(r.contact, ownedBy([...r.ownRoleKeys, ...r.covering.map((c) => c.roleKey)]), false, r),
    ),
    ...routing.held.flatMap((h) => deliver(h.contact, ownedBy(h.roleKeys), true)),
  ];
}
