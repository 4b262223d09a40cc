import type { AdminEntry, Platform } from '../domain/person.ts';
import { ConfigError } from './config-error.ts';

/** Parses ACTIONBOT_ADMINS: comma-separated `slack:U…`, `teams:<aad id>`, `console:<name>` or emails. */
export function parseAdmins(text: string): AdminEntry[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^(slack|teams|console):(.+)$/.exec(entry);
      if (m?.[1] && m[2]) return { platform: m[1] as Platform, externalId: m[2] };
      if (/^[^@\s]+@[^@\s]+$/.test(entry)) return { email: entry.toLowerCase() };
      throw new ConfigError(
        `ACTIONBOT_ADMINS: "${entry}" is not slack:<user id>, teams:<aad object id>, console:<name> or an email address`,
      );
    });
}
