import { defineCommand } from '../command.ts';
import { createReply } from '../reply.ts';

/** `roles`: every owner role, who holds it and how many actions it owns. */
export const rolesCommand = defineCommand<null>({
  name: 'roles',
  summary: 'Owner roles, who holds each, and how many actions each owns.',
  usage: ['roles'],
  parse: ({ args }) =>
    args.length ? { ok: false, error: 'roles takes nothing after it.' } : { ok: true, value: null },
  async run(_, ctx) {
    const roles = await ctx.store.people.listRoles();
    if (roles.length === 0)
      return createReply({
        type: 'paragraph',
        text: 'No roles yet: they come from the owners in imported plans.',
      });
    return createReply(
      { type: 'heading', text: `${roles.length} owner roles` },
      {
        type: 'fields',
        fields: roles.map((r) => ({
          label: r.name,
          value: `${r.holders.map((h) => h.displayName).join(', ') || 'nobody yet'} · ${r.actionCount} action${r.actionCount === 1 ? '' : 's'}`,
        })),
      },
    );
  },
});
