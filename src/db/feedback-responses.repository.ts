import type { FeedbackResponses } from '../domain/feedback-ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { toDate, toDay } from './day-column.ts';
import { feedbackInclude, presentFeedback } from './feedback-rows.ts';

/**
 * Read and answered in Prisma, on released rows only and by the day: `read_on` is the first day an
 * owner listed a submission; answered means a reply exists (each reply keeps its day). Nothing here
 * writes a time or touches a submission before its release.
 */
export function createFeedbackResponses(prisma: PrismaClient): FeedbackResponses {
  return {
    async markRead(feedbackIds, day) {
      if (feedbackIds.length === 0) return;
      await prisma.feedback.updateMany({
        where: { id: { in: feedbackIds }, status: 'released', readOn: null },
        data: { readOn: toDate(day) },
      });
    },

    async listUnanswered() {
      const rows = await prisma.feedback.findMany({
        where: { status: 'released', replies: { none: {} } },
        orderBy: [{ releasedOn: 'asc' }, { code: 'asc' }],
        include: feedbackInclude,
      });
      const presented = await presentFeedback(prisma, rows);
      return rows.map((row, i) => ({
        id: row.id,
        code: row.code,
        networkId: row.networkId,
        actionIds: row.actionIds,
        themeIds: row.themeIds,
        actionRefs: presented[i]?.actionRefs ?? [],
        themes: presented[i]?.themes ?? [],
        releasedOn: row.releasedOn ? toDay(row.releasedOn) : '',
      }));
    },

    async listModeratorContacts() {
      const rows = await prisma.networkModerator.findMany({
        select: {
          networkId: true,
          person: {
            select: {
              id: true,
              displayName: true,
              email: true,
              roles: { select: { role: { select: { key: true } } } },
              identities: { select: { platform: true, externalId: true } },
            },
          },
        },
      });
      return rows.map(({ networkId, person: p }) => ({
        networkId,
        contact: {
          personId: p.id,
          displayName: p.displayName,
          email: p.email,
          roleKeys: p.roles.map((r) => r.role.key),
          identities: p.identities.flatMap((i) =>
            i.platform === 'slack' || i.platform === 'teams'
              ? [{ platform: i.platform, externalId: i.externalId }]
              : [],
          ),
        },
      }));
    },
  };
}
