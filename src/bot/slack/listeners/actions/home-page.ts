import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackListenerContext } from '../context.ts';

/** The Home tab's Previous / Next buttons: publishes that page of the person's actions. */
export function createHomePageAction(ctx: SlackListenerContext) {
  return async ({
    ack,
    body,
    action,
    client,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    await ctx.publishHome(client, body.user.id, Number(action.value) || 0);
  };
}
