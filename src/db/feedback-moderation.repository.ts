import type { FeedbackRepository, ModerationDecision } from '../domain/feedback-ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { toDate } from './day-column.ts';
import {
  findSealed,
  lockSealed,
  readSealedDays,
  type SealedEntry,
  shuffle,
  writeSealedDay,
} from './feedback-sealed.ts';
import { type FeedbackSecrets, requireSecrets } from './feedback-secrets.ts';

const REDACTED = '[redacted]';

/** The moderators' part of a FeedbackRepository: decisions, replies and the daily release. */
export type FeedbackModeration = Pick<FeedbackRepository, 'moderate' | 'addReply' | 'releaseBatch'>;

type Moderated = 'done' | 'not_pending' | 'not_in_text';

/** A decision on a sealed entry: the changed entry, or why not. */
function decide(
  entry: SealedEntry,
  decision: ModerationDecision,
  moderatorId: string,
  day: string,
): SealedEntry | Exclude<Moderated, 'done'> {
  const moderated = { ...entry, moderatorId, moderatedOn: day };
  if (decision.kind === 'redact') {
    if (entry.status === 'rejected') return 'not_pending';
    if (!entry.text.includes(decision.part)) return 'not_in_text';
    return { ...moderated, text: entry.text.split(decision.part).join(REDACTED), redacted: true };
  }
  if (entry.status !== 'pending') return 'not_pending';
  return decision.kind === 'approve'
    ? { ...moderated, status: 'approved' }
    : { ...moderated, status: 'rejected', rejectReason: decision.reason };
}

/**
 * Moderation in Prisma: each decision a compare-and-set, each day's release claimed once across
 * replicas. Sealed submissions (feedback-sealed.ts) are decided inside their sealed day; rows from
 * before sealing existed are decided in place.
 */
export function createFeedbackModeration(
  prisma: PrismaClient,
  secrets: FeedbackSecrets | null,
): FeedbackModeration {
  return {
    async moderate(code, decision, moderatorId, day) {
      const wanted = code.toUpperCase();
      const sealedResult = await prisma.$transaction(async (tx) => {
        await lockSealed(tx);
        const keys = requireSecrets(secrets);
        const sealed = findSealed(await readSealedDays(tx, keys), (e) => e.code === wanted);
        if (!sealed) return null;
        const changed = decide(sealed.entry, decision, moderatorId, day);
        if (typeof changed === 'string') return changed;
        const entries = sealed.day.entries.map((e) => (e === sealed.entry ? changed : e));
        await writeSealedDay(tx, keys, { ...sealed.day, entries });
        return 'done' as const;
      });
      if (sealedResult) return sealedResult;
      const row = await prisma.feedback.findUnique({
        where: { code: wanted },
        select: { id: true, status: true, text: true },
      });
      if (!row) return 'not_found';
      const moderated = { moderatorId, moderatedOn: toDate(day) };
      if (decision.kind === 'redact') {
        if (row.status !== 'pending' && row.status !== 'approved') return 'not_pending';
        if (!row.text.includes(decision.part)) return 'not_in_text';
        const text = row.text.split(decision.part).join(REDACTED);
        const { count } = await prisma.feedback.updateMany({
          where: { id: row.id, text: row.text },
          data: { text, redacted: true, ...moderated },
        });
        return count ? 'done' : 'not_pending';
      }
      const { count } = await prisma.feedback.updateMany({
        where: { id: row.id, status: 'pending' },
        data:
          decision.kind === 'approve'
            ? { status: 'approved', ...moderated }
            : { status: 'rejected', rejectReason: decision.reason, ...moderated },
      });
      return count ? 'done' : 'not_pending';
    },

    async addReply(feedbackId, authorId, text, day) {
      const row = await prisma.feedback.findUnique({ where: { id: feedbackId }, select: { id: true } });
      if (row) {
        await prisma.feedbackReply.create({ data: { feedbackId, authorId, text, day: toDate(day) } });
        return;
      }
      await prisma.$transaction(async (tx) => {
        await lockSealed(tx);
        const keys = requireSecrets(secrets);
        const sealed = findSealed(await readSealedDays(tx, keys), (e) => e.id === feedbackId);
        if (!sealed) return;
        const changed = { ...sealed.entry, replies: [...sealed.entry.replies, { authorId, text, day }] };
        const entries = sealed.day.entries.map((e) => (e === sealed.entry ? changed : e));
        await writeSealedDay(tx, keys, { ...sealed.day, entries });
      });
    },

    async releaseBatch(networkId, today, threshold) {
      return prisma.$transaction(async (tx) => {
        const claimed = await tx.staffNetwork.updateMany({
          where: { id: networkId, OR: [{ lastReleaseOn: null }, { lastReleaseOn: { lt: toDate(today) } }] },
          data: { lastReleaseOn: toDate(today) },
        });
        if (claimed.count === 0) return { claimed: false, released: 0 };
        await lockSealed(tx);
        const days = secrets ? await readSealedDays(tx, secrets, [networkId]) : [];
        const sealedApproved = days.flatMap((d) => d.entries.filter((e) => e.status === 'approved'));
        const waiting =
          sealedApproved.length + (await tx.feedback.count({ where: { networkId, status: 'approved' } }));
        const release = waiting >= threshold;
        // Rejected entries leave the seal at every run (their sender reads the reason); approved
        // ones only with a batch of at least K. All of them in one random order, in one statement.
        const leaving = (e: SealedEntry) => e.status === 'rejected' || (release && e.status === 'approved');
        const out = shuffle(days.flatMap((d) => d.entries.filter(leaving).map((entry) => ({ d, entry }))));
        if (out.length > 0) {
          const referenced = [
            ...new Set(
              out.flatMap(({ entry }) => [
                ...(entry.moderatorId ? [entry.moderatorId] : []),
                ...entry.replies.flatMap((r) => (r.authorId ? [r.authorId] : [])),
              ]),
            ),
          ];
          const people = await tx.person.findMany({
            where: { id: { in: referenced } },
            select: { id: true },
          });
          const known = new Set(people.map((p) => p.id));
          const person = (id: string | null) => (id && known.has(id) ? id : null);
          await tx.feedback.createMany({
            data: out.map(({ d, entry }) => ({
              id: entry.id,
              code: entry.code,
              networkId,
              text: entry.text,
              actionIds: entry.actionIds,
              themeIds: entry.themeIds,
              day: toDate(d.day),
              status: entry.status === 'approved' ? 'released' : 'rejected',
              receiptHash: entry.receiptHash,
              moderatorId: person(entry.moderatorId),
              moderatedOn: entry.moderatedOn ? toDate(entry.moderatedOn) : null,
              rejectReason: entry.rejectReason,
              redacted: entry.redacted,
              releasedOn: entry.status === 'approved' ? toDate(today) : null,
            })),
          });
          const replies = shuffle(
            out.flatMap(({ entry }) =>
              entry.replies.map((r) => ({
                feedbackId: entry.id,
                authorId: person(r.authorId),
                text: r.text,
                day: toDate(r.day),
              })),
            ),
          );
          if (replies.length > 0) await tx.feedbackReply.createMany({ data: replies });
          for (const day of days)
            if (day.entries.some(leaving) && secrets)
              await writeSealedDay(tx, secrets, { ...day, entries: day.entries.filter((e) => !leaving(e)) });
        }
        if (!release) return { claimed: true, released: 0 };
        const { count } = await tx.feedback.updateMany({
          where: { networkId, status: 'approved' },
          data: { status: 'released', releasedOn: toDate(today) },
        });
        return { claimed: true, released: count + sealedApproved.length };
      });
    },
  };
}
