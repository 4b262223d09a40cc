import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Reply } from '../../commands/reply.ts';
import { type ChatSender, type PartResume, SendFailure } from '../../domain/chat-sender.ts';
import type { StaffNetwork } from '../../domain/feedback.ts';
import type { ConversationRepository } from '../../domain/ports.ts';
import { renderTeamsReply } from './render-cards.ts';
import { readTeamMembers } from './teams-membership.ts';
import { sendInParts, toSendFailure } from './teams-sender.ts';

/**
 * Staff-network members on Teams (check-back asks): the roster of the network's team, read and
 * forgotten, and a 1:1 chat opened from the team for each ask, whose reference is not kept (unlike
 * owners', teams-roster.ts): nothing in the database says who is in the network.
 */
export type TeamsMemberChat = {
  /** `<team id> <member id>` for each member of the network's team; null when it has no team here. */
  listNetworkMembers(network: StaffNetwork): Promise<string[] | null>;
  /** Opens the member's chat from the team and sends the reply's parts after those already sent. */
  send(
    teamId: string,
    memberId: string,
    reply: Reply,
    resume?: PartResume,
  ): Promise<{ messageId: string | null }>;
};

export function createTeamsMemberChat(
  adapter: CloudAdapter,
  appId: string,
  conversations: Pick<ConversationRepository, 'find'>,
): TeamsMemberChat {
  async function teamReference(teamId: string): Promise<Partial<ConversationReference>> {
    const team = await conversations.find('teams', 'team', teamId);
    if (!team) throw new SendFailure('Actionbot is not installed in the network’s team.', false);
    return team.reference as Partial<ConversationReference>;
  }

  return {
    async listNetworkMembers(network) {
      const teamId = network.teamsTeamId;
      const team = teamId ? await conversations.find('teams', 'team', teamId) : null;
      if (!teamId || !team) return null; // not linked on Teams, or the app is not in the team
      const reference = team.reference as Partial<ConversationReference>;
      let ids: string[] = [];
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        ids = (await readTeamMembers(context, teamId)).flatMap((m) => (m.id ? [`${teamId} ${m.id}`] : []));
      });
      return ids;
    },
    async send(teamId, memberId, reply, resume) {
      const reference = await teamReference(teamId);
      const tenantId = reference.conversation?.tenantId ?? '';
      const bot = reference.bot ?? { id: appId, name: 'Actionbot' };
      let messageId: string | null = null;
      await adapter.createConversationAsync(
        appId,
        reference.channelId ?? 'msteams',
        reference.serviceUrl ?? '',
        undefined as unknown as string, // the connector's own audience, as teams-roster.ts opens chats
        {
          isGroup: false,
          bot,
          members: [{ id: memberId, name: '' }],
          tenantId,
          channelData: { tenant: { id: tenantId } },
        },
        async (context) => {
          messageId = await sendInParts(context, renderTeamsReply(reply), {
            from: resume?.progress.partsSent ?? 0,
            ...(resume ? { beforePart: () => resume.beforePart() } : {}),
            ...(resume
              ? { onPart: (partsSent: number) => resume.onPart({ partsSent, threadId: null }) }
              : {}),
          });
        },
      );
      return { messageId };
    },
  };
}

/** The Teams sender, with member targets sent through `memberChat` and network members listed by it. */
export function withMemberChat(sender: ChatSender, memberChat: TeamsMemberChat): ChatSender {
  return {
    ...sender,
    listNetworkMembers: (network) => memberChat.listNetworkMembers(network),
    async send(target, reply, resume) {
      if (target.kind !== 'member') return sender.send(target, reply, resume);
      if (!target.teamId) throw new SendFailure('A Teams member is reached through their team.', false);
      try {
        return await memberChat.send(target.teamId, target.externalId, reply, resume);
      } catch (error) {
        throw toSendFailure(error);
      }
    },
  };
}
