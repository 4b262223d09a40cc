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
  problems.push(...checkRefresh((card as { refresh?: unknown }).refresh));
  return problems;
}

/**
 * A card's `refresh` as Teams takes it (the library checks its action is an Action.Execute): `userIds`
 * an array of at most 60 user MRIs (Teams refreshes automatically for those users only).
 */
function checkRefresh(refresh: unknown): string[] {
  if (refresh === undefined) return [];
  const userIds = (refresh as { userIds?: unknown }).userIds;
  if (userIds === undefined) return [];
  if (!Array.isArray(userIds) || userIds.some((id) => typeof id !== 'string' || !id))
    return ['refresh.userIds must be an array of user ids'];
  return userIds.length > 60 ? [`refresh.userIds has ${userIds.length} users; Teams takes 60`] : [];
}

/**
 * Problems in an `adaptiveCard/action` invoke answer (Universal Actions' response format): status
 * 200 with `statusCode` 200 and either a card (`application/vnd.microsoft.card.adaptive`, checked as
 * any card) or a message (`application/vnd.microsoft.activity.message`, a string).
 */
export function checkCardActionAnswer(status: number, body: unknown): string[] {
  const answer = body as { statusCode?: unknown; type?: unknown; value?: unknown };
  if (status !== 200) return [`invoke answered HTTP ${status}`];
  if (answer?.statusCode !== 200) return [`statusCode ${String(answer?.statusCode)}, not 200`];
  if (answer.type === 'application/vnd.microsoft.card.adaptive') return checkAdaptiveCard(answer.value);
  if (answer.type === 'application/vnd.microsoft.activity.message')
    return typeof answer.value === 'string' ? [] : ['a message answer needs a string value'];
  return [`unknown answer type ${String(answer.type)}`];
}

/** Every Adaptive Card attached to an activity, with what is wrong with each. */
export function checkActivityCards(activity: {
  attachments?: { contentType?: string; content?: unknown }[];
}) {
  return (activity.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .flatMap((a, i) => checkAdaptiveCard(a.content).map((problem) => `card ${i}: ${problem}`));
}

const DIALOG_SIZES = ['small', 'medium', 'large'];
const TASK_INFO_KEYS = ['title', 'height', 'width', 'url', 'card', 'fallbackUrl', 'completionBotId'];

/**
 * Problems in a `task/fetch` or `task/submit` invoke answer, as Microsoft documents the dialog
 * (task module) response: HTTP 200 with a body `{ task: { type: 'continue', value: <TaskInfo> } }` or
 * `{ task: { type: 'message', value: '<text>' } }`; a `task/submit` may also be answered with no body.
 * The TaskInfo holds only its documented fields; `height`/`width` are pixels or small|medium|large;
 * a bot's card comes as an attachment (`contentType` application/vnd.microsoft.card.adaptive), checked
 * as any card, and `url`/`fallbackUrl` must be https.
 */
export function checkTaskModuleAnswer(
  name: 'task/fetch' | 'task/submit',
  status: number,
  body: unknown,
): string[] {
  if (status !== 200) return [`${name} answered HTTP ${status}`];
  const empty =
    body === null || body === undefined || (typeof body === 'object' && !Object.keys(body).length);
  if (empty) return name === 'task/submit' ? [] : ['task/fetch answered without a task'];
  const task = (body as { task?: { type?: unknown; value?: unknown } }).task;
  if (!task || Object.keys(body as object).some((k) => k !== 'task' && k !== 'cacheInfo'))
    return [`the answer must be { task: ... }, not ${JSON.stringify(body).slice(0, 80)}`];
  if (task.type === 'message')
    return typeof task.value === 'string' && task.value ? [] : ['a message task needs a text value'];
  if (task.type !== 'continue') return [`unknown task type ${String(task.type)}`];
  const info = task.value as Record<string, unknown> | undefined;
  if (!info || typeof info !== 'object') return ['a continue task needs a TaskInfo value'];
  const problems = Object.keys(info)
    .filter((k) => !TASK_INFO_KEYS.includes(k))
    .map((k) => `TaskInfo has no field ${k}`);
  for (const size of ['height', 'width'] as const) {
    const v = info[size];
    if (v !== undefined && !(typeof v === 'number' && v > 0) && !DIALOG_SIZES.includes(String(v)))
      problems.push(`${size} must be pixels or small|medium|large, not ${JSON.stringify(v)}`);
  }
  if (info.title !== undefined && typeof info.title !== 'string') problems.push('title must be a string');
  for (const link of ['url', 'fallbackUrl'] as const)
    if (info[link] !== undefined && !String(info[link]).startsWith('https://'))
      problems.push(`${link} must be https`);
  const card = info.card as { contentType?: unknown; content?: unknown } | undefined;
  if (!card && !info.url) problems.push('a TaskInfo needs a card or a url');
  if (card) {
    if (card.contentType !== 'application/vnd.microsoft.card.adaptive')
      problems.push(
        'a bot dialog card is an attachment with contentType application/vnd.microsoft.card.adaptive',
      );
    else problems.push(...checkAdaptiveCard(card.content).map((p) => `dialog card: ${p}`));
  }
  return problems;
}
