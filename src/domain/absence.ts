import type { OwnerContact } from './schedule-ports.ts';
import { toRoleKey } from './update-rules.ts';

// Days here are ISO `YYYY-MM-DD` local dates: they compare as text.

/** Someone away from `from` to `until`, both days included. */
export type Absence = { personId: string; displayName: string; from: string; until: string };

/** A role's deputy until `until` (included), and where to reach them. */
export type RoleCover = { roleKey: string; roleName: string; until: string; cover: OwnerContact };

/** Who is away and which roles have a deputy: what routing a day's messages reads. */
export type AwayState = { absences: readonly Absence[]; covers: readonly RoleCover[] };

/** Why an absence or cover cannot be set: the command layer words each one. */
export type AbsenceDateError = 'end_in_past' | 'end_before_start';

/** The absence that covers `day` for this person, or null when they are at work that day. */
export function findAbsenceOn(absences: readonly Absence[], personId: string, day: string): Absence | null {
  return absences.find((a) => a.personId === personId && a.from <= day && day <= a.until) ?? null;
}

/** The role's deputy on `day`, when one is named until then and is not away themself. */
export function findCoverOn(state: AwayState, roleKey: string, day: string): RoleCover | null {
  const cover = state.covers.find((c) => c.roleKey === roleKey && day <= c.until);
  return cover && !findAbsenceOn(state.absences, cover.cover.personId, day) ? cover : null;
}

/** Checks the days of an absence or cover set on `today`: the end must not have passed or precede the start. */
export function checkAbsenceDays(today: string, from: string, until: string): AbsenceDateError | null {
  if (until < today) return 'end_in_past';
  if (until < from) return 'end_before_start';
  return null;
}

/** One role of an away owner: who receives its messages instead (a cover), or null (held until return). */
export type CoveredRole = { roleKey: string; owner: Absence; cover: RoleCover | null };

/** Who receives what on a day: each person's roles, their own and those they cover for. */
export type Recipient = { contact: OwnerContact; ownRoleKeys: string[]; covering: CoveredRole[] };

/** What routing a day's owner messages gives: who receives, and whose messages wait for their return. */
export type Routing = { recipients: Recipient[]; held: { contact: OwnerContact; roleKeys: string[] }[] };

/**
 * Who receives the messages for each owner on `day`: an owner at work receives their own roles'; an
 * away owner's roles go to each role's cover (at work, named until then), and the rest are held for
 * them until they are back. A cover who owns roles too gets one message with both.
 */
export function routeOwners(contacts: readonly OwnerContact[], state: AwayState, day: string): Routing {
  const recipients = new Map<string, Recipient>();
  const recipientFor = (contact: OwnerContact) => {
    let found = recipients.get(contact.personId);
    if (!found) {
      found = { contact, ownRoleKeys: [], covering: [] };
      recipients.set(contact.personId, found);
    }
    return found;
  };
  const held: Routing['held'] = [];
  for (const contact of contacts) {
    const away = findAbsenceOn(state.absences, contact.personId, day);
    if (!away) {
      recipientFor(contact).ownRoleKeys.push(...contact.roleKeys);
      continue;
    }
    const kept: string[] = [];
    for (const roleKey of contact.roleKeys) {
      const cover = findCoverOn(state, roleKey, day);
      if (cover && cover.cover.personId !== contact.personId)
        recipientFor(cover.cover).covering.push({ roleKey, owner: away, cover });
      else kept.push(roleKey);
    }
    if (kept.length) held.push({ contact, roleKeys: kept });
  }
  // An owner who is also a cover: their own contact (with their roles) is the one kept.
  for (const contact of contacts) {
    const r = recipients.get(contact.personId);
    if (r) r.contact = contact;
  }
  return { recipients: [...recipients.values()], held };
}

/** The first of an action's owner roles that the asker covers (they may update it on its behalf), or null. */
export function findCoveredOwner(
  coveredRoles: readonly string[],
  ownerRoles: readonly string[],
): string | null {
  const covered = new Set(coveredRoles.map(toRoleKey));
  return ownerRoles.find((r) => covered.has(toRoleKey(r))) ?? null;
}
