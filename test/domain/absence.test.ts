import { describe, expect, it } from 'vitest';
import {
  type AwayState,
  checkAbsenceDays,
  findAbsenceOn,
  findCoveredOwner,
  findCoverOn,
  routeOwners,
} from '../../src/domain/absence.ts';
import type { OwnerContact } from '../../src/domain/schedule-ports.ts';

const contact = (personId: string, roleKeys: string[]): OwnerContact => ({
  personId,
  displayName: personId,
  email: null,
  roleKeys,
  identities: [{ platform: 'slack', externalId: `U${personId}` }],
});
const HARPER = contact('harper', ['head of people services', 'chief executive']);
const CHRIS = contact('chris', ['chief executive']);
const BOB = contact('bob', []);
const away = (personId: string, from: string, until: string) => ({
  personId,
  displayName: personId,
  from,
  until,
});

describe('who is away on a day', () => {
  it('counts both ends of an absence and nothing outside it', () => {
    const absences = [away('harper', '2026-12-20', '2027-01-04')];
    expect(findAbsenceOn(absences, 'harper', '2026-12-19')).toBeNull();
    expect(findAbsenceOn(absences, 'harper', '2026-12-20')).not.toBeNull();
    expect(findAbsenceOn(absences, 'harper', '2027-01-04')).not.toBeNull();
    expect(findAbsenceOn(absences, 'harper', '2027-01-05')).toBeNull();
    expect(findAbsenceOn(absences, 'chris', '2026-12-24')).toBeNull();
  });

  it('refuses an end that has passed, then one before the start', () => {
    expect(checkAbsenceDays('2026-11-22', '2026-11-22', '2026-11-21')).toBe('end_in_past');
    expect(checkAbsenceDays('2026-11-22', '2026-12-20', '2026-12-01')).toBe('end_before_start');
    expect(checkAbsenceDays('2026-11-22', '2026-11-01', '2026-11-22')).toBeNull();
  });
});

describe('who receives for a role on a day', () => {
  const hrCover = {
    roleKey: 'head of people services',
    roleName: 'Head of People Services',
    until: '2027-01-10',
    cover: BOB,
  };
  const state: AwayState = { absences: [away('harper', '2026-12-01', '2027-01-15')], covers: [hrCover] };

  it("sends an away owner's covered role to the cover and holds the rest for their return", () => {
    const routing = routeOwners([HARPER, CHRIS], state, '2027-01-04');
    expect(
      routing.recipients.map((r) => [r.contact.personId, r.ownRoleKeys, r.covering.map((c) => c.roleKey)]),
    ).toEqual([
      ['bob', [], ['head of people services']],
      ['chris', ['chief executive'], []],
    ]);
    expect(routing.held.map((h) => [h.contact.personId, h.roleKeys])).toEqual([
      ['harper', ['chief executive']],
    ]);
  });

  it('holds everything once the cover has ended, and nothing once the owner is back', () => {
    expect(findCoverOn(state, 'head of people services', '2027-01-11')).toBeNull();
    expect(routeOwners([HARPER], state, '2027-01-11').held[0]?.roleKeys).toEqual(HARPER.roleKeys);
    const back = routeOwners([HARPER], state, '2027-01-16');
    expect(back.held).toEqual([]);
    expect(back.recipients[0]?.ownRoleKeys).toEqual(HARPER.roleKeys);
  });

  it('does not route to a cover who is away too, and merges a cover who owns roles into one recipient', () => {
    const bobAway = { ...state, absences: [...state.absences, away('bob', '2027-01-01', '2027-01-31')] };
    expect(findCoverOn(bobAway, 'head of people services', '2027-01-04')).toBeNull();
    const chrisCovers = { ...state, covers: [{ ...hrCover, cover: { ...CHRIS, roleKeys: [] } }] };
    const routing = routeOwners([HARPER, CHRIS], chrisCovers, '2027-01-04');
    expect(routing.recipients).toHaveLength(1);
    expect(routing.recipients[0]).toMatchObject({ contact: CHRIS, ownRoleKeys: ['chief executive'] });
    expect(routing.recipients[0]?.covering.map((c) => c.owner.personId)).toEqual(['harper']);
  });

  it("finds the owner role a cover may update on behalf of, by the role's key", () => {
    expect(
      findCoveredOwner(['head of  People Services'], ['Chief Executive', 'Head of People Services']),
    ).toBe('Head of People Services');
    expect(findCoveredOwner(['Head of Communications'], ['Chief Executive'])).toBeNull();
  });
});
