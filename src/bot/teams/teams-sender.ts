import type { CloudAdapter, ConversationReference } from 'botbuilder';
import type { Reply } from '../../commands/reply.ts';
import type { ConversationRepository } from '../../domain/ports.ts';
import { type ChatSender, type ChatTarget, SendFailure } from '../chat-sender.ts';
import { renderTeamsReply } from './render-cards.ts';

/**
 * Proactive Teams messages from stored conversation references (`continueConversationAsync`): a
 * person's personal chat with the bot (by AAD object id) or a channel/group chat (by conversation id).
 * One attempt per call: the delivery queue owns retries and Retry-After.
 */
export function createTeamsSender(
  adapter: CloudAdapter,
  appId: string,
  conversations: Pick<ConversationRepository, 'find'>,
): ChatSender {
  return {
    platform: 'teams',
    async send(target: ChatTarget, reply: Reply) {
      const kind = target.kind;
      const key = target.kind === 'person' ? target.externalId : target.channelId;
      const stored = await conversations.find('teams', kind, key);
      if (!stored)
        throw new SendFailure(
          kind === 'person'
            ? 'No Teams chat with this person yet: they need to open Actionbot in Teams once.'
            : 'Actionbot is not installed in this Teams conversation.',
          false,
        );
      let messageId: string | null = null;
      try {
        await adapter.continueConversationAsync(
          appId,
          stored.reference as Partial<ConversationReference>,
          async (context) => {
            for (const activity of renderTeamsReply(reply)) {
              const sent = await context.sendActivity(activity);
              messageId ??= sent?.id ?? null;
            }
          },
        );
      } catch (error) {
        throw toSendFailure(error);
      }
      return { messageId };
    },
  };
}

/** Maps connector errors to retryable or not: 429 (with Retry-After), 5xx and network failures retry. */
export function toSendFailure(error: unknown): SendFailure {
  if (error instanceof SendFailure) return error;
  const e = error as {
    statusCode?: number;
    code?: string;
    message?: string;
    response?: { headers?: { get?(name: string): string | undefined } };
  };
  const status = e.statusCode;
  if (status === 429) {
    const seconds = Number(e.response?.headers?.get?.('retry-after'));
    return new SendFailure(
      'Teams throttled the bot (429)',
      true,
      Number.isFinite(seconds) ? seconds * 1000 : 1000,
    );
  }
  if (status !== undefined) return new SendFailure(`Teams connector HTTP ${status}`, status >= 500);
  return new SendFailure(`Teams connector unreachable: ${e.message ?? String(error)}`, true);
}
