import { findClosest } from '../../../domain/closest-match.ts';
import type { StaffNetwork } from '../../../domain/feedback.ts';
import type { MemberIdentity } from '../../../domain/feedback-ports.ts';
import { truncate } from '../../../domain/format.ts';
import type { Person } from '../../../domain/person.ts';
import type { CommandContext } from '../../command.ts';
import { describeSignpost } from '../../feedback-support.ts';
import { createErrorReply, createReply, type Reply } from '../../reply.ts';
import type { NetworkRequest } from './parse-network-request.ts';

/** Runs a parsed `network` sub-command: creates the network, or changes the one it names. */
export async function runNetworkRequest(request: NetworkRequest, ctx: CommandContext): Promise<Reply> {
  if (request.kind === 'create') {
    const outcome = await ctx.store.networks.createNetwork(request.name);
    if (!outcome.ok)
      return createErrorReply(
        outcome.code === 'exists'
          ? `There is already a network called "${request.name}".`
          : 'Staff networks need a feedback secret: whoever runs Actionbot must set ACTIONBOT_FEEDBACK_SECRET and restart it.',
      );
    const created = outcome.network;
    return createReply({
      type: 'success',
      text: `Created ${created.name}. Next: network link "${created.name}" in its channel, or network members "${created.name}" add @person ..., then network moderators "${created.name}" add @chair.`,
    });
  }
  const network = await ctx.store.networks.findNetwork(request.name);
  if (!network) return unknownNetwork(request.name, ctx);
  switch (request.kind) {
    case 'link':
      return link(network, ctx);
    case 'release': {
      await ctx.store.networks.setRelease(network.id, {
        releaseTime: request.time,
        ...(request.threshold ? { threshold: request.threshold } : {}),
      });
      const k = request.threshold ?? network.threshold;
      return createReply({
        type: 'success',
        text: `${network.name}: approved feedback is released daily at ${request.time} (${network.timezone}) when at least ${k} submissions wait.`,
      });
    }
    case 'signpost':
      await ctx.store.networks.setSignpost(network.id, request.signpost);
      return createReply({
        type: 'success',
        text: request.signpost
          ? `${network.name}'s feedback form, help and warnings now say: ${describeSignpost(request.signpost)}`
          : `${network.name} no longer shows signposting.`,
      });
    case 'respond-within':
      await ctx.store.networks.setRespondWithin(network.id, request.days);
      return createReply({
        type: 'success',
        text: `${network.name}: released feedback with no reply after ${request.days} working day${request.days === 1 ? '' : 's'} is listed for the owners and moderators each week, and counted in the digest.`,
      });
    case 'moderators': {
      const people: Person[] = [];
      for (const m of request.mentions) {
        const person = await ctx.resolveMention(m);
        if (!person) return createErrorReply(`I can't find ${truncate(m)}.`);
        people.push(person);
      }
      await ctx.store.networks.changeModerators(
        network.id,
        people.map((p) => p.id),
        request.mode,
      );
      const names = people.map((p) => p.displayName).join(', ');
      return createReply({
        type: 'success',
        text:
          request.mode === 'add'
            ? `${names} now moderate${people.length === 1 ? 's' : ''} ${network.name}.`
            : `${names} no longer moderate${people.length === 1 ? 's' : ''} ${network.name}.`,
      });
    }
    case 'members': {
      // Identities, not people: members are never recorded as people, only as keyed hashes.
      const who: MemberIdentity[] = [];
      for (const m of request.mentions) {
        const identity = await ctx.resolveIdentity(m);
        if (!identity) return createErrorReply(`I can't find ${truncate(m)}.`);
        who.push(identity);
      }
      const size = await ctx.store.networks.changeMembers(network.id, who, request.mode);
      const warning =
        size < network.threshold
          ? ` Feedback opens once the list has at least ${network.threshold}: fewer would point at the sender.`
          : '';
      return createReply({
        type: 'success',
        text: `${network.name}'s member list now has ${size} ${size === 1 ? 'person' : 'people'} (kept only as keyed hashes, never names).${warning}`,
      });
    }
  }
}

async function link(network: StaffNetwork, ctx: CommandContext): Promise<Reply> {
  const where = ctx.conversation;
  if ((ctx.platform !== 'slack' && ctx.platform !== 'teams') || !where || where.kind === 'direct')
    return createErrorReply(
      `Run network link "${network.name}" in the network's own Slack channel or Teams team.`,
    );
  // A Teams network is its team (whose roster is checked), not the one channel it was linked from.
  await ctx.store.networks.link(
    network.id,
    ctx.platform,
    ctx.platform === 'teams' ? (where.teamId ?? where.id) : where.id,
  );
  return createReply({
    type: 'success',
    text: `${network.name} is linked to ${where.name ? `#${where.name}` : 'this conversation'}: its members can send anonymous feedback (checked live, never stored).`,
  });
}

async function unknownNetwork(name: string, ctx: CommandContext): Promise<Reply> {
  const names = (await ctx.store.networks.listNetworks()).map((n) => n.name);
  const closest = findClosest(name, names);
  return createErrorReply(
    `No staff network "${truncate(name)}".${closest ? ` Did you mean "${closest}"?` : ' Create it with network create.'}`,
  );
}
