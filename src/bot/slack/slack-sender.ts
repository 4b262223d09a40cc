import { webApi } from '@slack/bolt';
import type { Reply } from '../../commands/reply.ts';
import { type ChatSender, type ChatTarget, type PartResume, SendFailure } from '../../domain/chat-sender.ts';
import type { SendProgress } from '../../domain/schedule-ports.ts';
import { renderSlackMessages } from './render-blocks.ts';

/** Slack posts about one message a second to a conversation: the parts of one reply keep to that. */
const PART_INTERVAL_MS = 1_000;

/**
 * Proactive Slack messages: a person's direct chat with the app (conversations.open, then
 * chat.postMessage) or a channel. A reply of several parts goes out in order, a second apart; in a
 * channel the first part is the post and the rest continue in its thread. One attempt per part, the
 * client's own retries off: the delivery queue decides when to try again, honouring Retry-After.
 */
export function createSlackSender(
  client: webApi.WebClient,
  options: { partIntervalMs?: number } = {},
): ChatSender {
  const interval = options.partIntervalMs ?? PART_INTERVAL_MS;
  return {
    platform: 'slack',
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
        const thread = target.kind === 'channel' && i > 0 && progress.threadId;
        const message = parts[i] as (typeof parts)[number];
        const posted = await platformCall(() =>
          client.chat.postMessage({ channel, ...message, ...(thread ? { thread_ts: thread } : {}) }),
        );
        progress = { partsSent: i + 1, threadId: progress.threadId ?? posted.ts ?? null };
        await resume?.onPart(progress);
      }
      return { messageId: progress.threadId };
    },
  };
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
  if (!id) throw new SendFailure(`Slack opened no direct chat with ${userId}`, false);
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
    case webApi.ErrorCode.HTTPError:
      return new SendFailure(`Slack HTTP ${e.statusCode}`, (e.statusCode ?? 500) >= 500);
    case webApi.ErrorCode.RequestError:
      return new SendFailure('Slack unreachable', true);
    case webApi.ErrorCode.PlatformError:
      return new SendFailure(
        `Slack refused: ${e.data?.error ?? 'unknown error'}`,
        e.data?.error === 'internal_error' || e.data?.error === 'fatal_error',
      );
    default:
      return new SendFailure(error instanceof Error ? error.message : String(error), false);
  }
}
