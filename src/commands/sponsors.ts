import type { Action } from '../domain/action.ts';
import type { Person } from '../domain/person.ts';
import type { Sponsorship, SponsorTarget } from '../domain/sponsor-ports.ts';

/** `ARAP` or `ARAP theme 2`, as replies name where a sponsor is set. */
export function describeSponsorTarget(target: SponsorTarget): string {
  return target.themeRef ? `${target.planCode} theme ${target.themeRef}` : target.planCode;
}

/** The people holding a role, by name: `Jane Smith and Sam Lee`. */
export function describeHolders(holders: readonly Pick<Person, 'displayName'>[]): string {
  const names = holders.map((h) => h.displayName);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? 'nobody');
}

/** A plan's escalation in words: `hears 2 working days after a deadline`, or that it is off. */
export function describeEscalation(days: number | null): string {
  if (days === null) return 'escalation is off';
  return `escalates ${days} working day${days === 1 ? '' : 's'} after a deadline`;
}

/** The sponsor roles (by key) that answer for an action: its plan's and its theme's. */
export function getSponsorRoles(action: Action, sponsors: readonly Sponsorship[]): Sponsorship[] {
  return sponsors.filter(
    (s) => s.planCode === action.plan.code && (s.theme === null || s.theme.ref === action.theme?.ref),
  );
}

/**
 * The actions as their sponsors hold them: each copy's `owners` are its plan's and theme's sponsor
 * roles, so the one per-person composer (`composePerOwner`) gives every sponsor one message listing
 * what they answer for, reaching them exactly as owners are reached. Actions without a sponsor drop out.
 */
export function toSponsoredActions(actions: readonly Action[], sponsors: readonly Sponsorship[]): Action[] {
  return actions.flatMap((a) => {
    const roles = getSponsorRoles(a, sponsors).map((s) => s.role);
    return roles.length ? [{ ...a, owners: roles }] : [];
  });
}

/** Whether someone holding these role keys sponsors the plan, or the theme of the action. */
export function isSponsorOf(
  roleKeys: ReadonlySet<string>,
  action: Action,
  sponsors: readonly Sponsorship[],
): boolean {
  return getSponsorRoles(action, sponsors).some((s) => roleKeys.has(s.roleKey));
}
