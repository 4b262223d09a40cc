import { getActionCycleRule } from '../../domain/action.ts';
import { findClosest } from '../../domain/closest-match.ts';
import { parsePlanCode } from '../../domain/codes.ts';
import { getCycleWindow, getEscalationDay, MAX_ESCALATION_DAYS } from '../../domain/escalation.ts';
import { formatLongDate, truncate } from '../../domain/format.ts';
import type { PlanSummary } from '../../domain/ports.ts';
import { DEFAULT_SCHEDULE } from '../../domain/schedule.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { createErrorReply, createReply, type Reply } from '../reply.ts';
import { describeEscalation } from '../sponsors.ts';

/** `escalation <plan> <days|off>`; null lists every plan's. */
type EscalationRequest = { planCode: string; days: number | null } | null;

/** `escalation`: when each plan's sponsors hear of missed updates; `escalation <plan> <days|off>` sets it (admins). */
export const escalationCommand = defineCommand<EscalationRequest>({
  name: 'escalation',
  summary: "Admins: working days after a cycle's deadline that sponsors hear of missing updates, or off.",
  usage: ['escalation', `escalation <plan> <1-${MAX_ESCALATION_DAYS}|off>`],
  adminOnly: true,
  parse({ args }) {
    if (args.length === 0) return { ok: true, value: null };
    const [plan, days, ...extra] = args.map((a) => a.value);
    const planCode = parsePlanCode(plan ?? '');
    if (!planCode)
      return { ok: false, error: `"${truncate(plan ?? '')}" is not a plan code: say escalation ARAP 2.` };
    const expected = `working days after the deadline, from 1 to ${MAX_ESCALATION_DAYS}, or off`;
    if (!days) return { ok: false, error: `How long after the deadline? Give ${expected}.` };
    if (extra.length) return { ok: false, error: `Give one number (${expected}), nothing after it.` };
    if (days.toLowerCase() === 'off') return { ok: true, value: { planCode, days: null } };
    const n = /^\d{1,3}$/.test(days) ? Number(days) : Number.NaN;
    if (!(n >= 1 && n <= MAX_ESCALATION_DAYS))
      return { ok: false, error: `"${truncate(days)}" is not a number of days: give ${expected}.` };
    return { ok: true, value: { planCode, days: n } };
  },
  async run(request, ctx) {
    const plans = await ctx.store.plans.listPlans();
    if (!request) return listEscalations(plans, ctx);
    const plan = plans.find((p) => p.code === request.planCode);
    if (!plan) {
      const closest = findClosest(
        request.planCode,
        plans.map((p) => p.code),
      );
      return createErrorReply(
        `No plan ${request.planCode}. ${closest ? `Did you mean ${closest}?` : `Plans: ${plans.map((p) => p.code).join(', ') || 'none yet'}.`}`,
      );
    }
    await ctx.store.sponsors.setEscalation(plan.code, request.days, ctx.person.id);
    const sponsors = await ctx.store.sponsors.listSponsors(plan.code);
    const changed = { ...plan, escalationDays: request.days };
    return createReply({
      type: 'success',
      text:
        request.days === null
          ? `${plan.code} escalation is off: sponsors hear nothing of missed updates.`
          : `${plan.code} ${describeEscalation(request.days)}. ${describeNext(changed, ctx)}${
              sponsors.length ? '' : ` It has no sponsor yet: say sponsor ${plan.code} "<role>".`
            }`,
    });
  },
});

/** When the current cycle's updates are due and when its sponsors hear of any missing. */
function describeNext(plan: PlanSummary, ctx: CommandContext): string {
  if (plan.escalationDays === null) return '';
  const settings = ctx.schedule ?? DEFAULT_SCHEDULE;
  const rule = getActionCycleRule({ plan, updateCycle: null });
  const { deadline } = getCycleWindow(rule, plan.timezone, ctx.clock.now(), settings, 0);
  const day = getEscalationDay(deadline, plan.escalationDays, settings);
  return `This cycle's updates are due by ${formatLongDate(deadline)}; sponsors hear of any missing on ${formatLongDate(day)}.`;
}

async function listEscalations(plans: PlanSummary[], ctx: CommandContext): Promise<Reply> {
  if (plans.length === 0) return createReply({ type: 'paragraph', text: 'No plans yet.' });
  const sponsors = await ctx.store.sponsors.listSponsors();
  return createReply(
    { type: 'heading', text: 'Escalation to sponsors' },
    {
      type: 'fields',
      fields: plans.map((p) => {
        const count = sponsors.filter((s) => s.planCode === p.code).length;
        return {
          label: p.code,
          value: `${describeEscalation(p.escalationDays)}${p.escalationDays === null ? '' : `. ${describeNext(p, ctx)}`} ${
            count ? `${count} sponsor${count === 1 ? '' : 's'} (see sponsor).` : 'No sponsor yet.'
          }`,
        };
      }),
    },
  );
}
