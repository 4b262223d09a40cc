import { randomInt } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client.ts';
import { toDate, toDay } from './day-column.ts';
import type { FeedbackRow } from './feedback-rows.ts';
import type { FeedbackSecrets } from './feedback-secrets.ts';

/*
 * Pending feedback is kept sealed: one row per network and day (`feedback_sealed_days`) holding every
 * submission of that day not yet released or rejected, encrypted with a key derived from the feedback
 * secret, each entry padded to whole slots, the entries shuffled, the row written whole again at each
 * change. What that leaves in a database copy (system columns, commit timestamps, old row versions) is
 * in the README's "What a database copy shows"; test/feedback/no-ordering.test.ts attacks it.
 */

/** A moderator's or owner's reply to a submission that is still sealed. */
export type SealedReply = { authorId: string | null; text: string; day: string };

/** One sealed submission: the columns of a `feedback` row, minus the release. */
export type SealedEntry = {
  id: string;
  code: string;
  text: string;
  actionIds: string[];
  themeIds: string[];
  receiptHash: string;
  status: 'pending' | 'approved' | 'rejected';
  moderatorId: string | null;
  moderatedOn: string | null;
  rejectReason: string | null;
  redacted: boolean;
  replies: SealedReply[];
};

/** A network's day as sealed: its entries, in no meaningful order. */
export type SealedDay = { networkId: string; day: string; entries: SealedEntry[] };

/**
 * Every entry takes whole slots of this size (a 3,000-character text is at most 9,000 bytes of JSON),
 * so the sealed row's length says how many submissions it holds, never how long any one is.
 */
export const SLOT_BYTES = 16 * 1024;
const LENGTH_BYTES = 4;
/** Any fixed number: the advisory lock every writer of sealed rows takes, so writes never interleave. */
const SEALED_LOCK = 7_261_016;

type Tx = Prisma.TransactionClient;

/** Shuffles in place with the crypto RNG (Fisher-Yates) and returns the array. */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

const contextOf = (networkId: string, day: string) => `feedback-day:${networkId}:${day}`;

/** The sealed bytes of a day: entries shuffled, each padded to whole slots, encrypted. */
export function sealDay(secrets: FeedbackSecrets, day: SealedDay): Buffer {
  const parts = shuffle([...day.entries]).map((entry) => {
    const json = Buffer.from(JSON.stringify(entry));
    const slots = Math.ceil((json.length + LENGTH_BYTES) / SLOT_BYTES);
    const slot = Buffer.alloc(slots * SLOT_BYTES); // zero-filled padding
    slot.writeUInt32BE(json.length, 0);
    json.copy(slot, LENGTH_BYTES);
    return slot;
  });
  return secrets.seal(contextOf(day.networkId, day.day), Buffer.concat(parts));
}

/** The entries of a sealed day. */
export function openDay(secrets: FeedbackSecrets, networkId: string, day: string, sealed: Buffer): SealedDay {
  const plain = secrets.open(contextOf(networkId, day), sealed);
  const entries: SealedEntry[] = [];
  for (let at = 0; at < plain.length; ) {
    const length = plain.readUInt32BE(at);
    entries.push(JSON.parse(plain.subarray(at + LENGTH_BYTES, at + LENGTH_BYTES + length).toString()));
    at += Math.ceil((length + LENGTH_BYTES) / SLOT_BYTES) * SLOT_BYTES;
  }
  return { networkId, day, entries };
}

/** Takes the lock every writer of sealed rows holds until its transaction ends (memory only: no trace). */
export async function lockSealed(tx: Tx): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM pg_advisory_xact_lock(${SEALED_LOCK})`);
}

/** Every sealed day (of one network, when given), opened. */
export async function readSealedDays(
  tx: Tx,
  secrets: FeedbackSecrets,
  networkIds?: string[],
): Promise<SealedDay[]> {
  const rows = await tx.sealedFeedbackDay.findMany({
    where: networkIds ? { networkId: { in: networkIds } } : {},
    orderBy: [{ day: 'asc' }, { networkId: 'asc' }],
  });
  return rows.map((r) => openDay(secrets, r.networkId, toDay(r.day), Buffer.from(r.sealed, 'base64')));
}

/** Writes a day whole again (freshly shuffled and encrypted), or deletes it when no entry is left. */
export async function writeSealedDay(tx: Tx, secrets: FeedbackSecrets, day: SealedDay): Promise<void> {
  const key = { networkId: day.networkId, day: toDate(day.day) };
  if (day.entries.length === 0) {
    await tx.sealedFeedbackDay.deleteMany({ where: key });
    return;
  }
  const sealed = sealDay(secrets, day).toString('base64');
  const { count } = await tx.sealedFeedbackDay.updateMany({ where: key, data: { sealed } });
  if (count === 0) await tx.sealedFeedbackDay.create({ data: { ...key, sealed } });
}

/** The day and entry that match, or null. */
export function findSealed(
  days: SealedDay[],
  matches: (entry: SealedEntry) => boolean,
): { day: SealedDay; entry: SealedEntry } | null {
  for (const day of days) {
    const entry = day.entries.find(matches);
    if (entry) return { day, entry };
  }
  return null;
}

/** Sealed entries shaped as `feedback` rows read with `feedbackInclude`, for presentFeedback. */
export async function sealedAsRows(
  tx: Tx,
  found: { day: SealedDay; entry: SealedEntry }[],
): Promise<FeedbackRow[]> {
  const networkIds = [...new Set(found.map((f) => f.day.networkId))];
  const authorIds = [
    ...new Set(found.flatMap((f) => f.entry.replies.flatMap((r) => (r.authorId ? [r.authorId] : [])))),
  ];
  const [networks, authors] = await Promise.all([
    tx.staffNetwork.findMany({ where: { id: { in: networkIds } }, select: { id: true, name: true } }),
    tx.person.findMany({ where: { id: { in: authorIds } }, select: { id: true, displayName: true } }),
  ]);
  const nameOf = new Map(networks.map((n) => [n.id, n.name]));
  const authorOf = new Map(authors.map((a) => [a.id, { displayName: a.displayName }]));
  return found.map(({ day, entry }) => ({
    id: entry.id,
    code: entry.code,
    networkId: day.networkId,
    text: entry.text,
    actionIds: entry.actionIds,
    themeIds: entry.themeIds,
    day: toDate(day.day),
    status: entry.status,
    receiptHash: entry.receiptHash,
    moderatorId: entry.moderatorId,
    moderatedOn: entry.moderatedOn ? toDate(entry.moderatedOn) : null,
    rejectReason: entry.rejectReason,
    redacted: entry.redacted,
    releasedOn: null,
    readOn: null,
    network: { name: nameOf.get(day.networkId) ?? '' },
    replies: [...entry.replies]
      .sort((a, b) => a.day.localeCompare(b.day))
      .map((r, i) => ({
        id: `${entry.id}:${i}`,
        feedbackId: entry.id,
        authorId: r.authorId,
        text: r.text,
        day: toDate(r.day),
        author: (r.authorId && authorOf.get(r.authorId)) || null,
      })),
  }));
}
