import type { RatedStatus, Status } from './status.ts';

/** Longest note a progress update may carry, in characters. */
export const MAX_NOTE_LENGTH = 4000;

/** Why an update was refused; the command layer words each one. */
export type UpdateErrorCode =
  | 'empty_update'
  | 'note_required_for_red'
  | 'note_required_for_complete'
  | 'note_required_to_reopen'
  | 'note_too_long'
  | 'not_an_owner';

/** The decision on a requested update: what to record, or why not. */
export type UpdateDecision =
  | { ok: true; oldStatus: Status; newStatus: Status; note: string | null }
  | { ok: false; code: UpdateErrorCode };

/** Whether choosing this status always needs a note (forms ask for one before sending). */
export function requiresNote(status: RatedStatus): boolean {
  return status === 'RED' || status === 'COMPLETE';
}

/**
 * Decides a requested update. RED needs a note saying what blocks and what help is needed,
 * COMPLETE needs the evidence, and reopening a complete action needs the reason.
 */
export function decideUpdate(
  current: Status,
  requested: RatedStatus | null,
  rawNote: string | null,
): UpdateDecision {
  const note = rawNote?.trim() || null;
  if (!requested && !note) return { ok: false, code: 'empty_update' };
  if (note && note.length > MAX_NOTE_LENGTH) return { ok: false, code: 'note_too_long' };
  const next = requested ?? current;
  if (!note && requested === 'RED') return { ok: false, code: 'note_required_for_red' };
  if (!note && requested === 'COMPLETE' && current !== 'COMPLETE') {
    return { ok: false, code: 'note_required_for_complete' };
  }
  if (!note && current === 'COMPLETE' && next !== 'COMPLETE')
    return { ok: false, code: 'note_required_to_reopen' };
  return { ok: true, oldStatus: current, newStatus: next, note };
}

/** Admins, and people holding one of the action's owner roles, may update it. */
export function canUpdate(
  heldRoles: readonly string[],
  ownerRoles: readonly string[],
  isAdmin: boolean,
): boolean {
  if (isAdmin) return true;
  const held = new Set(heldRoles.map(toRoleKey));
  return ownerRoles.some((r) => held.has(toRoleKey(r)));
}

/** The key two role names match on: case and spacing do not matter. */
export function toRoleKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
