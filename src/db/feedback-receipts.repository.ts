import type { FeedbackRepository } from '../domain/feedback-ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { toDay } from './day-column.ts';
import { findFeedbackRow, presentOneFeedback } from './feedback-rows.ts';
import {
  findSealed,
  lockSealed,
  readSealedDays,
  type SealedDay,
  sealedAsRows,
  writeSealedDay,
} from './feedback-sealed.ts';
import { type FeedbackSecrets, requireSecrets } from './feedback-secrets.ts';
import { addSealedSubmission } from './sealed-submission.ts';

/** The submitter's part of a FeedbackRepository: what a receipt opens (it is kept only as a hash). */
export type FeedbackReceipts = Pick<
  FeedbackRepository,
  'submit' | 'findByReceipt' | 'withdraw' | 'sealUnsealed'
>;

/**
 * Submitting, checking and withdrawing feedback in Prisma: no submitter, no time of day. A submission
 * is added to its network's sealed day (feedback-sealed.ts): the transaction writes that one row and
 * nothing else, so its id and commit time are those of "the day's latest write", never of one entry.
 */
export function createFeedbackReceipts(
  prisma: PrismaClient,
  secrets: FeedbackSecrets | null,
): FeedbackReceipts {
  return {
    async submit(feedback) {
      const keys = requireSecrets(secrets);
      const receipt = keys.newReceipt();
      const receiptHash = await keys.hashReceipt(receipt);
      return prisma.$transaction(async (tx) => {
        await lockSealed(tx);
        const code = await addSealedSubmission(tx, keys, {
          networkId: feedback.networkId,
          day: feedback.day,
          text: feedback.text,
          actionIds: feedback.actionIds,
          themeIds: feedback.themeIds,
          receiptHash,
        });
        return { code, receipt };
      });
    },

    async findByReceipt(receipt) {
      const keys = requireSecrets(secrets);
      const receiptHash = await keys.hashReceipt(receipt);
      const row = await findFeedbackRow(prisma, { receiptHash });
      if (row) return presentOneFeedback(prisma, row);
      const sealed = findSealed(await readSealedDays(prisma, keys), (e) => e.receiptHash === receiptHash);
      return sealed ? presentOneFeedback(prisma, (await sealedAsRows(prisma, [sealed]))[0] ?? null) : null;
    },

    async sealUnsealed() {
      if (!secrets) return 0;
      return prisma.$transaction(async (tx) => {
        const rows = await tx.feedback.findMany({
          where: { status: { in: ['pending', 'approved'] } },
          include: { replies: { select: { authorId: true, text: true, day: true } } },
        });
        if (rows.length === 0) return 0;
        await lockSealed(tx);
        const days = new Map<string, SealedDay>(
          (await readSealedDays(tx, secrets)).map((d) => [`${d.networkId}/${d.day}`, d]),
        );
        for (const r of rows) {
          const day = toDay(r.day);
          const key = `${r.networkId}/${day}`;
          const sealed = days.get(key) ?? { networkId: r.networkId, day, entries: [] };
          sealed.entries.push({
            id: r.id,
            code: r.code,
            text: r.text,
            actionIds: r.actionIds,
            themeIds: r.themeIds,
            receiptHash: r.receiptHash,
            status: r.status === 'approved' ? 'approved' : 'pending',
            moderatorId: r.moderatorId,
            moderatedOn: r.moderatedOn && toDay(r.moderatedOn),
            rejectReason: r.rejectReason,
            redacted: r.redacted,
            replies: r.replies.map((x) => ({ authorId: x.authorId, text: x.text, day: toDay(x.day) })),
          });
          days.set(key, sealed);
        }
        for (const day of days.values()) await writeSealedDay(tx, secrets, day);
        await tx.feedback.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
        return rows.length;
      });
    },

    async withdraw(receipt) {
      const keys = requireSecrets(secrets);
      const receiptHash = await keys.hashReceipt(receipt);
      const { count } = await prisma.feedback.deleteMany({ where: { receiptHash } });
      if (count > 0) return true;
      return prisma.$transaction(async (tx) => {
        await lockSealed(tx);
        const sealed = findSealed(await readSealedDays(tx, keys), (e) => e.receiptHash === receiptHash);
        if (!sealed) return false;
        const entries = sealed.day.entries.filter((e) => e !== sealed.entry);
        await writeSealedDay(tx, keys, { ...sealed.day, entries });
        return true;
      });
    },
  };
}
