import { findClosest } from '../../domain/closest-match.ts';
import { parseReleaseTime, type StaffNetwork } from '../../domain/feedback.ts';
import type { MemberIdentity } from '../../domain/feedback-ports.ts';
import { truncate } from '../../domain/format.ts';
import type { Person } from '../../domain/person.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { createErrorReply, createReply, type Reply } from '../reply.ts';
import { isMention } from './owner.ts';

type NetworkRequest =
  | { kind: 'create'; name: string }
  | { kind: 'link'; name: string }
  | { kind: 'members' | 'moderators'; name: string; mode: 'add' | 'remove'; mentions: string[] }
  | { kind: 'release'; name: string; time: string; threshold: number | null };

const USAGE = [
  'network create "<name>"',
  'network link "<name>"   (in the network\'s Slack channel or Teams team)',
  'network members "<name>" add|remove @person ...',
  'network moderators "<name>" add|remove @person ...',
  'network release "<name>" <HH:MM> [<minimum batch>]',
];

/** `network ...`: admins set up staff networks, their channel, member list, moderators and release. */
export const networkCommand = defineCommand<NetworkRequest>({
  name: 'network',
  summary: 'Admins: set up a staff network for anonymous feedback (channel, members, moderators, release).',
  usage: USAGE,
  adminOnly: true,
  parse({ args }) {
    const sub = args[0]?.value.toLowerCase() ?? '';
    const name = args[1]?.value.trim() ?? '';
    if (!['create', 'link', 'members', 'moderators', 'release'].includes(sub))
      return {
        ok: false,
        error: sub ? `network ${truncate(sub)} is not something I can do.` : 'network what?',
      };
    if (!name)
      return {
        ok: false,
        error: `Which network? Name it in quotes, like network ${sub} "Ethnic Minority Staff Network".`,
      };
    if (name.length > 100 || /["“”]/.test(name))
      return { ok: false, error: 'A network name is up to 100 characters, without quotes.' };
    const rest = args.slice(2);
    if (sub === 'create' || sub === 'link') {
      if (rest.length)
        return {
          ok: false,
          error: `Put the network's name in quotes: network ${sub} "${truncate(name)} ..."`,
        };
      return { ok: true, value: { kind: sub, name } };
    }
    if (sub === 'release') {
      const time = rest[0]?.value ?? '';
      if (!parseReleaseTime(time)) return { ok: false, error: 'Give the release time as HH:MM, like 17:00.' };
      const k = rest[1] ? Number(rest[1].value) : null;
      if (k !== null && !(Number.isInteger(k) && k >= 2 && k <= 50))
        return { ok: false, error: 'The minimum batch is a whole number from 2 to 50.' };
      if (rest.length > 2) return { ok: false, error: 'network release takes a time and a minimum batch.' };
      return { ok: true, value: { kind: 'release', name, time, threshold: k } };
    }
    const modeWord = rest[0]?.value.toLowerCase();
    if (modeWord !== 'add' && modeWord !== 'remove')
      return { ok: false, error: `Say add or remove, then mention people.` };
    const mentions = rest.slice(1);
    const notMention = mentions.find((t) => !isMention(t.value));
    if (notMention)
      return {
        ok: false,
        error: `"${truncate(notMention.value)}" is not a person: mention them, like @jane.`,
      };
    if (mentions.length === 0) return { ok: false, error: `Who? Mention the people to ${modeWord}.` };
    return {
      ok: true,
      value: {
        kind: sub as 'members' | 'moderators',
        name,
        mode: modeWord,
        mentions: mentions.map((m) => m.value),
      },
    };
  },
  async run(request, ctx) {
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
  },
});

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

/** `networks`: the staff networks, where they live, who moderates and when feedback is released. */
export const networksCommand = defineCommand<null>({
  name: 'networks',
  summary: 'Staff networks for anonymous feedback: channel, moderators, release time.',
  usage: ['networks'],
  parse: ({ args }) =>
    args.length ? { ok: false, error: 'networks takes nothing after it.' } : { ok: true, value: null },
  async run(_, ctx) {
    const networks = await ctx.store.networks.listNetworks();
    if (networks.length === 0)
      return createReply({
        type: 'paragraph',
        text: 'No staff networks yet. Admins: network create "<name>".',
      });
    return createReply(
      { type: 'heading', text: `${networks.length} staff network${networks.length === 1 ? '' : 's'}` },
      {
        type: 'fields',
        fields: networks.map((n) => ({
          label: n.name,
          value: [
            [
              n.slackChannelId && 'Slack channel',
              n.teamsTeamId && 'Teams team',
              n.listedMembers && 'member list',
            ]
              .filter(Boolean)
              .join(', ') || 'no members yet',
            `moderators: ${n.moderators.join(', ') || 'none yet'}`,
            `released daily at ${n.releaseTime} in batches of at least ${n.threshold}`,
          ].join(' · '),
        })),
      },
    );
  },
});
