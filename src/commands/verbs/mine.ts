import { defineCommand } from '../command.ts';
import { findMyActions } from '../my-actions.ts';
import { toActionItem } from '../present.ts';
import { createReply } from '../reply.ts';

/** `mine`: the asker's actions, and which need an update this cycle. */
export const mineCommand = defineCommand<null>({
  name: 'mine',
  summary: 'Your actions, and which of them need an update this cycle.',
  usage: ['mine'],
  parse: ({ args }) =>
    args.length ? { ok: false, error: 'mine takes nothing after it.' } : { ok: true, value: null },
  async run(_, ctx) {
    const roles = await ctx.store.people.getRoleNames(ctx.person.id);
    if (roles.length === 0) {
      return createReply({
        type: 'paragraph',
        text: 'You hold no owner role yet, so no actions are yours. An admin can add you: owner "<role>" @you.',
      });
    }
    const now = ctx.clock.now();
    const items = (await findMyActions(ctx)).map((a) => toActionItem(a, now));
    const due = items.filter((i) => i.flags.includes('needs-update') || i.flags.includes('stale')).length;
    return createReply(
      { type: 'heading', text: `Your actions (${roles.join('; ')})` },
      {
        type: 'paragraph',
        text: due
          ? `${due} of ${items.length} need an update this cycle.`
          : `All ${items.length} are up to date this cycle.`,
      },
      { type: 'actions', items },
    );
  },
});
