import type { FeedbackRepository } from '../domain/feedback-ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { toDate } from './day-column.ts';
import { isUniqueViolation } from './errors.ts';
import { findFeedbackRow, presentOneFeedback } from './feedback-rows.ts';
import { type FeedbackSecrets, requireSecrets } from './feedback-secrets.ts';

/** The submitter's part of a FeedbackRepository: what a receipt opens (it is kept only as a hash). */
export type FeedbackReceipts = Pick<FeedbackRepository, 'submit' | 'findByReceipt' | 'withdraw'>;

/** Submitting, checking and withdrawing feedback in Prisma: no submitter, no time of day. */
export function createFeedbackReceipts(
  prisma: PrismaClient,
  secrets: FeedbackSecrets | null,
): FeedbackReceipts {
  return {
    async submit(feedback) {
      const receipt = requireSecrets(secrets).newReceipt();
      const receiptHash = await requireSecrets(secrets).hashReceipt(receipt);
      for (let attempt = 0; ; attempt++) {
        const code = requireSecrets(secrets).newCode();
        try {
          // Only these columns: no submitter, no time of day (a DATE), nothing from the request.
          await prisma.feedback.create({
            data: {
              code,
              networkId: feedback.networkId,
              text: feedback.text,
              actionIds: feedback.actionIds,
              themeIds: feedback.themeIds,
              day: toDate(feedback.day),
              receiptHash,
            },
            select: { id: true },
          });
          return { code, receipt };
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= 5) throw error;
        }
      }
    },

    async findByReceipt(receipt) {
      const receiptHash = await requireSecrets(secrets).hashReceipt(receipt);
      return presentOneFeedback(prisma, await findFeedbackRow(prisma, { receiptHash }));
    },

    async withdraw(receipt) {
      const receiptHash = await requireSecrets(secrets).hashReceipt(receipt);
      const { count } = await prisma.feedback.deleteMany({ where: { receiptHash } });
      return count > 0;
    },
  };
}
