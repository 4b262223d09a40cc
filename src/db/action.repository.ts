import type { ActionQuery, ActionRepository, NewUpdate } from '../domain/ports.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { actionInclude, type LatestUpdate, toAction, toProgressUpdate } from './action.mapper.ts';
import { isUniqueViolation } from './errors.ts';

class StatusChanged extends Error {}

/** Actions and progress updates in Prisma. */
export function createActionRepository(prisma: PrismaClient): ActionRepository {
  /**
   * The latest update of each action, one index lookup per action: Prisma's `take: 1` on a relation
   * reads every update of every action and trims in memory, which grows with all history.
   */
  async function findLatestUpdates(actionIds: string[]) {
    if (actionIds.length === 0) return new Map<string, LatestUpdate>();
    const rows = await prisma.$queryRaw<LatestUpdateRow[]>`
      SELECT a.id AS "actionId", u.created_at AS "createdAt", u.source::text AS source,
             u.old_status::text AS "oldStatus", u.new_status::text AS "newStatus", u.note, p.display_name AS "authorName"
      FROM unnest(${actionIds}::uuid[]) AS a(id)
      CROSS JOIN LATERAL (
        SELECT * FROM progress_updates WHERE action_id = a.id ORDER BY created_at DESC, id DESC LIMIT 1
      ) u
      LEFT JOIN people p ON p.id = u.author_id`;
    return new Map<string, LatestUpdate>(
      rows.map((r) => [
        r.actionId,
        { ...r, author: r.authorName === null ? null : { displayName: r.authorName } },
      ]),
    );
  }

  return {
    async findActions(query: ActionQuery) {
      const rows = await prisma.action.findMany({
        where: toWhere(query),
        include: actionInclude,
        orderBy: [{ plan: { code: 'asc' } }, { position: 'asc' }],
      });
      const latest = await findLatestUpdates(rows.map((r) => r.id));
      return rows.map((r) => toAction(r, latest.get(r.id)));
    },

    async findAction(planCode, ref) {
      const row = await prisma.action.findFirst({
        where: { ref, plan: { code: planCode } },
        include: actionInclude,
      });
      return row && toAction(row, (await findLatestUpdates([row.id])).get(row.id));
    },

    async listRefs() {
      const rows = await prisma.action.findMany({ select: { ref: true, plan: { select: { code: true } } } });
      return rows.map((r) => ({ planCode: r.plan.code, ref: r.ref }));
    },

    async getHistory(actionId, limit) {
      const rows = await prisma.progressUpdate.findMany({
        where: { actionId },
        orderBy: { createdAt: 'desc' },
        take: limit,
        include: { author: true },
      });
      return rows.map(toProgressUpdate);
    },

    async hasUpdateWithKey(requestKey: string) {
      return (await prisma.progressUpdate.count({ where: { requestKey } })) > 0;
    },
    async recordUpdate(update: NewUpdate) {
      try {
        await prisma.$transaction(async (tx) => {
          // Compare-and-set on the status the decision was made against: two people updating at
          // once cannot both record an "old status" that was already gone.
          const changed = await tx.action.updateMany({
            where: { id: update.actionId, status: update.expectedStatus },
            data: { status: update.newStatus, lastUpdateAt: update.at },
          });
          if (changed.count !== 1) throw new StatusChanged();
          await tx.progressUpdate.create({
            data: {
              actionId: update.actionId,
              authorId: update.authorId,
              source: update.source,
              oldStatus: update.expectedStatus,
              newStatus: update.newStatus,
              note: update.note,
              createdAt: update.at,
              requestKey: update.requestKey ?? null,
            },
          });
        });
        return 'recorded';
      } catch (error) {
        if (error instanceof StatusChanged) return 'conflict';
        if (update.requestKey && isUniqueViolation(error)) return 'duplicate';
        throw error;
      }
    },
  };
}

type StoredUpdate = Prisma.ProgressUpdateGetPayload<object>;

/** The latest update's columns as the raw query returns them, with the author's name. */
type LatestUpdateRow = Pick<StoredUpdate, 'createdAt' | 'source' | 'oldStatus' | 'newStatus' | 'note'> & {
  actionId: string;
  authorName: string | null;
};

function toWhere(query: ActionQuery): Prisma.ActionWhereInput {
  const where: Prisma.ActionWhereInput = {};
  if (query.planCodes) where.plan = { code: { in: [...query.planCodes] } };
  if (query.themeRef) where.theme = { ref: query.themeRef };
  if (query.statuses) where.status = { in: [...query.statuses] };
  if (query.ownerRoleKeys) where.owners = { some: { role: { key: { in: [...query.ownerRoleKeys] } } } };
  return where;
}
