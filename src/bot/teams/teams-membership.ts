import { type TeamsChannelAccount, TeamsInfo, type TurnContext } from 'botbuilder';
import type { NetworkMembership } from '../../domain/feedback-ports.ts';
import type { Logger } from '../../logger.ts';

// Teams hands a roster out 500 members a page at most.
const PAGE_SIZE = 500;

/** Every member of a team, page by page (`getPagedTeamMembers` with its continuation token). */
export async function readTeamMembers(context: TurnContext, teamId: string): Promise<TeamsChannelAccount[]> {
  const members: TeamsChannelAccount[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await TeamsInfo.getPagedTeamMembers(context, teamId, PAGE_SIZE, continuationToken);
    members.push(...page.members);
    continuationToken = page.continuationToken || undefined;
  } while (continuationToken);
  return members;
}

/**
 * Staff-network membership on Teams: whether the person is in the roster of the network's linked team,
 * read live (paged) for this one turn and then forgotten. Nothing about the person is logged.
 */
export function createTeamsMembership(context: TurnContext, logger: Logger): NetworkMembership {
  return {
    async check(network, who) {
      if (who.platform !== 'teams' || !network.teamsTeamId) return { status: 'not-linked' };
      try {
        const members = await readTeamMembers(context, network.teamsTeamId);
        return members.some((m) => m.aadObjectId === who.externalId)
          ? { status: 'member', memberCount: members.length }
          : { status: 'not-member' };
      } catch (error) {
        // The error says what failed, never who asked.
        logger.warn('teams roster read failed', { error: error instanceof Error ? error.name : 'unknown' });
        return { status: 'unavailable' };
      }
    },
  };
}
