import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { toUpdateCommandText } from '../../../../commands/forms.ts';
import { parseTarget } from '../../../../domain/codes.ts';
import { RATED_STATUSES, type RatedStatus } from '../../../../domain/status.ts';
import { buildUpdateModal } from '../../views.ts';
import type { SlackListenerContext } from '../context.ts';
import { findBlock, hashKey, respondAll } from '../respond.ts';

/**
 * A prompt's quick status button: `update CODE:ref <status> --` as a `quick-status` gesture. Green
 * and Amber record at once; Red and Complete need a note, so the update command answers with the
 * form, that status chosen, which opens as a modal.
 */
export function createQuickStatusAction(ctx: SlackListenerContext) {
  return async ({
    ack,
    body,
    action,
    client,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs) => {
    await ack();
    const value = parseQuickStatus(action.value);
    if (!value) return;
    // The same click delivered twice (double click, Slack retry) has the same key: recorded once.
    const where = body.container?.message_ts ?? body.view?.id ?? '';
    const requestKey = hashKey('button', body.user.id, where, action.action_id, action.value ?? '');
    const text = toUpdateCommandText({ ...value, note: '' });
    const reply = await ctx.run(body.user.id, text, { requestKey, gesture: 'quick-status' });
    const form = findBlock(reply, 'update-form');
    if (form?.item) {
      const view = buildUpdateModal(form.item, [], { responseUrl: body.response_url }, form.status);
      await client.views.open({ trigger_id: body.trigger_id, view });
    } else await respondAll(respond, reply);
  };
}

/** A quick status button's value: `{"target":"ARAP:2.4","status":"GREEN"}`; null when it is not one. */
export function parseQuickStatus(
  value: string | undefined,
): { planCode: string; ref: string; status: RatedStatus } | null {
  try {
    const { target, status } = JSON.parse(value ?? '');
    const action = parseTarget(String(target));
    if (!action || !RATED_STATUSES.includes(status)) return null;
    return { ...action, status };
  } catch {
    return null; // not JSON: not one of our buttons
  }
}
