import { findClosest } from '../../domain/closest-match.ts';
import { isRef, parsePlanCode } from '../../domain/codes.ts';
import { truncate } from '../../domain/format.ts';
import type { SponsorTarget } from '../../domain/sponsor-ports.ts';
import { type CommandContext, defineCommand, type ParseResult } from '../command.ts';
import { createErrorReply, createReply, type Reply } from '../reply.ts';
import { describeEscalation, describeHolders, describeSponsorTarget } from '../sponsors.ts';
import type { Token } from '../tokenize.ts';

/** `sponsor <plan>[:<theme>] ["<role>" | new "<role>" | none]`; null lists every sponsor. */
type SponsorRequest = { target: SponsorTarget; role: { name: string; create: boolean } | null } | null;

/** Reads `ARAP` or `ARAP:2` (a theme); null when the word is neither. */
export function parseSponsorTarget(word: string): SponsorTarget | null {
  const [code = '', themeRef, ...extra] = word.split(':');
  const planCode = parsePlanCode(code);
  if (!planCode || extra.length > 0 || (themeRef !== undefined && !isRef(themeRef))) return null;
  return { planCode, themeRef: themeRef ?? null };
}

/** `sponsor`: who answers for each plan and theme; `sponsor <target> <role>` names it (admins). */
export const sponsorCommand = defineCommand<SponsorRequest>({
  name: 'sponsor',
  summary: 'Admins: the sponsor role of a plan or theme (hears of missed updates), or list them.',
  usage: [
    'sponsor',
    'sponsor <plan>[:<theme>] "<role>"',
    'sponsor <plan>[:<theme>] new "<role>"',
    'sponsor <plan>[:<theme>] none',
  ],
  adminOnly: true,
  parse({ args }) {
    if (args.length === 0) return { ok: true, value: null };
    const [first, ...rest] = args;
    const target = parseSponsorTarget(first?.value ?? '');
    if (!target)
      return {
        ok: false,
        error: `"${truncate(first?.value ?? '')}" is not a plan or theme: say ARAP, or ARAP:2 for its theme 2.`,
      };
    const role = parseRoleWords(rest);
    return role.ok ? { ok: true, value: { target, role: role.value } } : role;
  },
  async run(request, ctx) {
    if (!request) return listSponsors(ctx);
    const { target, role } = request;
    const changed = await ctx.store.sponsors.setSponsor(target, role, ctx.person.id);
    if (!changed.ok) return refuse(changed.reason, request, ctx);
    const where = describeSponsorTarget(target);
    if (!changed.role) return createReply({ type: 'success', text: `${where} has no sponsor now.` });
    const plan = (await ctx.store.plans.listPlans()).find((p) => p.code === target.planCode);
    const [sponsor] = (await ctx.store.sponsors.listSponsors(target.planCode)).filter(
      (s) => (s.theme?.ref ?? null) === target.themeRef,
    );
    const holders = sponsor?.holders ?? [];
    return createReply({
      type: 'success',
      text: `"${changed.role}" now sponsors ${where}: ${
        holders.length
          ? `${describeHolders(holders)} ${describeEscalation(plan?.escalationDays ?? null)}.`
          : `nobody holds it yet; say owner "${changed.role}" @person.`
      }`,
    });
  },
});

/** The role after the target: one quoted name, or the words; `new` first creates it; `none` clears. */
function parseRoleWords(words: Token[]): ParseResult<{ name: string; create: boolean } | null> {
  const create = words[0]?.quoted === false && words[0].value.toLowerCase() === 'new';
  const rest = create ? words.slice(1) : words;
  const name = rest
    .map((t) => t.value)
    .join(' ')
    .trim();
  if (!name)
    return { ok: false, error: 'Which role? Name it, like sponsor ARAP "Executive Director, People".' };
  if (!create && rest.length === 1 && !rest[0]?.quoted && name.toLowerCase() === 'none')
    return { ok: true, value: null };
  if (name.length > 200) return { ok: false, error: 'A role name is 200 characters at most.' };
  return { ok: true, value: { name, create } };
}

async function refuse(
  reason: string,
  request: NonNullable<SponsorRequest>,
  ctx: CommandContext,
): Promise<Reply> {
  const { target, role } = request;
  if (reason === 'no-plan') {
    const plans = (await ctx.store.plans.listPlans()).map((p) => p.code);
    const closest = findClosest(target.planCode, plans);
    return createErrorReply(
      `No plan ${target.planCode}. ${closest ? `Did you mean ${closest}?` : `Plans: ${plans.join(', ') || 'none yet'}.`}`,
    );
  }
  if (reason === 'no-theme') {
    const actions = await ctx.store.actions.findActions({ planCodes: [target.planCode] });
    const themes = [...new Set(actions.flatMap((a) => (a.theme ? [a.theme.ref] : [])))];
    return createErrorReply(
      `${target.planCode} has no theme ${truncate(target.themeRef ?? '')}. Its themes: ${themes.join(', ') || 'none'}.`,
    );
  }
  const name = role?.name ?? '';
  const closest = findClosest(
    name,
    (await ctx.store.people.listRoles()).map((r) => r.name),
  );
  return createErrorReply(
    `No role "${truncate(name)}".${closest ? ` Did you mean "${closest}"?` : ''} For a new role, say sponsor ${target.planCode}${target.themeRef ? `:${target.themeRef}` : ''} new "${truncate(name)}".`,
  );
}

async function listSponsors(ctx: CommandContext): Promise<Reply> {
  const [sponsors, plans] = await Promise.all([
    ctx.store.sponsors.listSponsors(),
    ctx.store.plans.listPlans(),
  ]);
  if (sponsors.length === 0)
    return createReply({
      type: 'paragraph',
      text: 'No sponsors yet: say sponsor ARAP "Executive Director, People" (or ARAP:2 for a theme).',
    });
  return createReply(
    { type: 'heading', text: `${sponsors.length} sponsor${sponsors.length === 1 ? '' : 's'}` },
    {
      type: 'fields',
      fields: sponsors.map((s) => ({
        label: describeSponsorTarget({ planCode: s.planCode, themeRef: s.theme?.ref ?? null }),
        value: `${s.role}: ${s.holders.length ? describeHolders(s.holders) : 'nobody yet'} · ${describeEscalation(
          plans.find((p) => p.code === s.planCode)?.escalationDays ?? null,
        )}`,
      })),
    },
  );
}
