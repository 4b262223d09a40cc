import type { Action, ProgressUpdate } from '../domain/action.ts';
import { isUpdateCycle } from '../domain/cycle.ts';
import type { DueKind } from '../domain/due-date.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/** What to load with an action so it maps to the domain's {@link Action}. */
export const actionInclude = {
  plan: true,
  theme: true,
  owners: { include: { role: true } },
  updates: { orderBy: { createdAt: 'desc' }, take: 1, include: { author: true } },
} satisfies Prisma.ActionInclude;

type ActionRow = Prisma.ActionGetPayload<{ include: typeof actionInclude }>;
type UpdateRow = Prisma.ProgressUpdateGetPayload<{ include: { author: true } }>;

/** Maps a stored progress update to the domain's. */
export function toProgressUpdate(row: UpdateRow): ProgressUpdate {
  return {
    at: row.createdAt,
    authorName: row.author?.displayName ?? null,
    source: row.source,
    oldStatus: row.oldStatus,
    newStatus: row.newStatus,
    note: row.note,
  };
}

/** Maps a stored action with its plan, theme, owners and latest update to the domain's. */
export function toAction(row: ActionRow): Action {
  const latest = row.updates[0];
  return {
    id: row.id,
    plan: {
      code: row.plan.code,
      title: row.plan.title,
      timezone: row.plan.timezone,
      updateCycle: isUpdateCycle(row.plan.updateCycle) ? row.plan.updateCycle : 'quarterly',
    },
    ref: row.ref,
    title: row.title,
    description: row.description,
    theme: row.theme && { ref: row.theme.ref, title: row.theme.title },
    owners: row.owners.map((o) => o.role.name).sort(),
    due: {
      text: row.dueText ?? '',
      date: row.dueDate ? row.dueDate.toISOString().slice(0, 10) : null,
      kind: row.dueKind as DueKind,
    },
    successMeasure: row.successMeasure,
    metrics: row.metrics,
    status: row.status,
    createdAt: row.createdAt,
    lastUpdate: latest ? toProgressUpdate(latest) : null,
  };
}
