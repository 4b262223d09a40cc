import { createHash } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type { Conversation } from '../../../commands/command.ts';
import { type Block, createReply, type Reply } from '../../../commands/reply.ts';
import { fileBytes } from '../../file-bytes.ts';
import { renderSlackMessage, renderSlackMessages, type SlackMessage } from '../render-messages.ts';

// A modal's validation errors must be in the ack, within Slack's 3 s: past this, close it and answer later.
export const MODAL_DEADLINE_MS = 2_500;
// Slack takes five posts to one response_url.
const RESPONSE_URL_POSTS = 5;

/** A response_url post: a message, to the asker only or to the channel, never replacing the original. */
export type ResponseBody = SlackMessage & {
  response_type: 'ephemeral' | 'in_channel';
  replace_original: false;
};

/**
 * A reply as response_url posts: every part of it, in order, up to Slack's five; a reply longer than
 * that ends by saying so and how to narrow it, rather than stopping silently.
 */
export function toResponses(reply: Reply): ResponseBody[] {
  const response_type = reply.visibility === 'channel' ? 'in_channel' : 'ephemeral';
  const parts = renderSlackMessages(reply);
  const bodies = parts.map((part): ResponseBody => ({ response_type, replace_original: false, ...part }));
  if (bodies.length <= RESPONSE_URL_POSTS) return bodies;
  const more = renderSlackMessage(
    createReply({
      type: 'paragraph',
      text: `That answer takes ${parts.length} messages; Slack lets me post ${RESPONSE_URL_POSTS} here. Narrow it (for example \`/action list theme 2\` or \`/action list overdue\`), or get everything as a file with \`/action report\`.`,
    }),
  );
  return [...bodies.slice(0, RESPONSE_URL_POSTS - 1), { response_type, replace_original: false, ...more }];
}

/** Answers through Bolt's `respond` (the request's response_url), every part in order. */
export async function respondAll(
  respond: (body: ResponseBody) => Promise<unknown>,
  reply: Reply,
): Promise<void> {
  for (const body of toResponses(reply)) await respond(body);
}

/** Posts to a response_url kept from earlier (a modal's origin). */
export async function postToResponseUrl(url: string, body: ResponseBody): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`response_url answered ${response.status}`);
}

/** A reply's first block of a kind. */
export function findBlock<K extends Block['type']>(reply: Reply, type: K) {
  return reply.blocks.find((b): b is Extract<Block, { type: K }> => b.type === type);
}

/** Uploads a report into the person's direct chat with the app: private to them, wherever they asked. */
export async function sendFile(
  client: webApi.WebClient,
  userId: string,
  file: Extract<Block, { type: 'file' }>,
): Promise<void> {
  const opened = await client.conversations.open({ users: userId });
  if (!opened.channel?.id) throw new Error('Slack opened no direct chat');
  await client.files.uploadV2({
    channel_id: opened.channel.id,
    filename: file.name,
    title: file.name,
    // A Word report travels as base64 in the reply: Slack gets its bytes.
    ...(file.encoding === 'base64' ? { file: fileBytes(file) } : { content: file.content }),
    initial_comment: file.summary,
  });
}

/** Slack's channel names for non-channels: direct messages, group DMs, legacy private groups. */
export function toConversation(id: string, name: string): Conversation {
  if (name === 'directmessage' || id.startsWith('D')) return { kind: 'direct', id };
  if (name.startsWith('mpdm-')) return { kind: 'group', id };
  return { kind: 'channel', id, name };
}

/** A stable key for one user gesture, so duplicates of it can be recognised. */
export function hashKey(...parts: string[]): string {
  return `slack:${createHash('sha256').update(parts.join('\u0000')).digest('hex')}`;
}

/** Resolves with undefined after `ms` (not keeping the process alive). */
export function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}
