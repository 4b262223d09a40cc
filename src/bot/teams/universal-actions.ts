import type { TurnContext } from 'botbuilder';
import { refreshPrompt } from '../../commands/scheduled/living-prompt.ts';
import type { Clock, Store } from '../../domain/ports.ts';
import { type CardSubmit, readCardSubmit } from './card-submit.ts';
import { findPromptOwnerIds } from './prompt-owners.ts';
import { type PromptPart, REFRESH_VERB } from './prompt-refresh.ts';
import { toConversation } from './teams-activity.ts';
import { renderDelivery } from './teams-sender.ts';

/** The invoke Teams sends for an Action.Execute (a button, or a card's automatic refresh). */
export const CARD_ACTION_INVOKE = 'adaptiveCard/action';

/** An `adaptiveCard/action` answer: the card to show now, or a line of text (Universal Actions' response). */
export type CardActionAnswer =
  | { statusCode: 200; type: 'application/vnd.microsoft.card.adaptive'; value: unknown }
  | { statusCode: 200; type: 'application/vnd.microsoft.activity.message'; value: string };

/** What an Action.Execute asks: a card's refresh, or a gesture (with the prompt time it was pressed on). */
export type CardAction =
  | { kind: 'refresh'; prompt: PromptPart | null }
  | { kind: 'gesture'; submit: CardSubmit; asOf: Date | undefined; prompt: PromptPart | null };

/** Reads an `adaptiveCard/action` invoke's value (`action.data` holds the card's data and its inputs). */
export function readCardAction(value: unknown): CardAction | null {
  const action = (value as { action?: { type?: unknown; verb?: unknown; data?: unknown } } | undefined)
    ?.action;
  if (action?.type !== 'Action.Execute' || !action.data || typeof action.data !== 'object') return null;
  const data = action.data as Record<string, unknown>;
  const prompt = readPromptPart(data.prompt);
  if (action.verb === REFRESH_VERB) return { kind: 'refresh', prompt };
  const submit = readCardSubmit(data);
  if (!submit) return null;
  const asOf = typeof data.asOf === 'string' ? new Date(data.asOf) : undefined;
  return { kind: 'gesture', submit, asOf: asOf && !Number.isNaN(asOf.getTime()) ? asOf : undefined, prompt };
}

function readPromptPart(value: unknown): PromptPart | null {
  const p = value as Partial<PromptPart> | undefined;
  return typeof p?.delivery === 'string' && Number.isInteger(p.part) ? (p as PromptPart) : null;
}

/** A line of text as the answer to an Action.Execute. */
export function answerText(text: string): CardActionAnswer {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

/**
 * The prompt card `prompt` names as it is now, for the person asking in this conversation: what was
 * recorded since it was sent in place of those buttons, the rest as they are now. Null when the
 * delivery is unknown or went elsewhere (a card copied out of another chat shows nothing of it).
 */
export async function renderCurrentPromptCard(
  context: TurnContext,
  prompt: PromptPart,
  deps: { store: Store; clock: Clock },
): Promise<CardActionAnswer | null> {
  const found = await deps.store.outbox.findDelivery(prompt.delivery);
  const activity = context.activity;
  const here = toConversation(activity);
  const sentHere =
    found?.target.platform === 'teams' &&
    (found.target.kind === 'person'
      ? here.kind === 'direct' && found.target.id === activity.from?.aadObjectId
      : here.kind !== 'direct' && found.target.id === here.id);
  if (!found || !sentHere) return null;
  const current = await refreshPrompt(found.message, deps.store, deps.clock.now());
  const messages = await renderDelivery(current, prompt.delivery, async () =>
    found.target.kind === 'person' ? [activity.from.id] : findPromptOwnerIds(deps.store, current),
  );
  const card = messages[prompt.part]?.attachments?.[0]?.content;
  return card ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } : null;
}
