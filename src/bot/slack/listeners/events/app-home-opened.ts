import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackListenerContext } from '../context.ts';

/** The person opened the app's Home tab: publish their actions. */
export function createAppHomeOpened(ctx: SlackListenerContext) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs) => {
    if (event.tab === 'home') await ctx.publishHome(client, event.user);
  };
}
