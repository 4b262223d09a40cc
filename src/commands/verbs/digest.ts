import { DEFAULT_SCHEDULE } from '../../domain/schedule.ts';
import { defineCommand } from '../command.ts';
import { createErrorReply, createReply } from '../reply.ts';
import { composeDigest } from '../scheduled/digest.ts';

type DigestRequest = 'preview' | 'subscribe' | 'unsubscribe';

/** `digest preview|subscribe|unsubscribe`: the weekly leadership digest, and which channels get it. */
export const digestCommand = defineCommand<DigestRequest>({
  name: 'digest',
  summary: 'The weekly digest: preview it, or subscribe this channel to it (admins).',
  usage: ['digest preview', 'digest subscribe [weekly]', 'digest unsubscribe'],
  adminOnly: true,
  parse({ args }) {
    const [verb, extra, ...rest] = args.map((a) => a.value.toLowerCase());
    if (verb === 'preview' && !extra) return { ok: true, value: 'preview' };
    if (verb === 'subscribe' && (!extra || extra === 'weekly') && rest.length === 0)
      return { ok: true, value: 'subscribe' };
    if (verb === 'unsubscribe' && !extra) return { ok: true, value: 'unsubscribe' };
    return { ok: false, error: verb ? `digest ${verb} is not something I can do.` : 'digest what?' };
  },
  async run(request, ctx) {
    if (request === 'preview') {
      const digest = await composeDigest(ctx.store, ctx.clock.now(), ctx.schedule ?? DEFAULT_SCHEDULE);
      return { ...digest, visibility: 'ephemeral' };
    }
    const channel = ctx.conversation;
    if ((ctx.platform !== 'slack' && ctx.platform !== 'teams') || !channel || channel.kind === 'direct')
      return createErrorReply(
        `Run digest ${request} in the Slack channel or Teams channel that should get the digest.`,
      );
    const where = channel.name ? `#${channel.name}` : 'This channel';
    if (request === 'subscribe') {
      const added = await ctx.store.subscriptions.subscribe(ctx.platform, channel.id, channel.name);
      return createReply({
        type: 'success',
        text: added
          ? `${where} will get the weekly digest, on Mondays at 09:00 (the next working day after a bank holiday).`
          : `${where} already gets the weekly digest.`,
      });
    }
    const removed = await ctx.store.subscriptions.unsubscribe(ctx.platform, channel.id);
    return removed
      ? createReply({ type: 'success', text: `${where} will no longer get the weekly digest.` })
      : createErrorReply(`${where} does not get the weekly digest.`);
  },
});
