import { describe, expect, it } from 'vitest';
import { canUpdate, decideUpdate, MAX_NOTE_LENGTH } from '../../src/domain/update-rules.ts';

describe('decideUpdate', () => {
  it.each([
    ['NOT_RATED', 'GREEN', null, { ok: true, oldStatus: 'NOT_RATED', newStatus: 'GREEN', note: null }],
    [
      'AMBER',
      null,
      '  Met the network  ',
      { ok: true, oldStatus: 'AMBER', newStatus: 'AMBER', note: 'Met the network' },
    ],
    ['AMBER', 'RED', 'Blocked on budget; need CLT decision', { ok: true, newStatus: 'RED' }],
    ['GREEN', 'COMPLETE', 'Policy published 3 March', { ok: true, newStatus: 'COMPLETE' }],
    ['COMPLETE', 'COMPLETE', null, { ok: true, newStatus: 'COMPLETE' }],
    ['COMPLETE', 'AMBER', 'Reopened after audit', { ok: true, oldStatus: 'COMPLETE', newStatus: 'AMBER' }],
  ] as const)('%s + %s + %s is allowed', (current, requested, note, expected) => {
    expect(decideUpdate(current, requested, note)).toMatchObject(expected);
  });

  it.each([
    ['GREEN', null, null, 'empty_update'],
    ['GREEN', null, '   ', 'empty_update'],
    ['AMBER', 'RED', null, 'note_required_for_red'],
    ['RED', 'RED', ' ', 'note_required_for_red'],
    ['GREEN', 'COMPLETE', null, 'note_required_for_complete'],
    ['COMPLETE', 'GREEN', null, 'note_required_to_reopen'],
    ['GREEN', 'GREEN', 'x'.repeat(MAX_NOTE_LENGTH + 1), 'note_too_long'],
  ] as const)('%s + %s + %s is refused: %s', (current, requested, note, code) => {
    expect(decideUpdate(current, requested, note)).toEqual({ ok: false, code });
  });
});

describe('canUpdate', () => {
  it('lets holders of any owner role update, whatever the case and spacing', () => {
    expect(
      canUpdate(['head of  people services'], ['Chief Executive', 'Head of People Services'], false),
    ).toBe(true);
  });
  it('refuses people without an owner role, unless they are admins', () => {
    expect(canUpdate(['Head of Communications'], ['Chief Executive'], false)).toBe(false);
    expect(canUpdate([], ['Chief Executive'], true)).toBe(true);
  });
});
