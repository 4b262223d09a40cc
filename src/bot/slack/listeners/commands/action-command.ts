import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { createReply } from '../../../../commands/reply.ts';
import { buildFeedbackModal } from '../../feedback-modal.ts';
import { buildUpdateModal } from '../../views.ts';
import type { SlackListenerContext } from '../context.ts';
import { findBlock, hashKey, respondAll, sendFile, toConversation } from '../respond.ts';

/**
 * `/action <text>`: acked at once, run through the pipeline, answered as Slack can best show it: a
 * form opens as a modal, a report is uploaded to the person's DM, anything else at the response_url.
 */
export function createActionCommand(ctx: SlackListenerContext) {
  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    // The invocation's trigger_id names this delivery: a retry or a replay of it records nothing twice,
    // while typing the same command again is a new invocation (a new trigger_id) and records again.
    const reply = await ctx.run(command.user_id, command.text, {
      conversation: toConversation(command.channel_id, command.channel_name),
      requestKey: hashKey('command', command.trigger_id),
    });
    const feedbackForm = findBlock(reply, 'feedback-form');
    if (feedbackForm) {
      await client.views.open({ trigger_id: command.trigger_id, view: buildFeedbackModal(feedbackForm) });
      return;
    }
    const file = findBlock(reply, 'file');
    if (file) {
      await sendFile(client, command.user_id, file);
      const sent = `${file.summary} Sent to you as ${file.name} in your direct messages with Actionbot.`;
      await respondAll(respond, createReply({ type: 'success', text: sent }));
      return;
    }
    const form = findBlock(reply, 'update-form');
    if (form) {
      const view = buildUpdateModal(form.item, form.choices, { responseUrl: command.response_url });
      await client.views.open({ trigger_id: command.trigger_id, view });
      return;
    }
    await respondAll(respond, reply);
  };
}
