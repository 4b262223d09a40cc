import { describeIdentifyingText, findIdentifyingText, getLocalDay } from '../../../domain/feedback.ts';
import type { AnonymousContext } from '../../command.ts';
import {
  chooseNetwork,
  describeSignpost,
  describeSignposts,
  FEEDBACK_NOTICE,
  type FeedbackTags,
  resolveTags,
} from '../../feedback-support.ts';
import { toTagChoices } from '../../feedback-tags.ts';
import { type Block, createErrorReply, createReply, type Reply } from '../../reply.ts';
import type { FeedbackRequest } from './parse-feedback-request.ts';

/** `feedback [<ref> ...]`: the anonymous form, tagged with the refs given. Runs anonymously. */
export async function showFeedbackForm(tags: FeedbackTags, ctx: AnonymousContext): Promise<Reply> {
  const targets = await ctx.store.feedback.listTagTargets();
  const resolved = resolveTags(tags, targets);
  if (!resolved.ok) return createErrorReply(resolved.error);
  const refs = resolved.value.labels.map((l) => l.replace(/^theme /, 'theme ')).join(' ');
  const signposts = describeSignposts(await ctx.store.networks.listNetworks());
  const notice = signposts.length
    ? `${FEEDBACK_NOTICE}\nFor an incident you want investigated (not only heard): ${signposts.join(' · ')}`
    : FEEDBACK_NOTICE;
  const form: Block = {
    type: 'feedback-form',
    notice,
    choices: toTagChoices(targets),
    selected: resolved.value.labels,
  };
  return createReply(
    form,
    { type: 'heading', text: 'Anonymous feedback' },
    { type: 'paragraph', text: notice },
    {
      type: 'paragraph',
      text: `To send it, type: feedback ${refs ? `${refs} ` : ''}-- <your experience>\nAvoid names, emails, phone numbers and job titles that could identify anyone, you included.`,
    },
  );
}

/** `feedback ... -- <text>`: sends anonymous feedback and shows its receipt once. Runs anonymously. */
export async function submitFeedback(
  request: Extract<FeedbackRequest, { kind: 'submit' }>,
  ctx: AnonymousContext,
): Promise<Reply> {
  // Typed where the platform keeps the message under the sender's name: refused without reading
  // the text any further, and the form offered instead (its submit is not a chat message).
  if (ctx.retained) {
    const form = await showFeedbackForm(request.tags, ctx);
    const formBlocks = form.blocks.some((b) => b.type === 'feedback-form') ? form.blocks : [];
    return createReply(
      {
        type: 'error',
        text: 'Not sent: Teams keeps messages you type under your name, so feedback typed here would not be anonymous. Use the form instead (it is not a chat message), and delete the message you typed.',
        code: 'feedback_in_retained_chat',
      },
      ...formBlocks,
    );
  }
  // In a Teams channel or group chat the typed text is visible to everyone there.
  if (ctx.platform === 'teams' && ctx.conversation && ctx.conversation.kind !== 'direct')
    return createErrorReply(
      'Feedback typed here would be seen by everyone in this chat. Nothing was sent: send it to me in a personal chat instead.',
    );
  const targets = await ctx.store.feedback.listTagTargets();
  const tags = resolveTags(request.tags, targets);
  if (!tags.ok) return createErrorReply(tags.error);
  const chosen = await chooseNetwork(request.network, ctx);
  if (!chosen.ok) return createErrorReply(chosen.error);
  if (!request.asIs) {
    const roles = (await ctx.store.people.listRoles()).map((r) => r.name);
    const found = findIdentifyingText(request.text, roles);
    if (found.length > 0)
      return createErrorReply(
        `This could identify someone: ${describeIdentifyingText(found)}. Nothing was sent. Edit it, or send it as it is by adding as-is before --.${chosen.network.signpost ? ` If it is an incident you want investigated: ${describeSignpost(chosen.network.signpost)}` : ''}`,
      );
  }
  const { network } = chosen;
  const day = getLocalDay(ctx.clock.now(), network.timezone);
  const { code, receipt } = await ctx.store.feedback.submit({
    networkId: network.id,
    text: request.text,
    actionIds: tags.value.actionIds,
    themeIds: tags.value.themeIds,
    day,
  });
  return createReply(
    {
      type: 'success',
      text: `Sent anonymously to ${network.name} as ${code}${tags.value.labels.length ? `, tagged ${tags.value.labels.join(', ')}` : ''}. A moderator reviews it before anyone else sees it.`,
    },
    {
      type: 'paragraph',
      text: `Your receipt: ${receipt}\nIt is shown only this once and is not stored (only a hash of it). Keep it to see the outcome and replies (feedback check ${receipt}) or to delete your submission (feedback withdraw ${receipt}).`,
    },
  );
}
