import type { webApi } from '@slack/bolt';
import { refreshPrompt } from '../../../commands/scheduled/living-prompt.ts';
import { describeError } from '../../../domain/logged-error.ts';
import type { FrontDoorDeps } from '../../front-door.ts';
import { renderSlackMessages } from '../render-messages.ts';
import { DELIVERY_EVENT } from '../slack-sender.ts';
import type { PromptMessage } from '../views.ts';

/**
 * Updates a prompt in place (chat.update on the channel and ts its part landed at, as the outbox
 * recorded): the stored prompt brought up to date, that part rendered again. The same update twice
 * shows the same message, so a retried or repeated press is harmless; a press on a prompt that was
 * not brought up to date (the process died first) brings it up to date. A message that is gone or
 * cannot be edited is logged, not retried: the reply to the press already said what was recorded.
 */
export async function refreshPromptMessage(
  client: webApi.WebClient,
  prompt: PromptMessage,
  deps: Pick<FrontDoorDeps, 'store' | 'clock' | 'logger'>,
): Promise<void> {
  const found = await deps.store.outbox.findPostedPart('slack', prompt.channel, prompt.ts);
  if (!found) return; // not a message the outbox sent: nothing to bring up to date
  const reply = await refreshPrompt(found.message, deps.store, deps.clock.now());
  const part = renderSlackMessages(reply)[found.part];
  if (!part) return;
  try {
    await client.chat.update({
      channel: prompt.channel,
      ts: prompt.ts,
      text: part.text,
      blocks: part.blocks,
      // Kept as posted: a resumed delivery still finds its part by it.
      metadata: {
        event_type: DELIVERY_EVENT,
        event_payload: { delivery: found.deliveryId, part: found.part },
      },
    });
  } catch (error) {
    deps.logger.warn('slack prompt not updated', { error: describeError(error) });
  }
}
