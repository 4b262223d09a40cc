import { findClosest } from '../../domain/closest-match.ts';
import { truncate } from '../../domain/format.ts';
import type { Person } from '../../domain/person.ts';
import { defineCommand } from '../command.ts';
import { createErrorReply, createReply } from '../reply.ts';

type OwnerRequest = { role: string; mode: 'add' | 'remove'; mentions: string[] };

/** Whether a word mentions a person: `@jane` (console), `<@U123>` or `<@U123|jane>` (Slack). */
export function isMention(word: string): boolean {
  return /^@[\w.-]+$|^<@[A-Z0-9]+(\|[^>]*)?>$/i.test(word);
}

/** `owner <role> @person ...` and `owner <role> remove @person ...`: who holds a role (admins). */
export const ownerCommand = defineCommand<OwnerRequest>({
  name: 'owner',
  summary: 'Admins: add people to an owner role, or remove them.',
  usage: ['owner <role> @person ...', 'owner <role> remove @person ...'],
  adminOnly: true,
  parse({ args }) {
    // A quoted role is one word; an unquoted one runs up to the first mention or "remove".
    const found = args.findIndex(
      (t) => !t.quoted && (isMention(t.value) || t.value.toLowerCase() === 'remove'),
    );
    const split = args[0]?.quoted ? 1 : found;
    const roleWords = (split === -1 ? args : args.slice(0, split)).map((t) => t.value);
    const role = roleWords.join(' ').trim();
    if (!role)
      return { ok: false, error: 'Which role? Name it first, like owner "Head of People Services" @jane.' };
    let rest = split === -1 ? [] : args.slice(split);
    const mode = rest[0]?.value.toLowerCase() === 'remove' ? 'remove' : 'add';
    if (mode === 'remove') rest = rest.slice(1);
    const notMention = rest.find((t) => !isMention(t.value));
    if (notMention)
      return {
        ok: false,
        error: `"${truncate(notMention.value)}" is not a person: mention them, like @jane.`,
      };
    if (rest.length === 0) return { ok: false, error: `Who? Mention the people to ${mode}, like @jane.` };
    return { ok: true, value: { role, mode, mentions: rest.map((t) => t.value) } };
  },
  async run({ role, mode, mentions }, ctx) {
    const people: Person[] = [];
    for (const mention of mentions) {
      const person = await ctx.resolveMention(mention);
      if (!person) return createErrorReply(`I can't find ${truncate(mention)}.`);
      people.push(person);
    }
    const changed = await ctx.store.people.changeRoleHolders({
      roleName: role,
      personIds: people.map((p) => p.id),
      mode,
      actorId: ctx.person.id,
    });
    if (!changed) {
      const closest = findClosest(
        role,
        (await ctx.store.people.listRoles()).map((r) => r.name),
      );
      return createErrorReply(
        `No role "${truncate(role)}".${closest ? ` Did you mean "${closest}"?` : ' See roles for the list.'}`,
      );
    }
    const names = people.map((p) => p.displayName).join(', ');
    return createReply({
      type: 'success',
      text:
        mode === 'add'
          ? `${names} now hold${people.length === 1 ? 's' : ''} "${role}".`
          : `${names} no longer hold${people.length === 1 ? 's' : ''} "${role}".`,
    });
  },
});
