import { truncate } from './format.ts';

// What of an error may be written to a log: its kind and where it was thrown, and its message only
// where the message cannot quote a person (see describeError). Pure, so the command pipeline (which
// may import only the domain) and the logger describe errors the same way.

/** Stack frames an error is logged with: enough to say where, never a whole recursion. */
const LOGGED_FRAMES = 5;
/** Longest error message logged (its first line only). */
const MAX_MESSAGE = 200;

/** An error as logged: its kind (its code when it has one, else its name), its message's first line, where. */
export type LoggedError = { kind: string; message?: string; stack: string[] };

/**
 * An error as a log field. `message: false` leaves the message out, for errors that may quote what a
 * person typed (a Prisma validation error prints the arguments of the query). The stack is frames only:
 * its first line repeats the message.
 */
export function describeError(error: unknown, { message = true } = {}): LoggedError {
  if (!(error instanceof Error)) return { kind: typeof error, stack: [] };
  const code = (error as { code?: unknown }).code;
  const kind = typeof code === 'string' && code ? code : error.name;
  // V8's stack opens with "Name: message", and the message may run over lines: only what follows is frames.
  const header = error.message ? `${error.name}: ${error.message}` : error.name;
  const raw = error.stack ?? '';
  const stack = (raw.startsWith(header) ? raw.slice(header.length) : raw)
    .split('\n')
    .filter((line) => /^\s+at \S/.test(line))
    .slice(0, LOGGED_FRAMES)
    .map((line) => line.trim());
  if (!message) return { kind, stack };
  const first = error.message.trim().split('\n', 1)[0] ?? '';
  return { kind, message: truncate(first, MAX_MESSAGE), stack };
}
