import { z } from 'zod';
import { findClosest } from '../../domain/closest-match.ts';
import { truncate } from '../../domain/format.ts';
import type { Person } from '../../domain/person.ts';
import { defineCommand } from '../command.ts';
import { createErrorReply, createReply } from '../reply.ts';

type OwnerRequest = { role: string; mode: 'add' | 'remove'; mentions: string[]; emails: string[] };

/** Whether a word mentions a person: `@jane` (console), `<@U123>` or `<@U123|jane>` (Slack). */
export function isMention(word: string): boolean {
  return /^@[\w.-]+$|^<@[A-Z0-9]+(\|[^>]*)?>$/i.test(word);
}

const emailSchema = z.email();

/**
 * The address a word names, when it looks like one: `jane@council.example`, or as Slack links it
 * (`<mailto:jane@council.example|jane@council.example>`); null for a word that is no address at all.
 */
function readEmailWord(word: string): { email: string } | { invalid: string } | null {
  const linked = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/i.exec(word);
  const text = (linked?.[1] ?? word).trim();
  if (!text.includes('@') || text.startsWith('@')) return null;
  return emailSchema.safeParse(text).success ? { email: text.toLowerCase() } : { invalid: text };
}

/** `owner <role> @person ...` and `owner <role> remove @person ...`: who holds a role (admins). */
export const ownerCommand = defineCommand<OwnerRequest>({
  name: 'owner',
  summary: 'Admins: add people to an owner role, or remove them.',
  usage: [
    'owner <role> @person ...',
    'owner <role> jane@council.example ...',
    'owner <role> remove @person|email ...',
  ],
  adminOnly: true,
  parse({ args }) {
    // A quoted role is one word; an unquoted one runs up to the first person, address or "remove".
    const found = args.findIndex(
      (t) =>
        !t.quoted &&
        (isMention(t.value) || readEmailWord(t.value) !== null || t.value.toLowerCase() === 'remove'),
    );
    const split = args[0]?.quoted ? 1 : found;
    const roleWords = (split === -1 ? args : args.slice(0, split)).map((t) => t.value);
    const role = roleWords.join(' ').trim();
    if (!role)
      return { ok: false, error: 'Which role? Name it first, like owner "Head of People Services" @jane.' };
    let rest = split === -1 ? [] : args.slice(split);
    const mode = rest[0]?.value.toLowerCase() === 'remove' ? 'remove' : 'add';
    if (mode === 'remove') rest = rest.slice(1);
    const mentions: string[] = [];
    const emails: string[] = [];
    for (const t of rest) {
      if (isMention(t.value)) {
        mentions.push(t.value);
        continue;
      }
      const read = readEmailWord(t.value);
      if (read && 'invalid' in read)
        return {
          ok: false,
          error: `"${truncate(read.invalid)}" is not an email address, like jane@council.example.`,
        };
      if (!read)
        return {
          ok: false,
          error: `"${truncate(t.value)}" is not a person: mention them, like @jane, or give their email address.`,
        };
      if (!emails.includes(read.email)) emails.push(read.email);
    }
    if (rest.length === 0)
      return {
        ok: false,
        error: `Who? Mention the people to ${mode}, like @jane, or give their email addresses.`,
      };
    return { ok: true, value: { role, mode, mentions, emails } };
  },
  async run({ role, mode, mentions, emails }, ctx) {
    const people: Person[] = [];
    for (const mention of mentions) {
      const person = await ctx.resolveMention(mention);
      if (!person) return createErrorReply(`I can't find ${truncate(mention)}.`);
      people.push(person);
    }
    const changed = await ctx.store.people.changeRoleHolders({
      roleName: role,
      personIds: people.map((p) => p.id),
      emails,
      mode,
      actorId: ctx.person.id,
    });
    if (!changed.ok && changed.reason === 'unknown-email')
      return createErrorReply(
        `No one with the address ${truncate(changed.email)} is known, so no one to remove.`,
      );
    if (!changed.ok) {
      const closest = findClosest(
        role,
        (await ctx.store.people.listRoles()).map((r) => r.name),
      );
      return createErrorReply(
        `No role "${truncate(role)}".${closest ? ` Did you mean "${closest}"?` : ' See roles for the list.'}`,
      );
    }
    const named = changed.people;
    const names = named.map((p) => p.displayName).join(', ');
    const byEmailOnly = mode === 'add' && named.some((p) => p.email && p.displayName === p.email);
    return createReply({
      type: 'success',
      text:
        (mode === 'add'
          ? `${names} now hold${named.length === 1 ? 's' : ''} "${role}".`
          : `${names} no longer hold${named.length === 1 ? 's' : ''} "${role}".`) +
        (byEmailOnly
          ? ' Someone known only by email is found on Slack or Teams by that address when a message goes out.'
          : ''),
    });
  },
});
