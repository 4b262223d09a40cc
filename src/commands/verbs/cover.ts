import { findClosest } from '../../domain/closest-match.ts';
import { truncate } from '../../domain/format.ts';
import { toRoleKey } from '../../domain/update-rules.ts';
import { checkPeriod, formatIsoLong, getToday, parsePeriod, type TypedPeriod } from '../away-dates.ts';
import { defineCommand } from '../command.ts';
import { createErrorReply, createReply } from '../reply.ts';
import { isMention } from './owner.ts';

type CoverRequest = { role: string } & ({ kind: 'set'; who: string; until: TypedPeriod } | { kind: 'off' });

const EXAMPLE = 'cover "Head of People Services" @jane until 15/01/2027';

/** `cover "<role>" @person until <date>` names a role's deputy; `cover "<role>" off` ends it. */
export const coverCommand = defineCommand<CoverRequest>({
  name: 'cover',
  summary:
    "Name a role's cover (deputy) while its holder is away: they get its prompts and may update for it.",
  usage: ['cover "<role>" @person until <dd/mm/yyyy>', 'cover "<role>" off'],
  parse({ args }) {
    // A quoted role is one word; an unquoted one runs up to the person or "off".
    const found = args.findIndex((t) => !t.quoted && (isMention(t.value) || t.value.toLowerCase() === 'off'));
    const split = args[0]?.quoted ? 1 : found === -1 ? args.length : found;
    const role = args
      .slice(0, split)
      .map((t) => t.value)
      .join(' ')
      .trim();
    if (!role) return { ok: false, error: `Which role? Name it first, like ${EXAMPLE}.` };
    const rest = args.slice(split);
    if (rest.length === 1 && rest[0]?.value.toLowerCase() === 'off')
      return { ok: true, value: { role, kind: 'off' } };
    const who = rest[0]?.value ?? '';
    if (!isMention(who))
      return {
        ok: false,
        error: who
          ? `"${truncate(who)}" is not a person: mention them, like ${EXAMPLE}.`
          : `Who covers "${truncate(role)}"? Mention them, like ${EXAMPLE}.`,
      };
    const period = parsePeriod(rest.slice(1).map((t) => t.value));
    if (!period.ok) return period;
    if (period.value.from)
      return { ok: false, error: `A cover starts now: say until <date>, like ${EXAMPLE}.` };
    return { ok: true, value: { role, kind: 'set', who, until: period.value } };
  },
  async run(request, ctx) {
    const roles = await ctx.store.people.listRoles();
    const role = roles.find((r) => toRoleKey(r.name) === toRoleKey(request.role));
    if (!role) {
      const closest = findClosest(
        request.role,
        roles.map((r) => r.name),
      );
      return createErrorReply(
        `No role "${truncate(request.role)}".${closest ? ` Did you mean "${closest}"?` : ' See roles for the list.'}`,
      );
    }
    if (!ctx.isAdmin && !role.holders.some((h) => h.id === ctx.person.id))
      return createErrorReply(`Only admins and holders of "${role.name}" can name its cover.`);
    if (request.kind === 'off') {
      const ended = await ctx.store.absences.endCover(role.name, ctx.person.id);
      return ended === 'ended'
        ? createReply({ type: 'success', text: `"${role.name}" has no cover now.` })
        : createReply({ type: 'paragraph', text: `"${role.name}" had no cover: nothing to change.` });
    }
    const checked = checkPeriod(request.until, await getToday(ctx));
    if (!checked.ok) return createErrorReply(checked.error);
    // Looked up last: nothing is written for a command refused above.
    const person = await ctx.resolveMention(request.who);
    if (!person) return createErrorReply(`I can't find ${truncate(request.who)}.`);
    await ctx.store.absences.setCover(role.name, person.id, checked.until, ctx.person.id);
    return createReply({
      type: 'success',
      text: `${person.displayName} covers "${role.name}" until ${formatIsoLong(checked.until)}: while a holder is away they get its prompts and reminders, and may update its actions on its behalf.`,
    });
  },
});
