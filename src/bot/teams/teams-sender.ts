import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Reply } from '../../commands/reply.ts';
import { type ChatSender, type ChatTarget, type PartResume, SendFailure } from '../../domain/chat-sender.ts';
import type { ConversationRepository } from '../../domain/ports.ts';
import { readUserId } from './prompt-owners.ts';
import { withPromptRefresh } from './prompt-refresh.ts';
import { renderTeamsReply } from './render-cards.ts';

// Teams takes about 7 messages a second in one conversation: the parts of a reply go 5 a second.
const PART_INTERVAL_MS = 200;

/**
 * Sends a reply's messages in order, paced under Teams' per-conversation rate, from part `from`;
 * `beforePart` is called before each and `onPart` hears how many have gone after each. Returns the
 * first sent message's id.
 */
export async function sendInParts(
  context: Pick<TurnContext, 'sendActivity'>,
  activities: Partial<Activity>[],
  options: {
    from?: number;
    beforePart?: () => Promise<void>;
    onPart?: (partsSent: number) => Promise<void>;
  } = {},
): Promise<string | null> {
  const from = options.from ?? 0;
  let firstId: string | null = null;
  for (let i = from; i < activities.length; i++) {
    if (i > from) await new Promise((r) => setTimeout(r, PART_INTERVAL_MS));
    await options.beforePart?.();
    const sent = await context.sendActivity(activities[i] as Partial<Activity>);
    firstId ??= sent?.id ?? null;
    await options.onPart?.(i + 1);
  }
  return firstId;
}

/**
 * Proactive Teams messages from stored conversation references (`continueConversationAsync`): a
 * person's personal chat with the bot (by AAD object id) or a channel/group chat (by conversation id).
 * One attempt per call: the delivery queue owns retries and Retry-After. The connector cannot be
 * asked whether a message arrived, so a part whose send was never confirmed (`unconfirmedSince`) is
 * sent again: across a crash at that moment, Teams gets it at least once (README, Operations).
 */
export function createTeamsSender(
  adapter: CloudAdapter,
  appId: string,
  conversations: Pick<ConversationRepository, 'find'>,
  /** The Teams ids of a channel prompt's owners, for its cards' `refresh.userIds`. */
  findOwnerIds: (reply: Reply) => Promise<string[]> = async () => [],
): ChatSender {
  return {
    platform: 'teams',
    async send(target: ChatTarget, reply: Reply, resume?: PartResume) {
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
      const messages = await renderDelivery(reply, resume?.deliveryId, async () =>
        kind === 'person' ? [readUserId(stored.reference)].filter((id) => id !== null) : findOwnerIds(reply),
      );
      let messageId: string | null = null;
      // Progress is saved around parts; a failure to save it is not the platform's, so it is kept apart.
      let saving: unknown = null;
      const saved = async (save: () => Promise<void> = async () => {}) => {
        try {
          await save();
        } catch (error) {
          saving = error;
          throw error;
        }
      };
      try {
        await adapter.continueConversationAsync(
          appId,
          stored.reference as Partial<ConversationReference>,
          async (context) => {
            messageId = await sendInParts(context, messages, {
              from: resume?.progress.partsSent ?? 0,
              beforePart: () => saved(resume?.beforePart),
              onPart: (partsSent) =>
                saved(() => resume?.onPart({ partsSent, threadId: null }) ?? Promise.resolve()),
            });
          },
        );
      } catch (error) {
        if (saving) throw saving;
        throw toSendFailure(error);
      }
      return { messageId };
    },
  };
}

/**
 * A delivery's messages; a prompt sent by the outbox is made living (its cards refresh for `userIds`
 * and its buttons are answered with the card as it is now: prompt-refresh.ts).
 */
export async function renderDelivery(
  reply: Reply,
  deliveryId: string | undefined,
  userIds: () => Promise<string[]>,
): Promise<Partial<Activity>[]> {
  const messages = renderTeamsReply(reply);
  if (!deliveryId || !reply.blocks.some((b) => b.type === 'update-prompt')) return messages;
  return withPromptRefresh(messages, deliveryId, await userIds());
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
  if (status !== undefined)
    return new SendFailure(`Teams connector HTTP ${status}`, status >= 500, undefined, status >= 500);
  return new SendFailure(`Teams connector unreachable: ${e.message ?? String(error)}`, true, undefined, true);
}
