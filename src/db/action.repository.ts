import type { Action } from '../domain/action.ts';
import type { ActionQuery, ActionRepository, NewUpdate } from '../domain/ports.ts';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { type ActionSqlRow, fromSqlRow, toProgressUpdate, type UpdateSqlRow } from './action.mapper.ts';
import { isUniqueViolation } from './errors.ts';

/** Actions and progress updates in Prisma. */
export function createActionRepository(prisma: PrismaClient): ActionRepository {
  /**
   * Actions matching `where` with their plan, theme, owners and latest update, in ONE statement:
   * Prisma's includes would take six (action, plan, theme, owners, roles, latest update), and its
   * `take: 1` on a relation reads every update of every action. The latest update is one index
   * lookup per action (progress_updates on action and seq), so the cost does not grow with history.
   */
  async function selectActions(where: Prisma.Sql): Promise<Action[]> {
    const rows = await prisma.$queryRaw<ActionSqlRow[]>`
      SELECT a.id, a.ref, a.title, a.description, a.due_text AS "dueText",
             to_char(a.due_date, 'YYYY-MM-DD') AS "dueDate", a.due_kind AS "dueKind",
             a.success_measure AS "successMeasure", a.metrics, a.status::text AS status,
             a.update_cycle AS "updateCycle", a.created_at AS "createdAt",
             p.code AS "planCode", p.title AS "planTitle", p.timezone AS "planTimezone",
             p.update_cycle AS "planUpdateCycle", t.ref AS "themeRef", t.title AS "themeTitle",
             ARRAY(SELECT r.name FROM action_owners o JOIN roles r ON r.id = o.role_id
                   WHERE o.action_id = a.id ORDER BY r.name) AS owners,
             u.created_at AS "lastAt", u.source::text AS "lastSource", u.old_status::text AS "lastOld",
             u.new_status::text AS "lastNew", u.note AS "lastNote", pe.display_name AS "lastAuthor",
             u.on_behalf_of AS "lastOnBehalfOf"
      FROM actions a
      JOIN plans p ON p.id = a.plan_id
      LEFT JOIN themes t ON t.id = a.theme_id
      LEFT JOIN LATERAL (
        SELECT * FROM progress_updates WHERE action_id = a.id ORDER BY seq DESC LIMIT 1
      ) u ON true
      LEFT JOIN people pe ON pe.id = u.author_id
      WHERE ${where}
      ORDER BY p.code, a.position`;
    return rows.map(fromSqlRow);
  }

  return {
    async findActions(query: ActionQuery) {
      return selectActions(toSqlWhere(query));
    },

    async findAction(planCode, ref) {
      const [action] = await selectActions(Prisma.sql`p.code = ${planCode} AND a.ref = ${ref}`);
      return action ?? null;
    },

    async findActionsByRef(ref, planCode) {
      const plan = planCode === null ? Prisma.sql`true` : Prisma.sql`p.code = ${planCode}`;
      return selectActions(Prisma.sql`lower(a.ref) = lower(${ref}) AND ${plan}`);
    },

    async listRefs() {
      const rows = await prisma.action.findMany({ select: { ref: true, plan: { select: { code: true } } } });
      return rows.map((r) => ({ planCode: r.plan.code, ref: r.ref }));
    },

    async getHistory(actionId, limit) {
      // One statement with the authors' names (Prisma's include would take a second), newest first
      // in the order the updates were applied (seq), not by the clock.
      const rows = await prisma.$queryRaw<UpdateSqlRow[]>`
        SELECT u.created_at AS "createdAt", u.source::text AS source, u.old_status::text AS "oldStatus",
               u.new_status::text AS "newStatus", u.note, u.on_behalf_of AS "onBehalfOf",
               pe.display_name AS "authorName"
        FROM progress_updates u LEFT JOIN people pe ON pe.id = u.author_id
        WHERE u.action_id = ${actionId}::uuid
        ORDER BY u.seq DESC
        LIMIT ${limit}`;
      return rows.map((r) =>
        toProgressUpdate({ ...r, author: r.authorName === null ? null : { displayName: r.authorName } }),
      );
    },

    async getPlanHistory(planCode) {
      const rows = await prisma.$queryRaw<(UpdateSqlRow & { actionId: string })[]>`
        SELECT u.action_id AS "actionId", u.created_at AS "createdAt", u.source::text AS source,
               u.old_status::text AS "oldStatus", u.new_status::text AS "newStatus", u.note,
               u.on_behalf_of AS "onBehalfOf", pe.display_name AS "authorName"
        FROM progress_updates u
        JOIN actions a ON a.id = u.action_id
        JOIN plans p ON p.id = a.plan_id
        LEFT JOIN people pe ON pe.id = u.author_id
        WHERE p.code = ${planCode}
        ORDER BY u.seq`;
      return rows.map((r) => ({
        actionId: r.actionId,
        ...toProgressUpdate({ ...r, author: r.authorName === null ? null : { displayName: r.authorName } }),
      }));
    },

    async hasUpdateWithKey(requestKey: string) {
      return (await prisma.progressUpdate.count({ where: { requestKey } })) > 0;
    },
    async recordUpdate(update: NewUpdate) {
      try {
        // One statement, so one atomic step without a transaction around it: a compare-and-set on
        // the status the decision was made against (two people updating at once cannot both record
        // an "old status" that was already gone), and the update recorded only if it matched.
        const recorded = await prisma.$queryRaw<{ id: string }[]>`
          WITH changed AS (
            UPDATE actions
            SET status = ${update.newStatus}::"ActionStatus", last_update_at = ${update.at}, updated_at = now()
            WHERE id = ${update.actionId}::uuid AND status = ${update.expectedStatus}::"ActionStatus"
            RETURNING id
          )
          INSERT INTO progress_updates
            (id, action_id, author_id, source, old_status, new_status, note, request_key, on_behalf_of, created_at)
          SELECT gen_random_uuid(), changed.id, ${update.authorId}::uuid, ${update.source}::"Platform",
                 ${update.expectedStatus}::"ActionStatus", ${update.newStatus}::"ActionStatus",
                 ${update.note}, ${update.requestKey ?? null}, ${update.onBehalfOf ?? null}, ${update.at}
          FROM changed
          RETURNING id`;
        return recorded.length === 1 ? 'recorded' : 'conflict';
      } catch (error) {
        if (update.requestKey && isUniqueViolation(error)) return 'duplicate';
        throw error;
      }
    },
  };
}

/** An {@link ActionQuery} as SQL over actions `a`, plans `p` and themes `t`. */
function toSqlWhere(query: ActionQuery): Prisma.Sql {
  const parts = [Prisma.sql`true`];
  if (query.planCodes) parts.push(Prisma.sql`p.code = ANY(${[...query.planCodes]}::text[])`);
  if (query.themeRef) parts.push(Prisma.sql`t.ref = ${query.themeRef}`);
  if (query.statuses) parts.push(Prisma.sql`a.status::text = ANY(${[...query.statuses]}::text[])`);
  if (query.ownerRoleKeys)
    parts.push(Prisma.sql`EXISTS (
      SELECT 1 FROM action_owners o JOIN roles r ON r.id = o.role_id
      WHERE o.action_id = a.id AND r.key = ANY(${[...query.ownerRoleKeys]}::text[]))`);
  return Prisma.join(parts, ' AND ');
}
