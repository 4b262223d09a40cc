import type { AwayState } from './absence.ts';

/** What changing a role's cover did; `no-role` when there is no such role (nothing written). */
export type CoverChange = 'set' | 'ended' | 'none' | 'no-role';

/** Absences and role covers; days are ISO `YYYY-MM-DD`. Each change writes an audit event with it. */
export type AbsenceRepository = {
  /** Sets someone's absence, replacing any they had. */
  setAbsence(personId: string, from: string, until: string, actorId: string): Promise<void>;
  /** Removes someone's absence (back early, or a planned one called off): `none` when they had none. */
  endAbsence(personId: string, actorId: string): Promise<'ended' | 'none'>;
  /** Names a role's cover until a day, replacing any: `no-role` when there is no such role. */
  setCover(roleName: string, personId: string, until: string, actorId: string): Promise<CoverChange>;
  /** Ends a role's cover: `none` when it had none, `no-role` when there is no such role. */
  endCover(roleName: string, actorId: string): Promise<CoverChange>;
  /** The names of the roles this person covers on `day` (they may update those roles' actions). */
  listCoveredRoles(personId: string, day: string): Promise<string[]>;
  /** Absences not yet over on `day` and covers named until then, with each cover's contact. */
  getAwayState(day: string): Promise<AwayState>;
};
