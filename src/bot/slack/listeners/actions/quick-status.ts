import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { toUpdateCommandText } from '../../../../commands/forms.ts';
import { parseTarget } from '../../../../domain/codes.ts';
import { RATED_STATUSES, type RatedStatus } from '../../../../domain/status.ts';
import { buildUpdateModal, type PromptMessage } from '../../views.ts';
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
    const asOf = value.asOf ? { asOf: value.asOf } : {};
    const reply = await ctx.run(body.user.id, text, { requestKey, gesture: 'quick-status', ...asOf });
    const form = findBlock(reply, 'update-form');
    const prompt = toPromptMessage(body.container);
    if (form?.item) {
      const origin = { responseUrl: body.response_url, ...(prompt ? { prompt } : {}) };
      const view = buildUpdateModal(form.item, [], origin, form.status);
      await client.views.open({ trigger_id: body.trigger_id, view });
      return;
    }
    await respondAll(respond, reply);
    // Recorded, or refused as stale: either way the prompt now shows the action as it is.
    if (prompt) await ctx.refreshPrompt(client, prompt);
  };
}

/** The message a button was pressed on (a prompt), from the payload's container; null elsewhere. */
export function toPromptMessage(container: Record<string, unknown> | undefined): PromptMessage | null {
  const channel = container?.channel_id;
  const ts = container?.message_ts;
  if (container?.type !== 'message' || typeof channel !== 'string' || typeof ts !== 'string') return null;
  return { channel, ts };
}

/**
 * A quick status button's value: `{"target":"ARAP:2.4","status":"GREEN","asOf":"2027-01-04T09:00:00.000Z"}`
 * (`asOf`: when its prompt was composed); null when it is not one.
 */
export function parseQuickStatus(
  value: string | undefined,
): { planCode: string; ref: string; status: RatedStatus; asOf?: Date } | null {
  try {
    const { target, status, asOf } = JSON.parse(value ?? '');
    const action = parseTarget(String(target));
    if (!action || !RATED_STATUSES.includes(status)) return null;
    const composed = typeof asOf === 'string' ? new Date(asOf) : null;
    return {
      ...action,
      status,
      ...(composed && !Number.isNaN(composed.getTime()) ? { asOf: composed } : {}),
    };
  } catch {
    return null; // not JSON: not one of our buttons
  }
}
