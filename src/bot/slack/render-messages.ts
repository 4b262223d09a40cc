import type { Reply } from '../../commands/reply.ts';
import { truncate } from '../../domain/format.ts';
import { renderText } from '../render-text.ts';
import { context, type SlackBlock } from './block-kit.ts';
import { type Group, renderBlock } from './render-blocks.ts';

/** A message Slack accepts: blocks, plus plain text for notifications and screen readers. */
export type SlackMessage = { text: string; blocks: SlackBlock[] };

// Slack's limits: 50 blocks a message; the notification text is kept to 3000 characters.
const MAX_BLOCKS = 50;
const MAX_FALLBACK = 3000;

/**
 * Renders a reply as Slack messages: one when it fits in 50 blocks, else as many as it takes, in
 * order, each marked "Part k of n". Nothing is dropped: a long digest or prompt goes out whole.
 */
export function renderSlackMessages(reply: Reply): SlackMessage[] {
  const groups = reply.blocks.flatMap(renderBlock);
  const parts: Group[] = [[]];
  for (const group of groups) {
    const current = parts[parts.length - 1] as Group;
    // One block of each message is kept for the "Part k of n" line.
    if (current.length > 0 && current.length + group.length > MAX_BLOCKS - 1) parts.push([...group]);
    else current.push(...group);
  }
  const fallback = truncate(renderText(reply), MAX_FALLBACK) || ' ';
  if (parts.length === 1) return [{ text: fallback, blocks: parts[0] as Group }];
  const heading = reply.blocks.find((b) => b.type === 'heading')?.text ?? 'Actionbot';
  return parts.map((blocks, i) => ({
    text: i === 0 ? fallback : truncate(`${heading} (part ${i + 1} of ${parts.length})`, MAX_FALLBACK),
    blocks: [...blocks, context(`Part ${i + 1} of ${parts.length}`)],
  }));
}

/** Renders a reply that must be one message (a modal's body, an error): its first part. */
export function renderSlackMessage(reply: Reply): SlackMessage {
  return renderSlackMessages(reply)[0] as SlackMessage;
}
