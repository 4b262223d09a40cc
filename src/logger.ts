import { describeError } from './domain/logged-error.ts';

/** How much to log. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** Structured fields logged with a message. */
export type LogFields = Record<string, unknown>;

/** The logger every part gets injected; tests pass one that records lines. */
export type Logger = Record<LogLevel, (message: string, fields?: LogFields) => void>;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A logger writing one JSON object per line to a stream (stderr by default, keeping stdout for replies). */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const log =
    (at: LogLevel) =>
    (message: string, fields: LogFields = {}) => {
      if (RANK[at] < RANK[level]) return;
      write(
        `${JSON.stringify({ time: new Date().toISOString(), level: at, msg: message, ...serialise(fields) })}\n`,
      );
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

function serialise(fields: LogFields): LogFields {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, v instanceof Error ? describeError(v) : v]),
  );
}
