import { createRequire } from 'node:module';
import type * as AdaptiveCardsTypes from 'adaptivecards';

/**
 * What Teams accepts from a bot: 100 KB per activity counted as UTF-16, about 7 messages a second
 * per conversation, and Adaptive Cards up to version 1.5 that Microsoft's own `adaptivecards`
 * library parses without a warning (unknown elements, properties newer than the card's version,
 * duplicate input ids ...). ../shared/PLATFORM-NOTES.md "What Slack and Teams really accept".
 */
export const TEAMS_LIMITS = {
  /** Bytes per activity, as UTF-16 (413 MessageSizeTooBig beyond). */
  activityBytes: 100 * 1024,
  /** Messages per second per conversation (429 beyond). */
  perSecond: 7,
  /** The newest card schema Teams renders on desktop, web and mobile. */
  cardVersion: '1.5',
} as const;

// The package's ES build imports files without extensions; its UMD bundle loads in Node as it is.
const AdaptiveCards = createRequire(import.meta.url)(
  'adaptivecards/dist/adaptivecards.js',
) as typeof AdaptiveCardsTypes;

/** The size Teams counts: the activity's JSON as UTF-16 (two bytes a code unit). */
export function measureTeamsBytes(json: string): number {
  return json.length * 2;
}

/** Problems Microsoft's library finds in a card, as Teams would render it; empty when it is clean. */
export function checkAdaptiveCard(card: unknown): string[] {
  const problems: string[] = [];
  const declared = (card as { version?: unknown })?.version;
  const version = AdaptiveCards.Version.parse(String(declared), new AdaptiveCards.SerializationContext());
  if (!version?.isValid) return [`card version "${String(declared)}" is not a version`];
  const newest = AdaptiveCards.Version.parse(
    TEAMS_LIMITS.cardVersion,
    new AdaptiveCards.SerializationContext(),
  );
  if (newest && version.compareTo(newest) > 0)
    problems.push(`card version ${version} is newer than Teams renders (${TEAMS_LIMITS.cardVersion})`);
  const context = new AdaptiveCards.SerializationContext(version);
  const parsed = new AdaptiveCards.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

/** Every Adaptive Card attached to an activity, with what is wrong with each. */
export function checkActivityCards(activity: {
  attachments?: { contentType?: string; content?: unknown }[];
}) {
  return (activity.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .flatMap((a, i) => checkAdaptiveCard(a.content).map((problem) => `card ${i}: ${problem}`));
}
