import type { Logger as CronLogger } from 'node-cron';
import type { Logger } from '../logger.ts';

/**
 * node-cron's own lines (a tick missed because the process was busy, say) as our JSON log lines:
 * its default logger writes coloured text to the console, which would break the one-JSON-object-
 * per-line rule on stderr. A missed tick is harmless (the next one catches up), so it is debug.
 */
export function cronLogger(logger: Logger): CronLogger {
  const text = (message: string | Error) => (message instanceof Error ? message.message : message);
  return {
    info: (message) => logger.debug('node-cron', { said: text(message) }),
    warn: (message) => logger.debug('node-cron', { said: text(message) }),
    debug: (message) => logger.debug('node-cron', { said: text(message) }),
    error: (message, error) => logger.error('node-cron failed', { error: error ?? message }),
  };
}
