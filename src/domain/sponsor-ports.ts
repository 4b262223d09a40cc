import type { Person } from './person.ts';

/**
 * A sponsor: the role (the senior responsible officer, "Executive Director, People") that answers for a
 * whole plan (`theme` null) or one of its themes, and the people who hold it, as with owner roles.
 */
export type Sponsorship = {
  planCode: string;
  theme: { ref: string; title: string } | null;
  role: string;
  roleKey: string;
  holders: Person[];
};

/** Where a sponsor is set: a plan, or one of its themes. */
export type SponsorTarget = { planCode: string; themeRef: string | null };

/** What setting a sponsor did: the role now named (null: cleared), or why nothing was written. */
export type SponsorChange =
  | { ok: true; role: string | null }
  | { ok: false; reason: 'no-plan' | 'no-theme' | 'no-role' };

/** Plans' and themes' sponsor roles, and how long after a deadline each plan escalates. */
export type SponsorRepository = {
  /** Every sponsor (of one plan, when given), plans first, then themes in plan order. */
  listSponsors(planCode?: string): Promise<Sponsorship[]>;
  /**
   * Names the sponsor role of a plan or theme (null: none), with an audit event. The role must exist
   * unless `create` (then it is added, with no holders yet); nothing is written when it cannot be set.
   */
  setSponsor(
    target: SponsorTarget,
    role: { name: string; create: boolean } | null,
    actorId: string,
  ): Promise<SponsorChange>;
  /** Sets a plan's working days from deadline to escalation (null: off), with an audit event; false: no plan. */
  setEscalation(planCode: string, days: number | null, actorId: string): Promise<boolean>;
};
