import type { FeedbackRepository } from '../domain/feedback-ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { toDate } from './day-column.ts';
import { createFeedbackModeration } from './feedback-moderation.repository.ts';
import { createFeedbackReceipts } from './feedback-receipts.repository.ts';
import { createFeedbackResponses } from './feedback-responses.repository.ts';
import {
  type FeedbackRow,
  feedbackInclude,
  findFeedbackRow,
  presentFeedback,
  presentOneFeedback,
} from './feedback-rows.ts';
import { findSealed, readSealedDays, sealedAsRows } from './feedback-sealed.ts';
import type { FeedbackSecrets } from './feedback-secrets.ts';

/** Anonymous submissions in Prisma: no submitter, no time of day, receipts only as hashes. */
export function createFeedbackRepository(
  prisma: PrismaClient,
  secrets: FeedbackSecrets | null,
): FeedbackRepository {
  const present = (rows: FeedbackRow[]) => presentFeedback(prisma, rows);
  return {
    ...createFeedbackReceipts(prisma, secrets),
    ...createFeedbackModeration(prisma, secrets),
    ...createFeedbackResponses(prisma),

    async listTagTargets() {
      const [actions, themes] = await Promise.all([
        prisma.action.findMany({
          orderBy: [{ plan: { code: 'asc' } }, { position: 'asc' }],
          select: { id: true, ref: true, title: true, themeId: true, plan: { select: { code: true } } },
        }),
        prisma.theme.findMany({
          orderBy: [{ plan: { code: 'asc' } }, { position: 'asc' }],
          select: { id: true, ref: true, title: true, plan: { select: { code: true } } },
        }),
      ]);
      return {
        actions: actions.map(({ plan, ...a }) => ({ ...a, planCode: plan.code })),
        themes: themes.map(({ plan, ...t }) => ({ ...t, planCode: plan.code })),
      };
    },

    async searchTagTargets(words, limit) {
      const holds = (w: string) => ({
        OR: [
          { ref: { contains: w, mode: 'insensitive' as const } },
          { title: { contains: w, mode: 'insensitive' as const } },
          { plan: { code: { contains: w, mode: 'insensitive' as const } } },
        ],
      });
      const orderBy = [{ plan: { code: 'asc' as const } }, { position: 'asc' as const }];
      const themes = await prisma.theme.findMany({
        where: { AND: words.filter((w) => !'theme'.includes(w.toLowerCase())).map(holds) },
        orderBy,
        take: limit,
        select: { id: true, ref: true, title: true, plan: { select: { code: true } } },
      });
      const actions =
        themes.length < limit
          ? await prisma.action.findMany({
              where: { AND: words.map(holds) },
              orderBy,
              take: limit - themes.length,
              select: { id: true, ref: true, title: true, themeId: true, plan: { select: { code: true } } },
            })
          : [];
      return {
        actions: actions.map(({ plan, ...a }) => ({ ...a, planCode: plan.code })),
        themes: themes.map(({ plan, ...t }) => ({ ...t, planCode: plan.code })),
      };
    },

    async findByCode(code) {
      const wanted = code.toUpperCase();
      const row = await findFeedbackRow(prisma, { code: wanted });
      if (row || !secrets) return presentOneFeedback(prisma, row);
      const sealed = findSealed(await readSealedDays(prisma, secrets), (e) => e.code === wanted);
      return sealed ? presentOneFeedback(prisma, (await sealedAsRows(prisma, [sealed]))[0] ?? null) : null;
    },

    async listQueue(networkIds) {
      const rows = await prisma.feedback.findMany({
        where: { networkId: { in: networkIds }, status: 'pending' },
        include: feedbackInclude,
      });
      const days = secrets ? await readSealedDays(prisma, secrets, networkIds) : [];
      const sealed = await sealedAsRows(
        prisma,
        days.flatMap((day) =>
          day.entries.filter((e) => e.status === 'pending').map((entry) => ({ day, entry })),
        ),
      );
      // Oldest day first; within a day by code (random), never by insertion order.
      const queue = [...rows, ...sealed].sort(
        (a, b) => a.day.getTime() - b.day.getTime() || a.code.localeCompare(b.code),
      );
      return present(queue);
    },

    async listReleasedFor(actionId, themeId) {
      const rows = await prisma.feedback.findMany({
        where: {
          status: 'released',
          OR: [{ actionIds: { has: actionId } }, ...(themeId ? [{ themeIds: { has: themeId } }] : [])],
        },
        orderBy: [{ releasedOn: 'desc' }, { code: 'asc' }],
        include: feedbackInclude,
      });
      return present(rows);
    },

    async listReleasedOn(networkId, day) {
      return prisma.feedback.findMany({
        where: { networkId, status: 'released', releasedOn: toDate(day) },
        select: { actionIds: true, themeIds: true },
      });
    },

    async listReleasedSince(day) {
      const rows = await prisma.feedback.findMany({
        where: { status: 'released', releasedOn: { gte: toDate(day) } },
        include: feedbackInclude,
      });
      return (await present(rows)).map((r) => ({ themes: r.themes }));
    },
  };
}
