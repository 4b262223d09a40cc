import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackListenerContext } from '../context.ts';
import { hashKey, respondAll } from '../respond.ts';

/**
 * A reply's command button (an import preview's "Import"): its value is the command text, run as
 * the person who pressed it through the one pipeline, as if typed; the answer goes to its response_url.
 */
export function createRunCommandAction(ctx: SlackListenerContext) {
  return async ({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const text = action.value ?? '';
    if (!text) return;
    const where = body.container?.message_ts ?? '';
    const requestKey = hashKey('button', body.user.id, where, action.action_id, text);
    await respondAll(respond, await ctx.run(body.user.id, text, { requestKey }));
  };
}
