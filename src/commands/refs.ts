import type { Action } from '../domain/action.ts';
import { findClosest } from '../domain/closest-match.ts';
import { parseRefText } from '../domain/codes.ts';
import { truncate } from '../domain/format.ts';
import type { CommandContext, ParseResult } from './command.ts';
import type { Token } from './tokenize.ts';

/** An action ref as typed: `2.4`, `#2.4`, `ARAP:2.4`. */
export type RefText = { planCode: string | null; ref: string };

/** Reads a ref from the words, allowing a leading "action" (`action 2.4`); returns the words after it. */
export function parseRefWords(
  args: readonly Token[],
): ParseResult<{ ref: RefText; rest: Token[]; last: Token }> {
  const skip = args[0]?.value.toLowerCase() === 'action' && args.length > 1 ? 1 : 0;
  const word = args[skip];
  if (!word) return { ok: false, error: 'Which action? Give its ref, like 2.4.' };
  const ref = parseRefText(word.value);
  if (!ref) {
    return {
      ok: false,
      error: `"${truncate(word.value)}" is not an action ref; an action ref is like 2.4 or ARAP:2.4.`,
    };
  }
  return { ok: true, value: { ref, rest: args.slice(skip + 1), last: word } };
}

/**
 * The action a ref names, or a reply saying why not with the closest match. Found in one query;
 * only a ref that names nothing (or several) reads every ref, to suggest one.
 */
export async function findActionByRef(
  { planCode, ref }: RefText,
  ctx: CommandContext,
): Promise<{ ok: true; action: Action } | { ok: false; error: string }> {
  const found = await ctx.store.actions.findActionsByRef(ref, planCode);
  if (found.length === 1 && found[0]) return { ok: true, action: found[0] };
  if (found.length > 1) {
    const options = found.map((a) => `${a.plan.code}:${a.ref}`).join(' or ');
    return { ok: false, error: `${ref} is in more than one plan: say ${options}.` };
  }
  const all = await ctx.store.actions.listRefs();
  const plans = [...new Set(all.map((r) => r.planCode))].sort();
  if (planCode && !plans.includes(planCode)) {
    const closest = findClosest(planCode, plans);
    return {
      ok: false,
      error: `No plan ${planCode}. ${closest ? `Did you mean ${closest}?` : `Plans: ${plans.join(', ') || 'none yet'}.`}`,
    };
  }
  const inScope = all.filter((r) => !planCode || r.planCode === planCode);
  const where = planCode ?? (plans.length === 1 ? plans[0] : 'any plan');
  const closest = findClosest(ref, new Set(inScope.map((r) => r.ref)));
  return {
    ok: false,
    error: `No action ${truncate(ref)} in ${where}.${closest ? ` Did you mean ${closest}?` : ''}`,
  };
}
