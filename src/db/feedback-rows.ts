import type { FeedbackStatus } from '../domain/feedback.ts';
import type { StoredFeedback } from '../domain/feedback-ports.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { toDay } from './day-column.ts';

/** What every read of a submission includes: its network's name and its replies, oldest first. */
export const feedbackInclude = {
  network: { select: { name: true } },
  replies: {
    orderBy: [{ day: 'asc' }, { id: 'asc' }],
    include: { author: { select: { displayName: true } } },
  },
} satisfies Prisma.FeedbackInclude;

/** A submission row as read with `feedbackInclude`. */
export type FeedbackRow = Prisma.FeedbackGetPayload<{ include: typeof feedbackInclude }>;

/** The one submission with this code or receipt hash, or null. */
export function findFeedbackRow(
  prisma: PrismaClient,
  where: { code: string } | { receiptHash: string },
): Promise<FeedbackRow | null> {
  return prisma.feedback.findUnique({ where, include: feedbackInclude });
}

/** Submissions as the commands see them: tagged actions as refs, themes by title (direct or through an action). */
export async function presentFeedback(prisma: PrismaClient, rows: FeedbackRow[]): Promise<StoredFeedback[]> {
  const actionIds = [...new Set(rows.flatMap((r) => r.actionIds))];
  const themeIds = [...new Set(rows.flatMap((r) => r.themeIds))];
  const [actions, themes] = await Promise.all([
    prisma.action.findMany({
      where: { id: { in: actionIds } },
      select: {
        id: true,
        ref: true,
        plan: { select: { code: true } },
        theme: { select: { id: true, title: true } },
      },
    }),
    prisma.theme.findMany({ where: { id: { in: themeIds } }, select: { id: true, title: true } }),
  ]);
  const actionById = new Map(actions.map((a) => [a.id, a]));
  const themeById = new Map(themes.map((t) => [t.id, t.title]));
  return rows.map((r): StoredFeedback => {
    const tagged = r.actionIds.flatMap((id) => actionById.get(id) ?? []);
    const themeTitles = [
      ...r.themeIds.flatMap((id) => themeById.get(id) ?? []),
      ...tagged.flatMap((a) => (a.theme ? [a.theme.title] : [])),
    ];
    return {
      id: r.id,
      code: r.code,
      networkId: r.networkId,
      actionIds: r.actionIds,
      networkName: r.network.name,
      text: r.text,
      actionRefs: tagged.map((a) => `${a.plan.code}:${a.ref}`),
      themes: [...new Set(themeTitles)],
      day: toDay(r.day),
      status: r.status as FeedbackStatus,
      rejectReason: r.rejectReason,
      redacted: r.redacted,
      releasedOn: r.releasedOn && toDay(r.releasedOn),
      readOn: r.readOn && toDay(r.readOn),
      replies: r.replies.map((reply) => ({
        text: reply.text,
        day: toDay(reply.day),
        author: reply.author?.displayName ?? 'someone who has left',
      })),
    };
  });
}

/** One submission as the commands see it, or null. */
export async function presentOneFeedback(
  prisma: PrismaClient,
  row: FeedbackRow | null,
): Promise<StoredFeedback | null> {
  return row ? ((await presentFeedback(prisma, [row]))[0] ?? null) : null;
}
