import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildFeedbackModal } from '../../feedback-modal.ts';
import type { SlackListenerContext } from '../context.ts';
import { findBlock, hashKey, respondAll } from '../respond.ts';

/**
 * A reply's command button (an import preview's "Import", help's feedback button): its value is the
 * command text, run as the person who pressed it through the one pipeline, as if typed; the answer
 * goes to its response_url, or opens as a form when it is one (the feedback form).
 */
export function createRunCommandAction(ctx: SlackListenerContext) {
  return async ({
    ack,
    body,
    action,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const text = action.value ?? '';
    if (!text) return;
    const where = body.container?.message_ts ?? '';
    const requestKey = hashKey('button', body.user.id, where, action.action_id, text);
    const reply = await ctx.run(body.user.id, text, { requestKey });
    const form = findBlock(reply, 'feedback-form');
    if (form) await client.views.open({ trigger_id: body.trigger_id, view: buildFeedbackModal(form) });
    else await respondAll(respond, reply);
  };
}
