import type { FeedbackRepository } from '../domain/feedback-ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { toDate } from './day-column.ts';

const REDACTED = '[redacted]';

/** The moderators' part of a FeedbackRepository: decisions, replies and the daily release. */
export type FeedbackModeration = Pick<FeedbackRepository, 'moderate' | 'addReply' | 'releaseBatch'>;

/** Moderation in Prisma: each decision a compare-and-set, each day's release claimed once across replicas. */
export function createFeedbackModeration(prisma: PrismaClient): FeedbackModeration {
  return {
    async moderate(code, decision, moderatorId, day) {
      const row = await prisma.feedback.findUnique({
        where: { code: code.toUpperCase() },
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
      await prisma.feedbackReply.create({ data: { feedbackId, authorId, text, day: toDate(day) } });
    },

    async releaseBatch(networkId, today, threshold) {
      return prisma.$transaction(async (tx) => {
        const claimed = await tx.staffNetwork.updateMany({
          where: { id: networkId, OR: [{ lastReleaseOn: null }, { lastReleaseOn: { lt: toDate(today) } }] },
          data: { lastReleaseOn: toDate(today) },
        });
        if (claimed.count === 0) return { claimed: false, released: 0 };
        const waiting = await tx.feedback.count({ where: { networkId, status: 'approved' } });
        if (waiting < threshold) return { claimed: true, released: 0 };
        const { count } = await tx.feedback.updateMany({
          where: { networkId, status: 'approved' },
          data: { status: 'released', releasedOn: toDate(today) },
        });
        return { claimed: true, released: count };
      });
    },
  };
}
