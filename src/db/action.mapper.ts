import type { Action, ProgressUpdate } from '../domain/action.ts';
import { parseStoredCycle } from '../domain/cycle.ts';
import type { DueKind } from '../domain/due-date.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/** What to load with an action so it maps to the domain's {@link Action}. */
export const actionInclude = {
  plan: true,
  theme: true,
  owners: { include: { role: true } },
} satisfies Prisma.ActionInclude;

/** The columns an action is mapped from: a Prisma row with {@link actionInclude}, or a raw query's. */
export type ActionRecord = Pick<
  Prisma.ActionGetPayload<object>,
  | 'id'
  | 'ref'
  | 'title'
  | 'description'
  | 'dueText'
  | 'dueDate'
  | 'dueKind'
  | 'successMeasure'
  | 'metrics'
  | 'status'
  | 'updateCycle'
  | 'createdAt'
> & {
  plan: Pick<Prisma.PlanGetPayload<object>, 'code' | 'title' | 'timezone' | 'updateCycle'>;
  theme: { ref: string; title: string } | null;
  owners: { role: { name: string } }[];
};
/** A progress update with its author's name: what an action's latest update is mapped from. */
export type LatestUpdate = Pick<
  Prisma.ProgressUpdateGetPayload<{ include: { author: true } }>,
  'createdAt' | 'source' | 'oldStatus' | 'newStatus' | 'note'
> & { author: { displayName: string } | null };

/** Maps a stored progress update to the domain's. */
export function toProgressUpdate(row: LatestUpdate): ProgressUpdate {
  return {
    at: row.createdAt,
    authorName: row.author?.displayName ?? null,
    source: row.source,
    oldStatus: row.oldStatus,
    newStatus: row.newStatus,
    note: row.note,
  };
}

/** Maps a stored action with its plan, theme and owners, and its latest update, to the domain's. */
export function toAction(row: ActionRecord, latest: LatestUpdate | undefined): Action {
  // A cycle rule is stored as one text (see formatStoredCycle); an unreadable one counts as quarterly.
  const planRule = parseStoredCycle(row.plan.updateCycle);
  const ownRule = row.updateCycle ? parseStoredCycle(row.updateCycle) : null;
  return {
    id: row.id,
    plan: {
      code: row.plan.code,
      title: row.plan.title,
      timezone: row.plan.timezone,
      updateCycle: planRule?.cycle ?? 'quarterly',
      cycleOpenDay: planRule?.openDay ?? 1,
      cycleDeadlineDays: planRule?.deadlineDays ?? null,
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
    updateCycle: ownRule?.cycle ?? null,
    cycleOpenDay: ownRule?.openDay ?? 1,
    cycleDeadlineDays: ownRule?.deadlineDays ?? null,
    createdAt: row.createdAt,
    lastUpdate: latest ? toProgressUpdate(latest) : null,
  };
}
