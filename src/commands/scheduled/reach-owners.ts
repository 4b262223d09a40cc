import type { ChatSender } from '../../domain/chat-sender.ts';
import type { Store } from '../../domain/ports.ts';

/**
 * Lets each platform find the owners it cannot reach yet, in the order their identities are tried
 * (Slack, then Teams), before a run composes its messages: someone named by email alone is linked to
 * the account that address finds, so the prompt reaches them without their ever writing to the bot.
 * A platform that fails is told to `onError` and skipped: the run goes on with what is known.
 */
export async function reachOwners(
  store: Store,
  senders: readonly ChatSender[],
  onError: (platform: string, error: unknown) => void,
): Promise<number> {
  let reached = 0;
  for (const sender of senders) {
    if (!sender.reachOwners) continue;
    try {
      // Read again for each platform: the one before may have linked some.
      reached += await sender.reachOwners(await store.scheduleReads.listOwnerContacts());
    } catch (error) {
      onError(sender.platform, error);
    }
  }
  return reached;
}
