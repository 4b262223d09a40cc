import { isUpdateCycle, UPDATE_CYCLES, type UpdateCycle } from '../../domain/cycle.ts';
import { DEFAULT_SCHEDULE, getCycleDeadline, getCycleOpening } from '../../domain/schedule.ts';
import { defineCommand } from '../command.ts';
import { createErrorReply, createReply } from '../reply.ts';

type CycleRequest = { set: null } | { set: { planCode: string; cycle: UpdateCycle } };

const when = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);

/** `cycle` shows each plan's update cycle; `cycle set <plan> <cycle>` changes it (admins). */
export const cycleCommand = defineCommand<CycleRequest>({
  name: 'cycle',
  summary: 'How often owners are asked for updates, when the cycle opened and when updates are due.',
  usage: ['cycle', `cycle set <plan> <${UPDATE_CYCLES.join('|')}>`],
  parse({ args }) {
    if (args.length === 0) return { ok: true, value: { set: null } };
    const [verb, plan, cycle, ...rest] = args.map((a) => a.value);
    if (verb?.toLowerCase() !== 'set' || !plan || !cycle || rest.length > 0)
      return { ok: false, error: 'Say cycle, or cycle set <plan> <cycle>.' };
    const name = cycle.toLowerCase();
    if (!isUpdateCycle(name))
      return { ok: false, error: `"${cycle}" is not an update cycle; use ${UPDATE_CYCLES.join(', ')}.` };
    return { ok: true, value: { set: { planCode: plan.toUpperCase(), cycle: name } } };
  },
  async run({ set }, ctx) {
    const plans = await ctx.store.plans.listPlans();
    if (set) {
      if (!ctx.isAdmin) return createErrorReply('Only admins can change an update cycle.');
      if (!plans.some((p) => p.code === set.planCode))
        return createErrorReply(
          `No plan ${set.planCode}. Plans: ${plans.map((p) => p.code).join(', ') || 'none yet'}.`,
        );
      await ctx.store.plans.setUpdateCycle(set.planCode, set.cycle, ctx.person.id);
      return createReply({ type: 'success', text: `${set.planCode} now asks for updates ${set.cycle}.` });
    }
    const now = ctx.clock.now();
    return createReply(
      { type: 'heading', text: 'Update cycles' },
      {
        type: 'fields',
        fields: plans.map((p) => {
          const opened = getCycleOpening(p.updateCycle, now, p.timezone, DEFAULT_SCHEDULE);
          const { deadline } = getCycleDeadline(opened, p.timezone, DEFAULT_SCHEDULE);
          return {
            label: p.code,
            value: `${p.updateCycle}; this cycle's prompts ${opened <= now ? 'went out' : 'go out'} ${when(opened, p.timezone)}; updates due by ${deadline.day}/${deadline.month}/${deadline.year}`,
          };
        }),
      },
    );
  },
});
