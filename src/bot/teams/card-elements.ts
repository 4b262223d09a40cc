import type { Activity, Attachment } from 'botbuilder';
import { FLAG_WORDS, STATUS_MARKS } from '../../commands/present.ts';
import { type ActionItem, LIST_NOTE_LENGTH, LIST_TITLE_LENGTH } from '../../commands/reply.ts';
import { formatTarget } from '../../domain/codes.ts';
import { truncate } from '../../domain/format.ts';
import { describeStatus } from '../../domain/status.ts';

// The pieces every Teams card is built from: the card itself, text, buttons, an action's lines.

/** An Adaptive Card as JSON; Teams renders schema 1.5 on desktop, web and mobile. */
export type AdaptiveCard = {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: unknown[];
  actions?: unknown[];
};
/** A card element as JSON. */
export type Element = Record<string, unknown>;

const CARD_VERSION = '1.5';

/** The size Teams counts for a message or a part of one: its JSON as UTF-16. */
export function measure(value: unknown): number {
  return JSON.stringify(value).length * 2;
}

/** Wraps a card as a message. */
export function toCardMessage(card: AdaptiveCard): Partial<Activity> {
  const attachment: Attachment = { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
  return { type: 'message', attachments: [attachment] };
}

/** An action as a card's lines: status, ref and title; owners, due and flags; its latest update, cut. */
export function renderItem(item: ActionItem): Element {
  const flags = item.flags.map((f) => ` · **${FLAG_WORDS[f]}**`).join('');
  const details = [
    `${item.owners.join('; ') || 'No owner'} · due ${item.due}${flags}`,
    item.lastUpdate ? `Last update: ${truncate(item.lastUpdate, LIST_NOTE_LENGTH)}` : null,
  ].filter(Boolean);
  return {
    type: 'Container',
    separator: true,
    items: [
      textBlock(
        `${STATUS_MARKS[item.status]} **${item.ref}** ${describeStatus(item.status)} — ${truncate(item.title, LIST_TITLE_LENGTH)}`,
      ),
      ...details.map((d) => textBlock(d as string, { isSubtle: true, size: 'Small', spacing: 'None' })),
    ],
  };
}

/** `CODE:ref` of an action, as submits carry it. */
export function targetOf(item: ActionItem | null): string | undefined {
  return item ? formatTarget(item.planCode, item.ref) : undefined;
}

/** Card markdown reads "1. Leadership" as a numbered list item; a theme or note starting so is plain text. */
export function escapeListStart(text: string): string {
  return text.replace(/^(\d+)\. /, '$1\\. ');
}

/** An Action.Submit button. */
export function submitAction(title: string, data: Record<string, unknown>): Element {
  return { type: 'Action.Submit', title, data };
}

/**
 * An Action.Execute button (Universal Actions): Teams sends it as an `adaptiveCard/action` invoke,
 * answered with the card brought up to date. Its verb is the gesture its data names.
 */
export function executeAction(title: string, data: Record<string, unknown>): Element {
  return { type: 'Action.Execute', title, verb: String(data.actionbot ?? ''), data };
}

/** A wrapping TextBlock. */
export function textBlock(text: string, options: Element = {}): Element {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

/**
 * Our own labels with `<ref>`, `<dd/mm/yyyy>` and the like (help's usage lines) kept visible: renderers
 * that read card markdown as HTML (the Agents Playground's web chat) drop them as unknown tags. A word
 * joiner (U+2060) after the `<` makes it no tag, and reads the same. People's own text is sent as written.
 */
export function keepAngleWords(text: string): string {
  return text.replace(/<(?=[A-Za-z/!?])/g, '<\u2060');
}

/** A card of this version. */
export function createCard(body: unknown[], actions?: unknown[]): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions ? { actions } : {}),
  };
}
