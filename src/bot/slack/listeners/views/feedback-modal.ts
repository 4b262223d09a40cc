import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { findRefusal } from '../../../../commands/reply.ts';
import { renderText } from '../../../render-text.ts';
import { buildFeedbackSentView, FEEDBACK_ERROR_BLOCK, readFeedbackModal } from '../../feedback-modal.ts';
import type { SlackListenerContext } from '../context.ts';
import { delay, MODAL_DEADLINE_MS } from '../respond.ts';

/**
 * The anonymous feedback form submitted. The user id is used in memory (membership) and dropped;
 * the receipt is shown once, in the modal itself, never in a message that would stay in the
 * person's Slack history.
 */
export function createFeedbackModalSubmit(ctx: SlackListenerContext) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const pending = ctx.run(body.user.id, readFeedbackModal(view));
    const reply = await Promise.race([pending, delay(MODAL_DEADLINE_MS)]);
    const refusal = reply && findRefusal(reply);
    if (refusal) {
      await ack({ response_action: 'errors', errors: { [FEEDBACK_ERROR_BLOCK]: refusal.text } });
      return;
    }
    if (reply) {
      await ack({ response_action: 'update', view: buildFeedbackSentView(renderText(reply)) });
      return;
    }
    await ack({ response_action: 'update', view: buildFeedbackSentView('Sending…') });
    await client.views.update({ view_id: view.id, view: buildFeedbackSentView(renderText(await pending)) });
  };
}
