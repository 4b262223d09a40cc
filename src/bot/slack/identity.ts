import type { webApi } from '@slack/bolt';
import type { Actor } from '../../domain/person.ts';
import type { Logger } from '../../logger.ts';

const CACHE_MS = 10 * 60_000;
const MAX_CACHED = 5_000;
// Slack writes mentions as <@U123> or, with "escape users" on, <@U123|jane>; W… ids are Enterprise Grid users.
const MENTION = /^<@([UW][A-Z0-9]{2,30})(?:\|[^>]*)?>$/;

/** Who a Slack user is, from users.info (name, email, zone), remembered for a few minutes. */
export type SlackIdentity = {
  actorFor(userId: string, fallbackName?: string): Promise<Actor>;
  /** `<@U123>` / `<@U123|name>` to the person it names; null for anything else. */
  resolveMention(word: string): Promise<Actor | null>;
};

export function createSlackIdentity(client: webApi.WebClient, logger: Logger): SlackIdentity {
  const cache = new Map<string, { actor: Actor; until: number }>();

  async function actorFor(userId: string, fallbackName?: string): Promise<Actor> {
    const hit = cache.get(userId);
    if (hit && hit.until > Date.now()) return hit.actor;
    const actor = await lookUp(userId, fallbackName);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value ?? '');
    cache.set(userId, { actor, until: Date.now() + CACHE_MS });
    return actor;
  }

  async function lookUp(userId: string, fallbackName?: string): Promise<Actor> {
    try {
      const { user } = await client.users.info({ user: userId });
      const profile = user?.profile;
      return {
        platform: 'slack',
        externalId: userId,
        displayName:
          profile?.real_name || user?.real_name || profile?.display_name || user?.name || fallbackName,
        email: profile?.email || undefined,
        timeZone: user?.tz || undefined,
      };
    } catch (error) {
      // Without users:read the person is still known by id; the name can come later.
      logger.warn('slack users.info failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      return { platform: 'slack', externalId: userId, displayName: fallbackName };
    }
  }

  return {
    actorFor,
    async resolveMention(word) {
      const id = MENTION.exec(word)?.[1];
      return id ? actorFor(id) : null;
    },
  };
}
