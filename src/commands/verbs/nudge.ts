import { getActionCycleRule } from '../../domain/action.ts';
import { parsePlanCode } from '../../domain/codes.ts';
import { findMissedUpdates, getCycleWindow, isPastDeadline } from '../../domain/escalation.ts';
import { formatLongDate, truncate } from '../../domain/format.ts';
import type { PlanSummary } from '../../domain/ports.ts';
import { DEFAULT_SCHEDULE } from '../../domain/schedule.ts';
import { parseTypedDate } from '../../domain/typed-date.ts';
import { toRoleKey } from '../../domain/update-rules.ts';
import { formatIsoDate, type LocalDate } from '../../domain/zoned-time.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { createErrorReply, createReply, type Reply } from '../reply.ts';
import { composeNudges } from '../scheduled/nudges.ts';
import type { ReachablePlatforms } from '../scheduled/per-owner.ts';
import { isSponsorOf } from '../sponsors.ts';

type NudgeRequest = { planCode: string; deadline: LocalDate | null };

/**
 * `nudge <plan> [<deadline>]`: the escalation's button. Each owner of the plan's actions (those the
 * asker sponsors; admins: all) still without the update due by the deadline gets one reminder, once.
 */
export const nudgeCommand = defineCommand<NudgeRequest>({
  name: 'nudge',
  summary:
    'Sponsors and admins: remind the owners of actions still without an update after the deadline, once.',
  usage: ['nudge <plan> [<deadline dd/mm/yyyy>]'],
  parse({ args }) {
    const [plan, ...rest] = args.map((a) => a.value);
    const planCode = parsePlanCode(plan ?? '');
    if (!planCode) return { ok: false, error: 'Which plan? Say nudge ARAP.' };
    const dateText = rest.join(' ');
    const deadline = dateText ? parseTypedDate(dateText) : null;
    if (dateText && !deadline)
      return { ok: false, error: `"${truncate(dateText)}" is not a date: say it like 18/01/2027.` };
    return { ok: true, value: { planCode, deadline } };
  },
  async run({ planCode, deadline: asked }, ctx) {
    const plans = await ctx.store.plans.listPlans();
    const plan = plans.find((p) => p.code === planCode);
    if (!plan)
      return createErrorReply(
        `No plan ${planCode}. Plans: ${plans.map((p) => p.code).join(', ') || 'none yet'}.`,
      );
    const [actions, sponsors, roles] = await Promise.all([
      ctx.store.actions.findActions({ planCodes: [planCode] }),
      ctx.store.sponsors.listSponsors(planCode),
      ctx.store.people.getRoleNames(ctx.person.id),
    ]);
    const held = new Set(roles.map(toRoleKey));
    const mine = actions.filter((a) => ctx.isAdmin || isSponsorOf(held, a, sponsors));
    if (mine.length === 0)
      return createErrorReply(`Only ${planCode}'s sponsors and admins can nudge its owners.`);
    const now = ctx.clock.now();
    const settings = ctx.schedule ?? DEFAULT_SCHEDULE;
    const deadline = findDeadline(plan, asked, now, settings);
    if ('refusal' in deadline) return createErrorReply(deadline.refusal);
    const missed = findMissedUpdates(mine, deadline.day, now, settings);
    const due = formatLongDate(deadline.day);
    if (missed.length === 0)
      return createReply({
        type: 'paragraph',
        text: `Every ${planCode} action you answer for has its update due by ${due}: nobody to nudge.`,
      });
    return postNudges(ctx, missed, deadline.day, due);
  },
});

/** The deadline asked for (of a rule's current or last cycle), else the current cycle's; passed. */
function findDeadline(
  plan: PlanSummary,
  asked: LocalDate | null,
  now: Date,
  settings: typeof DEFAULT_SCHEDULE,
): { day: LocalDate } | { refusal: string } {
  const rules = [getActionCycleRule({ plan, updateCycle: null }), ...plan.actionCycles];
  const windows = rules.flatMap((rule) =>
    (asked ? [0, 1] : [0]).map((back) => getCycleWindow(rule, plan.timezone, now, settings, back)),
  );
  const days = windows
    .map((w) => w.deadline)
    .filter((d) => !asked || formatIsoDate(d) === formatIsoDate(asked))
    .sort((a, b) => formatIsoDate(b).localeCompare(formatIsoDate(a)));
  if (asked && days.length === 0)
    return { refusal: `No ${plan.code} updates were due by ${formatLongDate(asked)} this cycle or last.` };
  const passed = days.find((d) => isPastDeadline(d, now, plan.timezone));
  if (!passed)
    return {
      refusal: `${plan.code}'s updates are due by ${formatLongDate(days[days.length - 1] as LocalDate)}: nothing to nudge yet.`,
    };
  return { day: passed };
}

async function postNudges(
  ctx: CommandContext,
  missed: Parameters<typeof composeNudges>[1],
  deadline: LocalDate,
  due: string,
): Promise<Reply> {
  const platforms: ReachablePlatforms = ctx.platform === 'teams' ? ['teams', 'slack'] : ['slack', 'teams'];
  const contacts = await ctx.store.scheduleReads.listOwnerContacts();
  const nudges = composeNudges(
    contacts,
    missed,
    deadline,
    ctx.person.displayName,
    platforms,
    ctx.clock.now(),
  );
  const sent: string[] = [];
  const before: string[] = [];
  for (const { key, name, ...delivery } of nudges)
    ((await ctx.store.outbox.post(key, delivery)) ? sent : before).push(name);
  const code = missed[0]?.plan.code ?? '';
  const unheld = [...new Set(missed.flatMap((a) => a.owners))].filter(
    (role) => !contacts.some((c) => c.roleKeys.includes(toRoleKey(role))),
  );
  const lines = [
    sent.length
      ? `Reminding ${sent.length === 1 ? 'one owner' : `${sent.length} owners`} of ${code} updates due by ${due}: ${sent.join(', ')}. Each gets one reminder.`
      : before.length
        ? `Nothing sent: every owner was already reminded of the ${code} updates due by ${due}.`
        : `Nothing sent: nobody holds the owner roles of the ${code} actions still without the update due by ${due}.`,
    ...(sent.length && before.length ? [`Already reminded, not sent again: ${before.join(', ')}.`] : []),
    ...(!sent.length && before.length ? [`Reminded before: ${before.join(', ')}.`] : []),
    ...(unheld.length ? [`Nobody holds ${unheld.join(', ')} yet: say owner "<role>" @person.`] : []),
  ];
  return createReply({ type: sent.length ? 'success' : 'paragraph', text: lines.join('\n') });
}
