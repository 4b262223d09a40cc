import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../logger.ts';

// Tokens and secrets never reach a log line, whatever Bolt or the Web API client decide to print.
const SECRET =
  /\b(xox[abposr]-[\w-]+|xapp-[\w-]+)|("?(?:token|signing_?secret|client_secret|authorization)"?\s*[:=]\s*"?)[^\s",}]+/gi;

/** Removes tokens and secrets from text that is about to be logged. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET, (_m, token: string | undefined, key: string | undefined) =>
    token ? '[redacted]' : `${key}[redacted]`,
  );
}

/** Bolt's logger interface over ours, redacting secrets. Bolt's debug output (request bodies) is never enabled. */
export function createBoltLogger(logger: Logger): SlackLogger {
  const write =
    (level: 'info' | 'warn' | 'error') =>
    (...messages: unknown[]) =>
      logger[level](`slack: ${redactSecrets(messages.map(describe).join(' '))}`);
  return {
    debug: () => {},
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

function describe(message: unknown): string {
  if (message instanceof Error) return `${message.name}: ${message.message}`;
  return typeof message === 'string' ? message : JSON.stringify(message);
}
