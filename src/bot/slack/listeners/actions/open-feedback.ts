import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildFeedbackModal } from '../../feedback-modal.ts';
import type { SlackListenerContext } from '../context.ts';
import { findBlock } from '../respond.ts';

/** The Home tab's "Share an experience anonymously": opens the feedback form. */
export function createOpenFeedbackAction(ctx: SlackListenerContext) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const form = findBlock(await ctx.run(body.user.id, 'feedback'), 'feedback-form');
    if (form) await client.views.open({ trigger_id: body.trigger_id, view: buildFeedbackModal(form) });
  };
}
