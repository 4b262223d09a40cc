import { defineCommand } from '../command.ts';
import { createReply } from '../reply.ts';
import { describeSponsorTarget } from '../sponsors.ts';

const describeSponsorship = (s: { planCode: string; theme: { ref: string } | null }) =>
  describeSponsorTarget({ planCode: s.planCode, themeRef: s.theme?.ref ?? null });

/** `roles`: every owner role, who holds it and how many actions it owns. */
export const rolesCommand = defineCommand<null>({
  name: 'roles',
  summary: 'Owner and sponsor roles, who holds each, and how many actions each owns.',
  usage: ['roles'],
  parse: ({ args }) =>
    args.length ? { ok: false, error: 'roles takes nothing after it.' } : { ok: true, value: null },
  async run(_, ctx) {
    const [roles, sponsors] = await Promise.all([
      ctx.store.people.listRoles(),
      ctx.store.sponsors.listSponsors(),
    ]);
    // What each role sponsors: a sponsor-only role owns no action, but is not idle.
    const sponsoring = (name: string) => {
      const where = sponsors.filter((s) => s.role === name).map(describeSponsorship);
      return where.length ? ` · sponsors ${where.join(', ')}` : '';
    };
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
          value: `${r.holders.map((h) => h.displayName).join(', ') || 'nobody yet'} · ${r.actionCount} action${r.actionCount === 1 ? '' : 's'}${sponsoring(r.name)}`,
        })),
      },
    );
  },
});
