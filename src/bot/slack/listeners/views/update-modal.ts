import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { findRefusal } from '../../../../commands/reply.ts';
import { errorBlockFor, readUpdateModal } from '../../views.ts';
import type { SlackListenerContext } from '../context.ts';
import { delay, hashKey, MODAL_DEADLINE_MS } from '../respond.ts';

/**
 * The update form submitted: run as `update CODE:ref [status] -- note` with the view as its request
 * key; a refusal is shown on the input its field names, within Slack's 3 s, else the form closes.
 */
export function createUpdateModalSubmit(ctx: SlackListenerContext) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs & AllMiddlewareArgs) => {
    const submission = readUpdateModal(view);
    if (!submission) {
      const errors = { status: 'This form is out of date: close it and start again.' };
      await ack({ response_action: 'errors', errors });
      return;
    }
    const picking = !JSON.parse(view.private_metadata || '{}').target;
    const requestKey = hashKey('view', view.id, submission.text);
    const prompt = submission.origin.prompt;
    // Opened from a prompt: a stale prompt's form records nothing either (its time is the stored prompt's).
    const asOf = prompt && (await ctx.findPromptTime(prompt));
    const pending = ctx.run(body.user.id, submission.text, { requestKey, ...(asOf ? { asOf } : {}) });
    const reply = await Promise.race([pending, delay(MODAL_DEADLINE_MS)]);
    const refusal = reply && findRefusal(reply);
    if (refusal) {
      const errors = { [errorBlockFor(refusal.field, picking)]: refusal.text };
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    await ctx.answerModal(client, body.user.id, submission.origin, reply ?? (await pending));
    if (prompt) await ctx.refreshPrompt(client, prompt);
  };
}
