import type { RatedStatus } from '../domain/status.ts';

/** What an update form (Slack modal, Teams card) submits. `status` null keeps the current status. */
export type UpdateFormValues = { planCode: string; ref: string; status: RatedStatus | null; note: string };

/**
 * The command text a submitted update form stands for, so forms and typed commands run the same
 * parser, rules and replies. The note follows `--`, which keeps it exactly as written.
 */
export function toUpdateCommandText({ planCode, ref, status, note }: UpdateFormValues): string {
  // `--` always: an empty form is a submission to refuse, not a request for the form.
  return [`update ${planCode}:${ref}`, status?.toLowerCase(), '--', note.trim()].filter(Boolean).join(' ');
}
