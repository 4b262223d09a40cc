import type { Action } from '../../domain/action.ts';
import { DEFAULT_RELEASE_THRESHOLD, getLocalDay, type StaffNetwork } from '../../domain/feedback.ts';
import {
  composeAwaitingDigestLine,
  isAwaitingResponse,
  toLocalDay,
  type UnansweredFeedback,
} from '../../domain/feedback-response.ts';
import { formatLongDate } from '../../domain/format.ts';
import type { Store } from '../../domain/ports.ts';
import type { ScheduleSettings, Slot } from '../../domain/schedule.ts';
import type { NewDelivery, OwnerContact } from '../../domain/schedule-ports.ts';
import { toRoleKey } from '../../domain/update-rules.ts';
import { type Block, createReply } from '../reply.ts';
import { createReach, readButtons } from './feedback-release-notices.ts';
import { findTarget, type ReachablePlatforms } from './per-owner.ts';

/** Feedback awaiting a response, with its network. */
type Awaiting = UnansweredFeedback & { network: StaffNetwork };

/** Item lines listed in one section of a message; the count says how many more. */
const MAX_LINES = 30;

/**
 * The weekly chase's slot: the weekly digest's day and hour (Monday 09:00, later after a bank
 * holiday), its own key, so it runs once a week across replicas whether or not a digest is sent.
 */
export function getAwaitingSlot(digest: Slot): Slot {
  return { key: digest.key.replace(/^digest:/, 'feedback-awaiting:'), at: digest.at };
}

/** Released feedback with no reply once its network's working days to reply have passed, at `now`. */
export async function listAwaiting(store: Store, now: Date, settings: ScheduleSettings): Promise<Awaiting[]> {
  const [networks, unanswered] = await Promise.all([
    store.networks.listNetworks(),
    store.feedback.listUnanswered(),
  ]);
  const byId = new Map(networks.map((n) => [n.id, n]));
  return unanswered.flatMap((item) => {
    const network = byId.get(item.networkId);
    if (!network) return [];
    const today = getLocalDay(now, network.timezone);
    return isAwaitingResponse(item.releasedOn, today, network.respondWithinDays, settings.bankHolidays)
      ? [{ ...item, network }]
      : [];
  });
}

/** The digest's line: feedback awaiting a response by theme, each theme only when its count reaches K. */
export async function composeAwaitingDigest(
  store: Store,
  now: Date,
  settings: ScheduleSettings,
): Promise<string | null> {
  const awaiting = await listAwaiting(store, now, settings);
  if (awaiting.length === 0) return null;
  const networks = await store.networks.listNetworks();
  const threshold = Math.max(DEFAULT_RELEASE_THRESHOLD, ...networks.map((n) => n.threshold));
  return composeAwaitingDigestLine(awaiting, threshold);
}

const day = (iso: string) => formatLongDate(toLocalDay(iso));
const describeTags = (item: Awaiting) =>
  item.actionRefs.length
    ? ` on ${item.actionRefs.join(', ')}`
    : item.themes.length
      ? ` (${item.themes.join(', ')})`
      : ' (not tagged)';
const describeItem = (item: Awaiting) =>
  `${item.code}${describeTags(item)}, released ${day(item.releasedOn)}`;
const lines = (items: Awaiting[]) =>
  [
    ...items.slice(0, MAX_LINES).map(describeItem),
    ...(items.length > MAX_LINES ? [`and ${items.length - MAX_LINES} more`] : []),
  ].join('\n');
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The weekly chase: one message to each owner whose actions (or their themes) have feedback awaiting a
 * response, and to each moderator of a network with any: which submissions (ids, tags, release day),
 * with buttons that read them. Never the text, never a channel; one message per person.
 */
export async function composeAwaitingResponses(
  store: Store,
  now: Date,
  settings: ScheduleSettings,
  platforms: ReachablePlatforms,
): Promise<NewDelivery[]> {
  const awaiting = await listAwaiting(store, now, settings);
  if (awaiting.length === 0) return [];
  const [targets, actions, owners, moderators] = await Promise.all([
    store.feedback.listTagTargets(),
    store.actions.findActions({}),
    store.scheduleReads.listOwnerContacts(),
    store.feedback.listModeratorContacts(),
  ]);
  const reaches = createReach(targets);
  const people = new Map<string, { contact: OwnerContact; blocks: Block[] }>();
  const add = (contact: OwnerContact, blocks: Block[]) => {
    const entry = people.get(contact.personId) ?? { contact, blocks: [] };
    entry.blocks.push(...blocks);
    people.set(contact.personId, entry);
  };
  for (const contact of owners) {
    const roles = new Set(contact.roleKeys);
    const mine = actions.filter(
      (a) => a.owners.some((o) => roles.has(toRoleKey(o))) && awaiting.some((i) => reaches(i, a.id)),
    );
    if (mine.length > 0) add(contact, describeOwners(awaiting, mine, reaches));
  }
  for (const { networkId, contact } of moderators) {
    const theirs = awaiting.filter((i) => i.networkId === networkId);
    const network = theirs[0]?.network;
    if (!network) continue;
    add(contact, [
      {
        type: 'paragraph',
        text: `As a moderator of ${network.name}: ${plural(theirs.length, 'released submission has', 'released submissions have')} had no reply for ${network.respondWithinDays} working days or more:\n${lines(theirs)}`,
      },
    ]);
  }
  return [...people.values()].map(({ contact, blocks }) => ({
    recipient: `person:${contact.personId}`,
    target: findTarget(contact, platforms),
    message: createReply({ type: 'heading', text: 'Anonymous feedback awaiting a response' }, ...blocks),
  }));
}

/** An owner's part: the submissions on their actions, and buttons that read them. */
function describeOwners(
  awaiting: Awaiting[],
  mine: Action[],
  reaches: ReturnType<typeof createReach>,
): Block[] {
  const items = awaiting.filter((i) => mine.some((a) => reaches(i, a.id)));
  return [
    {
      type: 'paragraph',
      text: `${plural(items.length, 'anonymous submission on your actions has', 'anonymous submissions on your actions have')} had no reply within the network's working days to respond:\n${lines(items)}\nReply with feedback reply <id> <text>. The sender sees the day it was read and the day it was answered, never who.`,
    },
    ...readButtons(mine),
  ];
}
