import type { AllMiddlewareArgs, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { toSlackOption } from '../../feedback-modal.ts';
import type { SlackListenerContext } from '../context.ts';

/** The feedback form's tags, searched as the person types: any number of plans, themes and actions. */
export function createFeedbackTagsOptions(ctx: SlackListenerContext) {
  return async ({ ack, payload }: SlackOptionsMiddlewareArgs<'block_suggestion'> & AllMiddlewareArgs) => {
    const found = await ctx.searchTags(payload.value ?? '');
    await ack({ options: found.map(toSlackOption) });
  };
}
