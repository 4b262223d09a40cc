import { findAbsenceOn, findCoverOn } from '../../domain/absence.ts';
import type { Action } from '../../domain/action.ts';
import type { Store } from '../../domain/ports.ts';
import type { OwnerContact } from '../../domain/schedule-ports.ts';
import { toRoleKey } from '../../domain/update-rules.ts';
import { formatIsoDate, getLocalDate } from '../../domain/zoned-time.ts';
import { formatIsoLong } from '../away-dates.ts';

/**
 * The digest's line on a plan's owners who are away today, one a person: "Harper HR away until 15
 * January 2027, covered by Bob Jones" or "..., prompts held until return"; null when nobody is away.
 */
export async function describeAwayOwners(
  store: Pick<Store, 'absences'>,
  contacts: readonly OwnerContact[],
  actions: readonly Action[],
  now: Date,
): Promise<string | null> {
  const first = actions[0];
  if (!first) return null;
  const day = formatIsoDate(getLocalDate(now, first.plan.timezone));
  const state = await store.absences.getAwayState(day);
  if (!state.absences.some((a) => a.from <= day)) return null;
  const planRoles = new Set(actions.flatMap((a) => a.owners.map(toRoleKey)));
  const lines = contacts.flatMap((contact) => {
    const away = findAbsenceOn(state.absences, contact.personId, day);
    const roles = contact.roleKeys.filter((r) => planRoles.has(r));
    if (!away || roles.length === 0) return [];
    const parts = roles.map((roleKey) => {
      const cover = findCoverOn(state, roleKey, day);
      return {
        role: cover?.roleName ?? roleKey,
        by: cover && cover.cover.personId !== contact.personId ? cover.cover.displayName : null,
      };
    });
    const byAll = new Set(parts.map((p) => p.by));
    const how =
      byAll.size === 1
        ? parts[0]?.by
          ? `covered by ${parts[0].by}`
          : 'prompts held until return'
        : parts
            .map((p) => (p.by ? `${p.role} covered by ${p.by}` : `${p.role} held until return`))
            .join('; ');
    return [`${contact.displayName} away until ${formatIsoLong(away.until)}, ${how}`];
  });
  return lines.length ? `Away (${lines.length}):\n${lines.join('\n')}` : null;
}
