import { findAbsenceOn } from '../../domain/absence.ts';
import { truncate } from '../../domain/format.ts';
import type { Person } from '../../domain/person.ts';
import { toRoleKey } from '../../domain/update-rules.ts';
import { checkPeriod, formatIsoLong, getToday, parsePeriod, type TypedPeriod } from '../away-dates.ts';
import { type CommandContext, defineCommand } from '../command.ts';
import { createErrorReply, createReply, type Reply } from '../reply.ts';
import { isMention } from './owner.ts';

type AwayRequest =
  | { kind: 'list' }
  | { kind: 'set'; who: string | null; period: TypedPeriod }
  | { kind: 'off'; who: string | null };

/** `away until <date>`, `away <date> to <date>`, `away off`; admins add `@person` first; alone: who is away. */
export const awayCommand = defineCommand<AwayRequest>({
  name: 'away',
  summary: 'Say you are away (leave): prompts go to your roles’ covers or wait until you are back.',
  usage: [
    'away until <dd/mm/yyyy>',
    'away <dd/mm/yyyy> to <dd/mm/yyyy>',
    'away off',
    'away @person until <date> (admins; also away @person off)',
    'away (who is away, and the covers)',
  ],
  parse({ args }) {
    if (args.length === 0) return { ok: true, value: { kind: 'list' } };
    const first = args[0]?.value ?? '';
    const who = !args[0]?.quoted && isMention(first) ? first : null;
    const words = args.slice(who ? 1 : 0).map((a) => a.value);
    if (words.length === 1 && words[0]?.toLowerCase() === 'off')
      return { ok: true, value: { kind: 'off', who } };
    const starts = (words[0] ?? '').toLowerCase();
    if (!who && words.length > 1 && !['until', 'from'].includes(starts) && !/\d/.test(starts))
      return {
        ok: false,
        error: `"${truncate(words[0] ?? '')}" is not a person: mention them, like away @jane until 15/01/2027.`,
      };
    const period = parsePeriod(words);
    if (!period.ok) return period;
    return { ok: true, value: { kind: 'set', who, period: period.value } };
  },
  async run(request, ctx) {
    const today = await getToday(ctx);
    if (request.kind === 'list') return listAway(ctx, today);
    if (request.who && !ctx.isAdmin) return createErrorReply('Only admins can say someone else is away.');
    let checked: ReturnType<typeof checkPeriod> | null = null;
    if (request.kind === 'set') {
      checked = checkPeriod(request.period, today);
      if (!checked.ok) return createErrorReply(checked.error);
    }
    // Looked up last: nothing is written for a command refused above.
    const person: Person | null = request.who ? await ctx.resolveMention(request.who) : ctx.person;
    if (!person) return createErrorReply(`I can't find ${truncate(request.who ?? '')}.`);
    const you = person.id === ctx.person.id;
    const name = you ? 'You' : person.displayName;
    if (!checked?.ok) {
      const ended = await ctx.store.absences.endAbsence(person.id, ctx.person.id);
      return ended === 'none'
        ? createReply({
            type: 'paragraph',
            text: `${name} ${you ? 'were' : 'was'} not away: nothing to change.`,
          })
        : createReply({
            type: 'success',
            text: `${name} ${you ? 'are' : 'is'} back: prompts held meanwhile go out on the next working day.`,
          });
    }
    await ctx.store.absences.setAbsence(person.id, checked.from, checked.until, ctx.person.id);
    const period =
      checked.from === today
        ? `until ${formatIsoLong(checked.until)}`
        : `from ${formatIsoLong(checked.from)} until ${formatIsoLong(checked.until)}`;
    return createReply({
      type: 'success',
      text: `${name} ${you ? 'are' : 'is'} away ${period}. Prompts and reminders go to each role's cover, or wait until the first working day back.${await describeUncovered(ctx, person, checked.until)}`,
    });
  },
});

// The roles the person holds that nobody covers until their return: the one thing worth doing next.
async function describeUncovered(ctx: CommandContext, person: Person, until: string): Promise<string> {
  const roles = await ctx.store.people.getRoleNames(person.id);
  const { covers } = await ctx.store.absences.getAwayState(until);
  const uncovered = roles.filter((r) => !covers.some((c) => c.roleKey === toRoleKey(r)));
  if (uncovered.length === 0) return '';
  return ` No cover for ${uncovered.map((r) => `"${r}"`).join(', ')}: name one with cover "${uncovered[0]}" @person until <date>.`;
}

async function listAway(ctx: CommandContext, today: string): Promise<Reply> {
  const { absences, covers } = await ctx.store.absences.getAwayState(today);
  const lines = absences.map((a) => {
    const now = findAbsenceOn(absences, a.personId, today);
    return `${a.displayName}: ${now ? '' : `from ${formatIsoLong(a.from)} `}until ${formatIsoLong(a.until)}`;
  });
  const covering = covers.map(
    (c) => `"${c.roleName}": ${c.cover.displayName} until ${formatIsoLong(c.until)}`,
  );
  return createReply(
    { type: 'heading', text: 'Away and cover' },
    { type: 'paragraph', text: lines.length ? `Away:\n${lines.join('\n')}` : 'Nobody is away.' },
    { type: 'paragraph', text: covering.length ? `Covers:\n${covering.join('\n')}` : 'No role has a cover.' },
  );
}
