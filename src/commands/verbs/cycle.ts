import { getActionCycleRule } from '../../domain/action.ts';
import {
  type CycleRule,
  describeCycle,
  getCycleStart,
  isCalendarCycle,
  MAX_DEADLINE_DAYS,
  MAX_OPEN_DAY,
  toCronCycle,
  UPDATE_CYCLES,
} from '../../domain/cycle.ts';
import { formatDayTime, formatLongDate, truncate } from '../../domain/format.ts';
import { DEFAULT_SCHEDULE, getCycleDeadline, getOpeningSlot } from '../../domain/schedule.ts';
import { type CommandContext, defineCommand, type ParseResult } from '../command.ts';
import { findActionByRef, parseRefWords, type RefText } from '../refs.ts';
import { createErrorReply, createReply } from '../reply.ts';
import type { Token } from '../tokenize.ts';

/** `cycle set <plan> <cycle> [open day] [deadline days]`, or for one action (`plan`: back to the plan's). */
type CycleChange = { target: string; ref: RefText | null; rule: CycleRule | null };

const CYCLE_WORDS = `${UPDATE_CYCLES.join('|')}|"<cron>"`;

/** `cycle` shows each plan's update cycle; `cycle set ...` changes a plan's or one action's (admins). */
export const cycleCommand = defineCommand<CycleChange | null>({
  name: 'cycle',
  summary: 'How often owners are asked for updates, when the cycle opened and when updates are due.',
  usage: [
    'cycle',
    `cycle set <plan> <${CYCLE_WORDS}> [open day] [deadline days]`,
    'cycle set <ref> <cycle|plan> [open day] [deadline days]',
  ],
  parse({ args }) {
    if (args.length === 0) return { ok: true, value: null };
    const [verb, target, cycle, ...numbers] = args;
    if (verb?.value.toLowerCase() !== 'set' || !target || !cycle)
      return {
        ok: false,
        error: 'Say cycle, or cycle set <plan or ref> <cycle> [open day] [deadline days].',
      };
    // A plan code is letters; anything with a digit is an action ref (2.4, ARAP:2.4).
    const isRef = /\d/.test(target.value);
    const ref = isRef ? parseRefWords([target]) : null;
    if (ref && !ref.ok) return ref;
    const name = cycle.value.toLowerCase();
    if (name === 'plan') {
      if (!isRef) return { ok: false, error: '"plan" resets one action; give its ref.' };
      if (numbers.length) return { ok: false, error: 'cycle set <ref> plan takes nothing after "plan".' };
    }
    const rule = name === 'plan' ? null : parseRule(cycle, numbers);
    if (rule && !rule.ok) return rule;
    return {
      ok: true,
      value: {
        target: target.value.toUpperCase(),
        ref: ref?.ok ? ref.value.ref : null,
        rule: rule?.value ?? null,
      },
    };
  },
  async run(change, ctx) {
    if (change) {
      if (!ctx.isAdmin) return createErrorReply('Only admins can change an update cycle.');
      if (change.rule && getCycleStart(change.rule.cycle, ctx.clock.now(), 'UTC').getTime() === 0)
        return createErrorReply(`${describeCycle(change.rule.cycle)} never fires; check its day and month.`);
      return change.ref ? setActionCycle(change, change.ref, ctx) : setPlanCycle(change, ctx);
    }
    return showCycles(ctx);
  },
});

/** A cycle word (or quoted cron expression) and up to two numbers: open day, deadline days. */
function parseRule(cycle: Token, numbers: Token[]): ParseResult<CycleRule> {
  const name = cycle.value.toLowerCase();
  const isCron = cycle.value.trim().includes(' ');
  if (!isCalendarCycle(name) && !isCron)
    return {
      ok: false,
      error: `"${truncate(cycle.value)}" is not an update cycle; use ${UPDATE_CYCLES.join(', ')} or a quoted cron expression like "0 9 1 * *".`,
    };
  const cron = isCron ? toCronCycle(cycle.value) : null;
  if (cron && !cron.ok) return { ok: false, error: `"${truncate(cycle.value)}": ${cron.error}.` };
  if (cron?.ok && !/^cron:\d+ \d+ /.test(cron.value))
    return {
      ok: false,
      error: 'A cycle opens at most once a day: give one minute and one hour, like "0 9 1 * *".',
    };
  const values = numbers.map((n) => (/^\d{1,3}$/.test(n.value) ? Number(n.value) : Number.NaN));
  // A cron expression says when it opens, so its one number is the deadline.
  const [openDay, deadlineDays] = cron ? [1, values[0]] : [values[0] ?? 1, values[1]];
  if (values.length > (cron ? 1 : 2))
    return {
      ok: false,
      error: `Too many numbers: give ${cron ? 'the deadline in days' : 'the open day and the deadline in days'}.`,
    };
  if (!cron && !(openDay >= 1 && openDay <= MAX_OPEN_DAY))
    return { ok: false, error: `The open day is a day of the month from 1 to ${MAX_OPEN_DAY}, like 5.` };
  if (deadlineDays !== undefined && !(deadlineDays >= 1 && deadlineDays <= MAX_DEADLINE_DAYS))
    return { ok: false, error: `The deadline is a number of days from 1 to ${MAX_DEADLINE_DAYS}, like 14.` };
  return {
    ok: true,
    value: {
      cycle: cron?.ok ? cron.value : (name as CycleRule['cycle']),
      openDay,
      deadlineDays: deadlineDays ?? null,
    },
  };
}

function describeRule(rule: CycleRule): string {
  const due = rule.deadlineDays === null ? '' : `, updates due ${rule.deadlineDays} days after it opens`;
  return `${describeCycle(rule.cycle, rule.openDay)}${due}`;
}

async function setActionCycle(change: CycleChange, ref: RefText, ctx: CommandContext) {
  const found = await findActionByRef(ref, ctx);
  if (!found.ok) return createErrorReply(found.error);
  const { plan, ref: actionRef } = found.action;
  await ctx.store.plans.setActionCycle(plan.code, actionRef, change.rule, ctx.person.id);
  const planRule = getActionCycleRule({ plan, updateCycle: null });
  return createReply({
    type: 'success',
    text: `${plan.code}:${actionRef} now asks for updates ${change.rule ? describeRule(change.rule) : `${describeRule(planRule)}, like its plan`}.`,
  });
}

async function setPlanCycle(change: CycleChange, ctx: CommandContext) {
  const plans = await ctx.store.plans.listPlans();
  if (!plans.some((p) => p.code === change.target))
    return createErrorReply(
      `No plan ${truncate(change.target)}. Plans: ${plans.map((p) => p.code).join(', ') || 'none yet'}.`,
    );
  const rule = change.rule as CycleRule;
  await ctx.store.plans.setUpdateCycle(change.target, rule, ctx.person.id);
  return createReply({
    type: 'success',
    text: `${change.target} now asks for updates ${describeRule(rule)}.`,
  });
}

async function showCycles(ctx: CommandContext) {
  const plans = await ctx.store.plans.listPlans();
  const now = ctx.clock.now();
  const settings = ctx.schedule ?? DEFAULT_SCHEDULE;
  const overrides = (
    await ctx.store.actions.findActions({
      planCodes: plans.filter((p) => p.actionCycles.length).map((p) => p.code),
    })
  ).filter((a) => a.updateCycle);
  const describeNow = (rule: CycleRule, plan: { code: string; timezone: string }) => {
    const timeZone = plan.timezone;
    const opened = getOpeningSlot(plan, rule, now, settings).at;
    const { deadline } = getCycleDeadline(opened, timeZone, settings, rule.deadlineDays);
    return `${describeCycle(rule.cycle, rule.openDay)}; this cycle's prompts went out ${formatDayTime(opened, timeZone)}; updates due by ${formatLongDate(deadline)}`;
  };
  return createReply(
    { type: 'heading', text: 'Update cycles' },
    {
      type: 'fields',
      fields: [
        ...plans.map((p) => ({
          label: p.code,
          value: describeNow(getActionCycleRule({ plan: p, updateCycle: null }), p),
        })),
        ...overrides.map((a) => ({
          label: `${a.plan.code}:${a.ref}`,
          value: `${describeNow(getActionCycleRule(a), a.plan)} (its own cycle)`,
        })),
      ],
    },
  );
}
