import type { Activity } from 'botbuilder';
import { SUBMIT_KEY } from './card-submit.ts';

/** The Universal Actions verb of a prompt card's `refresh`: Teams asks for the card as it is now. */
export const REFRESH_VERB = 'refresh';

/** Teams refreshes a card automatically for at most 60 users (`refresh.userIds`). */
export const MAX_REFRESH_USERS = 60;

/** Which stored prompt a card is part of: its outbox delivery and the card's index among its parts. */
export type PromptPart = { delivery: string; part: number };

/**
 * A prompt's cards made living (Universal Actions): each card gets a `refresh` naming its delivery and
 * part, for `userIds` (the action owners' Teams ids: for them Teams fetches the card as it is now
 * whenever they look at it; anyone else sees the card as last sent), and every button of the card
 * carries the same, so its answer can be the card brought up to date.
 */
export function withPromptRefresh(
  messages: Partial<Activity>[],
  deliveryId: string,
  userIds: readonly string[],
): Partial<Activity>[] {
  return messages.map((message, part) => {
    const prompt: PromptPart = { delivery: deliveryId, part };
    const attachments = message.attachments?.map((a) => {
      const card = a.content as Record<string, unknown>;
      if (a.contentType !== 'application/vnd.microsoft.card.adaptive' || !card) return a;
      const refresh = {
        action: { type: 'Action.Execute', verb: REFRESH_VERB, data: { [SUBMIT_KEY]: REFRESH_VERB, prompt } },
        userIds: userIds.slice(0, MAX_REFRESH_USERS),
      };
      return { ...a, content: { ...tagButtons(card, prompt), refresh } };
    });
    return attachments ? { ...message, attachments } : message;
  });
}

/** The card with every Action.Execute of ours carrying the prompt part it belongs to. */
function tagButtons<T>(value: T, prompt: PromptPart): T {
  if (Array.isArray(value)) return value.map((v) => tagButtons(v, prompt)) as T;
  if (!value || typeof value !== 'object') return value;
  const node = value as Record<string, unknown>;
  const tagged = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, tagButtons(v, prompt)]));
  const data = node.data as Record<string, unknown> | undefined;
  if (node.type === 'Action.Execute' && data?.[SUBMIT_KEY]) tagged.data = { ...data, prompt };
  return tagged as T;
}
