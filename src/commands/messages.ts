import { MAX_NOTE_LENGTH, type UpdateErrorCode } from '../domain/update-rules.ts';
import type { FormField, Refusal } from './reply.ts';

/** The form input each refused update concerns: front doors with forms show the refusal there. */
const UPDATE_ERROR_FIELD: Record<UpdateErrorCode, FormField> = {
  empty_update: 'note', // the form kept the status and left the note empty
  note_required_for_red: 'note',
  note_required_for_complete: 'note',
  note_required_to_reopen: 'note',
  note_too_long: 'note',
  not_an_owner: 'action',
};

/** A refused update's code and field, as they travel to the front doors. */
export function toUpdateRefusal(code: UpdateErrorCode): Refusal {
  return { code, field: UPDATE_ERROR_FIELD[code] };
}

/** The reply for each refused update, short and saying what to do instead. */
export function describeUpdateError(code: UpdateErrorCode, ref: string): string {
  switch (code) {
    case 'empty_update':
      return `Nothing to record for ${ref}: give a status (red, amber, green, complete) and/or a note.`;
    case 'note_required_for_red':
      return `Red needs a note: say what is blocking ${ref} and what help is needed.`;
    case 'note_required_for_complete':
      return `Complete needs a note with the evidence that ${ref} is done.`;
    case 'note_required_to_reopen':
      return `${ref} is complete; to reopen it, add a note saying why.`;
    case 'note_too_long':
      return `That note is too long: keep it under ${MAX_NOTE_LENGTH} characters.`;
    case 'not_an_owner':
      return `You can't update ${ref}: only its owners and admins can. Ask an admin to add you to its owner role.`;
  }
}
