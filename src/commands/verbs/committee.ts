import { parsePlanCode } from '../../domain/codes.ts';
import { formatLongDate, truncate } from '../../domain/format.ts';
import { parseTypedDate } from '../../domain/typed-date.ts';
import { formatIsoDate, type LocalDate } from '../../domain/zoned-time.ts';
import { defineCommand } from '../command.ts';
import { createErrorReply, createReply } from '../reply.ts';

type CommitteeRequest = { plan: string | null; day: LocalDate };

/** `committee [<plan>] <date>`: records a meeting the plan was reported to, so "since last committee" is known (admins). */
export const committeeCommand = defineCommand<CommitteeRequest>({
  name: 'committee',
  summary: 'Admins: record the day a committee or board met about a plan (for report since last committee).',
  usage: ['committee [<plan>] <dd/mm/yyyy>'],
  adminOnly: true,
  parse({ args }) {
    const words = args.map((a) => a.value);
    const code =
      words.length > 1 || (words[0] && !parseTypedDate(words[0])) ? parsePlanCode(words[0] ?? '') : null;
    const dateText = words.slice(code ? 1 : 0).join(' ');
    if (!dateText)
      return { ok: false, error: 'Which day did the committee meet? Say committee ARAP 15/09/2026.' };
    const day = parseTypedDate(dateText);
    if (!day)
      return {
        ok: false,
        error: `"${truncate(dateText)}" is not a date: say it like 15/09/2026 or 15 September 2026.`,
      };
    return { ok: true, value: { plan: code, day } };
  },
  async run({ plan, day }, ctx) {
    const plans = await ctx.store.plans.listPlans();
    const found = plan ? plans.find((p) => p.code === plan) : plans.length === 1 ? plans[0] : undefined;
    if (!found)
      return createErrorReply(
        plan
          ? `No plan ${plan}. Plans: ${plans.map((p) => p.code).join(', ') || 'none yet'}.`
          : `Say which plan: ${plans.map((p) => p.code).join(', ')} (committee CODE <date>).`,
      );
    const result = await ctx.store.committees.recordMeeting(found.code, formatIsoDate(day), ctx.person.id);
    const when = formatLongDate(day);
    if (result === 'exists')
      return createReply({
        type: 'paragraph',
        text: `The ${found.code} committee on ${when} is already recorded.`,
      });
    return createReply({
      type: 'success',
      text: `Recorded the ${found.code} committee on ${when}. report ${found.code} since last committee shows what changed from that day.`,
    });
  },
});
