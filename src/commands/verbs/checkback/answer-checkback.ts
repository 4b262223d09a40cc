import { ANSWER_LABELS } from '../../../domain/checkback.ts';
import { describeIdentifyingText, findIdentifyingText, getLocalDay } from '../../../domain/feedback.ts';
import type { AnonymousContext } from '../../command.ts';
import { checkMembership } from '../../feedback-support.ts';
import { createErrorReply, createReply, type Reply } from '../../reply.ts';
import type { CheckbackRequest } from '../checkback.ts';

/**
 * Records a member's answer once, anonymously: the action must have been asked about, the asker must
 * be a member of a network asked (checked live, then forgotten), and a second answer is refused. A
 * comment becomes a pending submission of that network tagged to the action (moderated, released in
 * batches), with a receipt shown once.
 */
export async function answerCheckback(request: CheckbackRequest, ctx: AnonymousContext): Promise<Reply> {
  // Typed where the platform keeps it under the person's name (a Teams chat): that would say who answered what.
  if (ctx.retained || (ctx.platform === 'teams' && ctx.conversation && ctx.conversation.kind !== 'direct'))
    return createErrorReply(
      'Not recorded: Teams keeps messages you type under your name. Answer with the buttons on the card Actionbot sent you.',
      { code: 'checkback_in_retained_chat' },
    );
  const { planCode, ref } = request.ref;
  const found = await ctx.store.actions.findActionsByRef(ref, planCode);
  const action = found.length === 1 ? found[0] : undefined;
  if (!action)
    return createErrorReply(
      found.length > 1
        ? `${ref} is in more than one plan: say ${found.map((a) => `${a.plan.code}:${a.ref}`).join(' or ')}.`
        : `No action ${planCode ? `${planCode}:` : ''}${ref}. Nothing was recorded.`,
    );
  const target = `${action.plan.code}:${action.ref}`;
  const asked = await ctx.store.checkbacks.listAsked(action.id);
  if (asked.length === 0)
    return createErrorReply(`No staff network has been asked about ${target}. Nothing was recorded.`);
  const networks = (await ctx.store.networks.listNetworks()).filter((n) =>
    asked.some((a) => a.networkId === n.id),
  );
  const mine: { id: string; signpost: { text: string; url: string } | null }[] = [];
  let unavailable = false;
  for (const network of networks) {
    const check = await checkMembership(network, ctx);
    if (check.status === 'member') mine.push(network);
    if (check.status === 'unavailable') unavailable = true;
  }
  if (mine.length === 0)
    return createErrorReply(
      unavailable
        ? 'I could not check network membership just now. Nothing was recorded; try again later.'
        : `Only members of the staff network asked about ${target} can answer. Nothing was recorded.`,
    );
  if (request.comment && !request.asIs) {
    const found = findIdentifyingText(
      request.comment,
      (await ctx.store.people.listRoles()).map((r) => r.name),
    );
    if (found.length > 0)
      return createErrorReply(
        `Your comment could identify someone: ${describeIdentifyingText(found)}. Nothing was recorded. Edit it, or keep it as it is by adding as-is before --.`,
      );
  }
  const outcome = await ctx.store.checkbacks.answer({
    actionId: action.id,
    networkIds: mine.map((n) => n.id),
    who: ctx.who,
    answer: request.answer,
    comment: request.comment,
    day: getLocalDay(ctx.clock.now(), networks[0]?.timezone ?? 'Europe/London'),
  });
  if (!outcome.ok)
    return createErrorReply(
      outcome.code === 'answered'
        ? `You have already answered about ${target}: one answer each. Nothing was changed.`
        : `Only members of the staff network asked about ${target} can answer. Nothing was recorded.`,
      { code: `checkback_${outcome.code}` },
    );
  return createReply(
    {
      type: 'success',
      text: `Counted anonymously for ${outcome.network}: "${ANSWER_LABELS[request.answer]}" on ${target}. Thank you.${outcome.code ? ` Your comment is ${outcome.code}: a moderator reviews it before anyone else sees it.` : ''}`,
    },
    ...(outcome.receipt
      ? [
          {
            type: 'paragraph' as const,
            text: `Your receipt for the comment: ${outcome.receipt}\nIt is shown only this once and is not stored (only a hash of it): feedback check ${outcome.receipt} shows its outcome and replies, feedback withdraw ${outcome.receipt} deletes it.`,
          },
        ]
      : []),
  );
}
