import type { Block, Refusal, Reply } from '../domain/message.ts';

export type { ActionFlag, ActionItem, Block, FormField, Refusal, Reply } from '../domain/message.ts';

/** Listings cut an action's latest update to this many characters (`show` prints it in full). */
export const LIST_NOTE_LENGTH = 300;
/** Listings cut an action's title to this many characters. */
export const LIST_TITLE_LENGTH = 500;

/** A reply only the asker sees. */
export function createReply(...blocks: Block[]): Reply {
  return { visibility: 'ephemeral', blocks };
}

/** A short refusal: what was wrong and what was expected, with its code and field when known. Nothing was changed. */
export function createErrorReply(text: string, refusal?: Refusal): Reply {
  return createReply({ type: 'error', text, ...refusal });
}

/** A reply's first refusal, if it is one. */
export function findRefusal(reply: Reply): Extract<Block, { type: 'error' }> | undefined {
  return reply.blocks.find((b): b is Extract<Block, { type: 'error' }> => b.type === 'error');
}

/** Whether a reply is a refusal. */
export function isErrorReply(reply: Reply): boolean {
  return reply.blocks.some((b) => b.type === 'error');
}
