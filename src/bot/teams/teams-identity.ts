import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Actor } from '../../domain/person.ts';
import type { Logger } from '../../logger.ts';
import type { TeamsMention } from './teams-activity.ts';

const CACHE_MS = 10 * 60_000;
const MAX_CACHED = 5_000;

/** Who a Teams user is: their AAD object id, with name and email from the roster, remembered a few minutes. */
export type TeamsIdentity = {
  /** The sender of the turn's activity; null when the activity names no AAD user. */
  actorFor(context: TurnContext): Promise<Actor | null>;
  /** A mentioned user, looked up in the conversation's roster; null when Teams does not know them. */
  actorForMention(context: TurnContext, mention: TeamsMention): Promise<Actor | null>;
};

type Member = { aadObjectId?: string; name?: string; email?: string; userPrincipalName?: string };

export function createTeamsIdentity(logger: Logger): TeamsIdentity {
  const cache = new Map<string, { actor: Actor; until: number }>();

  function remember(key: string, actor: Actor): Actor {
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value ?? '');
    cache.set(key, { actor, until: Date.now() + CACHE_MS });
    return actor;
  }

  async function getMember(context: TurnContext, userId: string): Promise<Member | null> {
    try {
      return (await TeamsInfo.getMember(context, userId)) as Member;
    } catch (error) {
      // Without the roster the person is still known by AAD id; name and email can come later.
      logger.warn('teams getMember failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      return null;
    }
  }

  return {
    async actorFor(context) {
      const from = context.activity.from;
      const aadObjectId = from?.aadObjectId;
      if (!from?.id || !aadObjectId) return null;
      const hit = cache.get(from.id);
      if (hit && hit.until > Date.now() && hit.actor.externalId === aadObjectId) return hit.actor;
      const member = await getMember(context, from.id);
      return remember(from.id, toActor(aadObjectId, member, from.name));
    },

    async actorForMention(context, mention) {
      const hit = cache.get(mention.id);
      if (hit && hit.until > Date.now()) return hit.actor;
      const member = await getMember(context, mention.id);
      if (!member?.aadObjectId) return null;
      return remember(mention.id, toActor(member.aadObjectId, member, mention.name));
    },
  };
}

function toActor(aadObjectId: string, member: Member | null, fallbackName: string | undefined): Actor {
  const email =
    member?.email || (member?.userPrincipalName?.includes('@') ? member.userPrincipalName : undefined);
  return {
    platform: 'teams',
    externalId: aadObjectId,
    displayName: member?.name || fallbackName || undefined,
    email: email || undefined,
  };
}
