import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { renderSlackMessage } from '../../render-messages.ts';
import { buildUpdateModal } from '../../views.ts';
import type { SlackListenerContext } from '../context.ts';
import { findBlock, respondAll } from '../respond.ts';
import { toPromptMessage } from './quick-status.ts';

/** "Add note" on a prompt or "Update" in the Home tab: opens the update form for that action. */
export function createOpenUpdateAction(ctx: SlackListenerContext) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    if (!action.value) return;
    const reply = await ctx.run(body.user.id, `update ${action.value}`);
    const form = findBlock(reply, 'update-form');
    const fromHome = body.view?.type === 'home';
    if (form?.item) {
      // From a prompt: the prompt is brought up to date once the form saves.
      const prompt = fromHome ? null : toPromptMessage(body.container);
      const origin = fromHome
        ? { fromHome }
        : { responseUrl: body.response_url, ...(prompt ? { prompt } : {}) };
      await client.views.open({ trigger_id: body.trigger_id, view: buildUpdateModal(form.item, [], origin) });
    } else if (fromHome) {
      // No response_url in the Home tab: a refusal (not an owner...) is shown in a small modal.
      const view = {
        type: 'modal' as const,
        title: { type: 'plain_text' as const, text: 'Actionbot' },
        close: { type: 'plain_text' as const, text: 'Close' },
        blocks: renderSlackMessage(reply).blocks,
      };
      await client.views.open({ trigger_id: body.trigger_id, view });
    } else await respondAll(respond, reply);
  };
}
