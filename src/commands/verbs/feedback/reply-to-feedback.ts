import { parseTarget } from '../../../domain/codes.ts';
import { getLocalDay } from '../../../domain/feedback.ts';
import type { StoredFeedback } from '../../../domain/feedback-ports.ts';
import { truncate } from '../../../domain/format.ts';
import { canUpdate } from '../../../domain/update-rules.ts';
import type { CommandContext } from '../../command.ts';
import { createErrorReply, createReply, type Reply } from '../../reply.ts';

/** `feedback reply <id> [share --] <text>`: an owner or moderator replies, optionally in the channel. */
export async function replyToFeedback(
  code: string,
  text: string,
  share: boolean,
  ctx: CommandContext,
): Promise<Reply> {
  const item = await ctx.store.feedback.findByCode(code);
  const moderated = await ctx.store.networks.listModeratedBy(ctx.person.id);
  const isModerator = Boolean(item && moderated.some((n) => n.id === item.networkId));
  let isOwner = false;
  if (item && item.status === 'released' && !isModerator) {
    const roles = await ctx.store.people.getRoleNames(ctx.person.id);
    for (const tag of item.actionRefs) {
      const target = parseTarget(tag);
      const action = target && (await ctx.store.actions.findAction(target.planCode, target.ref));
      if (action && canUpdate(roles, action.owners, false)) isOwner = true;
    }
  }
  // The same answer whether the id is unknown or not theirs: ids reveal nothing.
  if (!item || !(isModerator || isOwner))
    return createErrorReply(
      `No submission ${truncate(code)} that you can reply to: owners reply to released feedback on their actions, moderators to their network's.`,
    );
  await ctx.store.feedback.addReply(
    item.id,
    ctx.person.id,
    text,
    getLocalDay(ctx.clock.now(), 'Europe/London'),
  );
  const shared = share ? await shareReply(item, text, ctx) : null;
  return createReply({
    type: 'success',
    text: `Replied to ${item.code}. The person who sent it reads replies with their receipt.${shared ? ` ${shared}` : ''}`,
  });
}

/**
 * Posts a reply to the network's linked channel through the outbox (the scheduler sends it within a
 * minute, once): the reply and the feedback's id and tags, never the feedback's text.
 */
async function shareReply(item: StoredFeedback, text: string, ctx: CommandContext): Promise<string> {
  const network = (await ctx.store.networks.listNetworks()).find((n) => n.id === item.networkId);
  const target = network?.slackChannelId
    ? { platform: 'slack' as const, kind: 'channel' as const, id: network.slackChannelId }
    : network?.teamsTeamId
      ? { platform: 'teams' as const, kind: 'channel' as const, id: network.teamsTeamId }
      : null;
  if (!network || !target) return 'The network has no linked channel, so it was not posted.';
  const about = item.actionRefs.length ? ` about ${item.actionRefs.join(', ')}` : '';
  await ctx.store.outbox.post(`post:feedback-reply:${item.code}:${ctx.clock.now().getTime()}`, {
    recipient: `channel:${target.platform}:${target.id}`,
    target,
    message: {
      visibility: 'channel',
      blocks: [
        { type: 'heading', text: 'You said, we did' },
        { type: 'paragraph', text: `On anonymous feedback ${item.code}${about}: ${text}` },
      ],
    },
  });
  return `It will be posted to ${network.name}'s channel.`;
}
