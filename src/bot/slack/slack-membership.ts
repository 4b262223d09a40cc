import type { webApi } from '@slack/bolt';
import type { NetworkMembership } from '../../domain/feedback-ports.ts';
import type { Logger } from '../../logger.ts';

/**
 * Staff-network membership on Slack: whether the person is in the network's linked channel, asked live
 * with conversations.members (the bot must be in the channel; scopes channels:read / groups:read) and
 * then forgotten. Nothing about the person is logged.
 */
export function createSlackMembership(client: webApi.WebClient, logger: Logger): NetworkMembership {
  return {
    async check(network, who) {
      if (who.platform !== 'slack' || !network.slackChannelId) return { status: 'not-linked' };
      try {
        const members = new Set(await readChannelMembers(client, network.slackChannelId));
        return members.has(who.externalId)
          ? { status: 'member', memberCount: members.size }
          : { status: 'not-member' };
      } catch (error) {
        // The error names the method and Slack's code, never the person asking.
        logger.warn('slack conversations.members failed', {
          code: (error as { data?: { error?: string } }).data?.error ?? (error as Error).name,
        });
        return { status: 'unavailable' };
      }
    },
  };
}

/** Everyone in a channel, page by page (conversations.members). */
export async function readChannelMembers(client: webApi.WebClient, channel: string): Promise<string[]> {
  const members: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel, limit: 1000, ...(cursor ? { cursor } : {}) });
    members.push(...(page.members ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return members;
}
