import { getActionCycle } from '../../domain/action.ts';
import { isUpdateCycle, UPDATE_CYCLES, type UpdateCycle } from '../../domain/cycle.ts';
import { DEFAULT_SCHEDULE, getCycleDeadline, getCycleOpening } from '../../domain/schedule.ts';
import { defineCommand } from '../command.ts';
import { findActionByRef, parseRefWords, type RefText, truncate } from '../refs.ts';
import { createErrorReply, createReply } from '../reply.ts';

/** `cycle set <plan> <cycle>`, or `cycle set <ref> <cycle|plan>` for one action (`plan`: back to the plan's). */
type CycleChange = { target: string; ref: RefText | null; cycle: UpdateCycle | null };

const when = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);

/** `cycle` shows each plan's update cycle; `cycle set ...` changes a plan's or one action's (admins). */
export const cycleCommand = defineCommand<CycleChange | null>({
  name: 'cycle',
  summary: 'How often owners are asked for updates, when the cycle opened and when updates are due.',
  usage: ['cycle', `cycle set <plan> <${UPDATE_CYCLES.join('|')}>`, 'cycle set <ref> <cycle|plan>'],
  parse({ args }) {
    if (args.length === 0) return { ok: true, value: null };
    const [verb, target, cycle, ...rest] = args;
    if (verb?.value.toLowerCase() !== 'set' || !target || !cycle || rest.length > 0)
      return { ok: false, error: 'Say cycle, or cycle set <plan or ref> <cycle>.' };
    const name = cycle.value.toLowerCase();
    if (!isUpdateCycle(name) && name !== 'plan')
      return {
        ok: false,
        error: `"${truncate(cycle.value)}" is not an update cycle; use ${UPDATE_CYCLES.join(', ')}.`,
      };
    // A plan code is letters; anything with a digit is an action ref (2.4, ARAP:2.4).
    const isRef = /\d/.test(target.value);
    const ref = isRef ? parseRefWords([target]) : null;
    if (ref && !ref.ok) return ref;
    if (!isRef && name === 'plan') return { ok: false, error: '"plan" resets one action; give its ref.' };
    return {
      ok: true,
      value: {
        target: target.value.toUpperCase(),
        ref: ref?.ok ? ref.value.ref : null,
        cycle: name === 'plan' ? null : (name as UpdateCycle),
      },
    };
  },
  async run(change, ctx) {
    const plans = await ctx.store.plans.listPlans();
    if (change) {
      if (!ctx.isAdmin) return createErrorReply('Only admins can change an update cycle.');
      if (change.ref) {
        const found = await findActionByRef(change.ref, ctx);
        if (!found.ok) return createErrorReply(found.error);
        const { plan, ref } = found.action;
        await ctx.store.plans.setActionCycle(plan.code, ref, change.cycle, ctx.person.id);
        return createReply({
          type: 'success',
          text: `${plan.code}:${ref} now asks for updates ${change.cycle ?? `${plan.updateCycle}, like its plan`}.`,
        });
      }
      if (!plans.some((p) => p.code === change.target))
        return createErrorReply(
          `No plan ${truncate(change.target)}. Plans: ${plans.map((p) => p.code).join(', ') || 'none yet'}.`,
        );
      await ctx.store.plans.setUpdateCycle(change.target, change.cycle as UpdateCycle, ctx.person.id);
      return createReply({ type: 'success', text: `${change.target} now asks for updates ${change.cycle}.` });
    }
    const now = ctx.clock.now();
    const overrides = (
      await ctx.store.actions.findActions({
        planCodes: plans.filter((p) => p.actionCycles.length).map((p) => p.code),
      })
    ).filter((a) => a.updateCycle);
    return createReply(
      { type: 'heading', text: 'Update cycles' },
      {
        type: 'fields',
        fields: [
          ...plans.map((p) => {
            const opened = getCycleOpening(p.updateCycle, now, p.timezone, DEFAULT_SCHEDULE);
            const { deadline } = getCycleDeadline(opened, p.timezone, DEFAULT_SCHEDULE);
            return {
              label: p.code,
              value: `${p.updateCycle}; this cycle's prompts went out ${when(opened, p.timezone)}; updates due by ${deadline.day}/${deadline.month}/${deadline.year}`,
            };
          }),
          ...overrides.map((a) => ({
            label: `${a.plan.code}:${a.ref}`,
            value: `${getActionCycle(a)} (its own cycle)`,
          })),
        ],
      },
    );
  },
});
