import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Reply } from '../../commands/reply.ts';
import { type ChatSender, type ChatTarget, type PartResume, SendFailure } from '../../domain/chat-sender.ts';
import type { ConversationRepository, StoredConversation } from '../../domain/ports.ts';
import type { OwnerContact } from '../../domain/schedule-ports.ts';
import { readConnectorRefusal } from './connector-errors.ts';
import { readUserId } from './prompt-owners.ts';
import { withPromptRefresh } from './prompt-refresh.ts';
import { renderTeamsReply } from './render-cards.ts';
import type { TeamsRoster } from './teams-roster.ts';

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
 * A person who blocked or uninstalled the bot (403 `MessageWritesBlocked`) is recorded as unreachable
 * once, with the reason, and not tried again until they write to the bot; a personal chat Teams says
 * is gone (404) is opened again once through the roster (`reopen`) and the message sent there.
 */
export function createTeamsSender(
  adapter: CloudAdapter,
  appId: string,
  conversations: Pick<ConversationRepository, 'find' | 'markUnreachable'>,
  roster?: Pick<TeamsRoster, 'reopen' | 'reachOwners'>,
  /** The Teams ids of a channel prompt's owners, for its cards' `refresh.userIds`. */
  findOwnerIds: (reply: Reply) => Promise<string[]> = async () => [],
): ChatSender {
  async function sendTo(
    stored: StoredConversation,
    kind: ChatTarget['kind'],
    reply: Reply,
    resume?: PartResume,
  ) {
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
    let partsSent = resume?.progress.partsSent ?? 0;
    try {
      await adapter.continueConversationAsync(
        appId,
        stored.reference as Partial<ConversationReference>,
        async (context) => {
          messageId = await sendInParts(context, messages, {
            from: partsSent,
            beforePart: () => saved(resume?.beforePart),
            onPart: (sent) => {
              partsSent = sent;
              return saved(() => resume?.onPart({ partsSent: sent, threadId: null }) ?? Promise.resolve());
            },
          });
        },
      );
    } catch (error) {
      if (saving) throw saving;
      throw new PartFailure(error, partsSent);
    }
    return { messageId };
  }

  return {
    platform: 'teams',
    ...(roster ? { reachOwners: (owners: readonly OwnerContact[]) => roster.reachOwners(owners) } : {}),
    async send(target: ChatTarget, reply: Reply, resume?: PartResume) {
      // Staff-network members are reached through their team, never a stored chat (teams-member-chat.ts).
      if (target.kind === 'member') throw new SendFailure('No chat is kept with network members.', false);
      const kind = target.kind;
      const key = target.kind === 'person' ? target.externalId : target.channelId;
      const stored = await conversations.find('teams', kind, key);
      if (!stored)
        throw new SendFailure(
          kind === 'person'
            ? 'No Teams chat with this person yet: they are in no team Actionbot is installed in and have not opened Actionbot in Teams.'
            : 'Actionbot is not installed in this Teams conversation.',
          false,
        );
      // Recorded once: the platform is not asked again until the person writes to the bot.
      if (stored.unreachable) throw new SendFailure(stored.unreachable, false);
      try {
        return await sendTo(stored, kind, reply, resume);
      } catch (error) {
        if (!(error instanceof PartFailure)) throw error;
        const refusal = readConnectorRefusal(error.cause);
        if (kind === 'person' && refusal.permanent) {
          await conversations.markUnreachable('teams', 'person', key, refusal.reason);
          throw new SendFailure(refusal.reason, false);
        }
        if (kind === 'person' && refusal.gone && roster) {
          // Once: a chat opened again that is gone too is a failure like any other.
          const reopened = await roster.reopen(stored);
          if (!reopened) {
            const now = await conversations.find('teams', 'person', key);
            throw new SendFailure(now?.unreachable ?? refusal.reason, false);
          }
          try {
            return await sendTo(
              reopened,
              kind,
              reply,
              resume && { ...resume, progress: { ...resume.progress, partsSent: error.partsSent } },
            );
          } catch (again) {
            throw toSendFailure(again instanceof PartFailure ? again.cause : again);
          }
        }
        throw toSendFailure(error.cause);
      }
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

/** A send that failed after `partsSent` parts went out. */
class PartFailure extends Error {
  constructor(
    override readonly cause: unknown,
    readonly partsSent: number,
  ) {
    super('teams send failed');
  }
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
