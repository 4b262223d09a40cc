import { findClosest } from '../domain/closest-match.ts';
import { parseReceiptCode } from '../domain/codes.ts';
import type { StaffNetwork } from '../domain/feedback.ts';
import type { MembershipCheck, TagTargets } from '../domain/feedback-ports.ts';
import { truncate } from '../domain/format.ts';
import type { AnonymousContext, ParseResult } from './command.ts';
import type { RefText } from './refs.ts';

/** What feedback is tagged to, as typed: action refs and theme refs. */
export type FeedbackTags = { actions: RefText[]; themes: RefText[] };

/** The tags resolved to ids, with how to show them. */
export type ResolvedTags = { actionIds: string[]; themeIds: string[]; labels: string[] };

/** What a submission form or command tells the submitter, before they send anything. */
/** A network's signposting as one line: its text and link. */
export function describeSignpost(signpost: { text: string; url: string }): string {
  return `${signpost.text} ${signpost.url}`;
}

/** The signposting of every network that set one, a line each (empty: none set). */
export function describeSignposts(networks: readonly StaffNetwork[]): string[] {
  return networks.flatMap((n) =>
    n.signpost ? [`${networks.length > 1 ? `${n.name}: ` : ''}${describeSignpost(n.signpost)}`] : [],
  );
}

export const FEEDBACK_NOTICE = [
  'What is stored: your text (after moderation, possibly with parts redacted), the actions or themes you tag, the network, the day (no time) and a hash of your receipt.',
  'What is not stored: who you are (no user id, name or email), where you sent it from, message ids or the time of day. Nothing about you is logged.',
  'A moderator of the network reviews it first. Owners of the tagged actions see it only in a batch at the network’s release time, with at least a few other submissions.',
].join('\n');

function refKey(ref: RefText): string {
  return `${ref.planCode ?? ''}:${ref.ref}`.toLowerCase();
}

function resolveOne<T extends { planCode: string; ref: string }>(
  kind: 'action' | 'theme',
  ref: RefText,
  targets: readonly T[],
): { ok: true; target: T } | { ok: false; error: string } {
  const plans = [...new Set(targets.map((t) => t.planCode))];
  const inScope = targets.filter((t) => !ref.planCode || t.planCode === ref.planCode);
  const matches = inScope.filter((t) => t.ref.toLowerCase() === ref.ref.toLowerCase());
  if (matches.length > 1)
    return {
      ok: false,
      error: `${kind} ${ref.ref} is in more than one plan: say ${matches.map((m) => `${m.planCode}:${m.ref}`).join(' or ')}.`,
    };
  const match = matches[0];
  if (match) return { ok: true, target: match };
  const where = ref.planCode ?? (plans.length === 1 ? plans[0] : 'any plan');
  const closest = findClosest(ref.ref, new Set(inScope.map((t) => t.ref)));
  return {
    ok: false,
    error: `No ${kind} ${truncate(ref.ref)} in ${where}.${closest ? ` Did you mean ${closest}?` : ''} Nothing was sent.`,
  };
}

/** Resolves typed tags against the plans; a tag that names nothing is refused with the closest match. */
export function resolveTags(
  tags: FeedbackTags,
  targets: TagTargets,
): { ok: true; value: ResolvedTags } | { ok: false; error: string } {
  const actionIds = new Set<string>();
  const themeIds = new Set<string>();
  const labels: string[] = [];
  for (const ref of unique(tags.actions)) {
    const found = resolveOne('action', ref, targets.actions);
    if (!found.ok) return found;
    actionIds.add(found.target.id);
    labels.push(`${found.target.planCode}:${found.target.ref}`);
  }
  for (const ref of unique(tags.themes)) {
    const found = resolveOne('theme', ref, targets.themes);
    if (!found.ok) return found;
    themeIds.add(found.target.id);
    labels.push(`theme ${found.target.planCode}:${found.target.ref}`);
  }
  return { ok: true, value: { actionIds: [...actionIds], themeIds: [...themeIds], labels } };
}

function unique(refs: readonly RefText[]): RefText[] {
  const seen = new Map(refs.map((r) => [refKey(r), r]));
  return [...seen.values()];
}

/** Whether the asker belongs to a network: its admin-kept list first, then its linked channel or team. */
export async function checkMembership(
  network: StaffNetwork,
  ctx: AnonymousContext,
): Promise<MembershipCheck> {
  if (network.listedMembers > 0 && (await ctx.store.networks.isListedMember(network.id, ctx.who)))
    return { status: 'member', memberCount: network.listedMembers };
  if (ctx.membership) return ctx.membership.check(network, ctx.who);
  return { status: 'not-linked' };
}

/**
 * The network a submission goes to: the one named, or the only one the asker belongs to. Refusals say
 * nothing about who else is a member.
 */
export async function chooseNetwork(
  named: string | null,
  ctx: AnonymousContext,
): Promise<{ ok: true; network: StaffNetwork } | { ok: false; error: string }> {
  const all = await ctx.store.networks.listNetworks();
  if (all.length === 0) return { ok: false, error: 'No staff networks are set up yet: ask an admin.' };
  let candidates: StaffNetwork[] = all;
  if (named) {
    const network = await ctx.store.networks.findNetwork(named);
    if (!network) {
      const closest = findClosest(
        named,
        all.map((n) => n.name),
      );
      return {
        ok: false,
        error: `No staff network "${truncate(named)}".${closest ? ` Did you mean "${closest}"?` : ''}`,
      };
    }
    candidates = [network];
  }
  const mine: { network: StaffNetwork; check: MembershipCheck }[] = [];
  let unavailable = false;
  for (const network of candidates) {
    const check = await checkMembership(network, ctx);
    if (check.status === 'member') mine.push({ network, check });
    if (check.status === 'unavailable') unavailable = true;
  }
  if (mine.length === 0) {
    if (unavailable)
      return {
        ok: false,
        error: 'I could not check network membership just now. Nothing was sent; try again later.',
      };
    return {
      ok: false,
      error: named
        ? `Only members of ${candidates[0]?.name} can send feedback to it. Nothing was sent.`
        : 'Only members of a staff network can send feedback, and I could not find you in one. Nothing was sent.',
    };
  }
  if (mine.length > 1)
    return {
      ok: false,
      error: `You are in more than one staff network: say which, like feedback to "${mine[0]?.network.name}" -- <text>.`,
    };
  const [{ network, check }] = mine as [(typeof mine)[number]];
  if (check.status === 'member' && check.memberCount < network.threshold)
    return {
      ok: false,
      error: `${network.name} has fewer than ${network.threshold} members, too few to keep you anonymous. Nothing was sent.`,
    };
  return { ok: true, network };
}

/** Parses a receipt as typed: 20 letters and digits, dashes and spaces ignored. */
export function parseReceipt(text: string | undefined): ParseResult<string> {
  const code = parseReceiptCode(text ?? '');
  if (!code)
    return {
      ok: false,
      error: 'A receipt looks like ABCDE-FGHJK-MNPQR-STVWX (the code you got when you sent it).',
    };
  return { ok: true, value: code };
}
