import { webApi } from '@slack/bolt';
import type { Reply } from '../../commands/reply.ts';
import { type ChatSender, type ChatTarget, type PartResume, SendFailure } from '../../domain/chat-sender.ts';
import type { SendProgress } from '../../domain/schedule-ports.ts';
import { renderSlackMessages } from './render-messages.ts';

/** Slack posts about one message a second to a conversation: the parts of one reply keep to that. */
const PART_INTERVAL_MS = 1_000;
/** Message metadata marking each part the outbox sends, so a resumed send can find it (see findPart). */
export const DELIVERY_EVENT = 'actionbot_delivery';
/** How far back a resumed send looks for its part: the conversation's newest messages. */
const LOOK_BACK = 200;

/**
 * Proactive Slack messages: a person's direct chat with the app (conversations.open, then
 * chat.postMessage) or a channel. A reply of several parts goes out in order, a second apart; in a
 * channel the first part is the post and the rest continue in its thread. One attempt per part, the
 * client's own retries off: the delivery queue decides when to try again, honouring Retry-After.
 * Each part of an outbox delivery carries message metadata naming the delivery and the part; when a
 * part's send was never confirmed (the process died after Slack took it, or the call failed midway),
 * the conversation is searched for it first and it is sent again only if it is not there.
 */
export function createSlackSender(
  client: webApi.WebClient,
  options: {
    partIntervalMs?: number;
    reachOwners?: ChatSender['reachOwners'];
    listNetworkMembers?: ChatSender['listNetworkMembers'];
  } = {},
): ChatSender {
  const interval = options.partIntervalMs ?? PART_INTERVAL_MS;
  return {
    platform: 'slack',
    ...(options.reachOwners ? { reachOwners: options.reachOwners } : {}),
    ...(options.listNetworkMembers ? { listNetworkMembers: options.listNetworkMembers } : {}),
    async send(target: ChatTarget, reply: Reply, resume?: PartResume) {
      const parts = renderSlackMessages(reply);
      let progress: SendProgress = resume?.progress ?? { partsSent: 0, threadId: null };
      const first = progress.partsSent;
      const channel = await platformCall(() =>
        target.kind === 'channel'
          ? Promise.resolve(target.channelId)
          : openDirectChat(client, target.externalId),
      );
      for (let i = first; i < parts.length; i++) {
        if (i > first) await new Promise((r) => setTimeout(r, interval));
        const thread = target.kind === 'channel' && i > 0 ? progress.threadId : null;
        const metadata = resume && {
          event_type: DELIVERY_EVENT,
          event_payload: { delivery: resume.deliveryId, part: i },
        };
        let ts =
          metadata && i === first && resume.unconfirmedSince
            ? await findPart(client, channel, thread, metadata.event_payload)
            : null;
        if (!ts) {
          await resume?.beforePart();
          const message = parts[i] as (typeof parts)[number];
          const posted = await platformCall(() =>
            client.chat.postMessage({
              channel,
              ...message,
              ...(thread ? { thread_ts: thread } : {}),
              ...(metadata ? { metadata } : {}),
            }),
          );
          ts = posted.ts ?? null;
        }
        progress = { partsSent: i + 1, threadId: progress.threadId ?? ts };
        // Where the part landed is kept with it: a prompt's buttons later update this very message.
        await resume?.onPart(progress, ts ? { channel, messageId: ts } : undefined);
      }
      return { messageId: progress.threadId };
    },
  };
}

/**
 * The ts of a part already in the conversation (or the thread), found by its metadata among the
 * newest messages; null when it is not there. A conversation the app cannot read (no history scope,
 * or it left the channel) answers null too: the part is sent again, at least once, rather than lost.
 */
async function findPart(
  client: webApi.WebClient,
  channel: string,
  thread: string | null,
  part: { delivery: string; part: number },
): Promise<string | null> {
  try {
    const page = await (thread
      ? client.conversations.replies({ channel, ts: thread, limit: LOOK_BACK, include_all_metadata: true })
      : client.conversations.history({ channel, limit: LOOK_BACK, include_all_metadata: true }));
    const hit = page.messages?.find((m) => {
      const payload = m.metadata?.event_payload as Record<string, unknown> | undefined;
      return (
        m.metadata?.event_type === DELIVERY_EVENT &&
        payload?.delivery === part.delivery &&
        payload?.part === part.part
      );
    });
    return hit?.ts ?? null;
  } catch (error) {
    const failure = toSendFailure(error);
    if (failure.retryable) throw failure;
    return null;
  }
}

/** Runs a Web API call, its failures as {@link SendFailure}s (retryable or not). */
async function platformCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toSendFailure(error);
  }
}

async function openDirectChat(client: webApi.WebClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const id = opened.channel?.id;
  if (!id) throw new SendFailure('Slack opened no direct chat', false);
  return id;
}

/** Maps the Web API client's errors to retryable or not. */
export function toSendFailure(error: unknown): SendFailure {
  if (error instanceof SendFailure) return error;
  const e = error as Partial<webApi.WebAPICallError> & {
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string };
  };
  switch (e.code) {
    case webApi.ErrorCode.RateLimitedError:
      return new SendFailure('Slack rate limit (429)', true, (e.retryAfter ?? 1) * 1000);
    case webApi.ErrorCode.HTTPError: {
      const serverSide = (e.statusCode ?? 500) >= 500;
      return new SendFailure(`Slack HTTP ${e.statusCode}`, serverSide, undefined, serverSide);
    }
    case webApi.ErrorCode.RequestError:
      return new SendFailure('Slack unreachable', true, undefined, true);
    case webApi.ErrorCode.PlatformError:
      return new SendFailure(
        `Slack refused: ${e.data?.error ?? 'unknown error'}`,
        e.data?.error === 'internal_error' || e.data?.error === 'fatal_error',
      );
    default:
      return new SendFailure(error instanceof Error ? error.message : String(error), false);
  }
}
