import { defineCommand } from '../command.ts';
import { createReply } from '../reply.ts';
import { type NetworkRequest, parseNetworkRequest } from './network/parse-network-request.ts';
import { runNetworkRequest } from './network/run-network-request.ts';

const USAGE = [
  'network create "<name>"',
  'network link "<name>"   (in the network\'s Slack channel or Teams team)',
  'network members "<name>" add|remove @person ...',
  'network moderators "<name>" add|remove @person ...',
  'network release "<name>" <HH:MM> [<minimum batch>]',
  'network signpost "<name>" <https://... or mailto:...> -- <text>   (or off)',
  'network respond-within "<name>" <working days>   (before unanswered feedback is chased; default 10)',
];

/** `network ...`: admins set up staff networks, their channel, member list, moderators and release. */
export const networkCommand = defineCommand<NetworkRequest>({
  name: 'network',
  summary: 'Admins: set up a staff network for anonymous feedback (channel, members, moderators, release).',
  usage: USAGE,
  adminOnly: true,
  parse: parseNetworkRequest,
  run: runNetworkRequest,
});

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
            `replies expected within ${n.respondWithinDays} working days`,
          ].join(' · '),
        })),
      },
    );
  },
});
