import { defineCommand } from '../command.ts';
import { createReply } from '../reply.ts';

/** `plans`: the plans Actionbot holds. */
export const plansCommand = defineCommand<null>({
  name: 'plans',
  summary: 'The action plans held, with their codes (use CODE:2.4 when refs clash).',
  usage: ['plans'],
  parse: ({ args }) =>
    args.length ? { ok: false, error: 'plans takes nothing after it.' } : { ok: true, value: null },
  async run(_, ctx) {
    const plans = await ctx.store.plans.listPlans();
    if (plans.length === 0)
      return createReply({
        type: 'paragraph',
        text: 'No plans yet. An admin can import one: npx actionbot import plan.yaml',
      });
    return createReply(
      { type: 'heading', text: `${plans.length} plan${plans.length === 1 ? '' : 's'}` },
      {
        type: 'fields',
        fields: plans.map((p) => ({
          label: p.code,
          value: `${p.title}${p.period ? ` (${p.period})` : ''} · ${p.themeCount} themes, ${p.actionCount} actions · ${p.updateCycle} updates`,
        })),
      },
    );
  },
});
