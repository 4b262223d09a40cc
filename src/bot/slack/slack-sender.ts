import { webApi } from '@slack/bolt';
import type { Reply } from '../../commands/reply.ts';
import { type ChatSender, type ChatTarget, SendFailure } from '../chat-sender.ts';
import { renderSlackMessage } from './render-blocks.ts';

/**
 * Proactive Slack messages: a person's direct chat with the app (conversations.open, then
 * chat.postMessage) or a channel. One attempt per call, the client's own retries off: the
 * delivery queue decides when to try again, honouring Retry-After.
 */
export function createSlackSender(client: webApi.WebClient): ChatSender {
  return {
    platform: 'slack',
    async send(target: ChatTarget, reply: Reply) {
      try {
        const channel =
          target.kind === 'channel' ? target.channelId : await openDirectChat(client, target.externalId);
        const posted = await client.chat.postMessage({ channel, ...renderSlackMessage(reply) });
        return { messageId: posted.ts ?? null };
      } catch (error) {
        throw toSendFailure(error);
      }
    },
  };
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
