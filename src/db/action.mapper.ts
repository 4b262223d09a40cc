import type { Action, ProgressUpdate } from '../domain/action.ts';
import { parseStoredCycle } from '../domain/cycle.ts';
import type { DueKind } from '../domain/due-date.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/** The columns an action is mapped from (a row of the one-statement query, reshaped). */
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
> & { onBehalfOf?: string | null; author: { displayName: string } | null };

/** Maps a stored progress update to the domain's. */
export function toProgressUpdate(row: LatestUpdate): ProgressUpdate {
  return {
    at: row.createdAt,
    authorName: row.author?.displayName ?? null,
    source: row.source,
    oldStatus: row.oldStatus,
    newStatus: row.newStatus,
    note: row.note,
    onBehalfOf: row.onBehalfOf ?? null,
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

type StoredUpdate = Prisma.ProgressUpdateGetPayload<object>;

/** An action as the repository's one-statement query reads it (see `selectActions`). */
export type ActionSqlRow = {
  id: string;
  ref: string;
  title: string;
  description: string | null;
  dueText: string | null;
  dueDate: string | null;
  dueKind: string;
  successMeasure: string | null;
  metrics: string[];
  status: StoredUpdate['newStatus'];
  updateCycle: string | null;
  createdAt: Date;
  planCode: string;
  planTitle: string;
  planTimezone: string;
  planUpdateCycle: string;
  themeRef: string | null;
  themeTitle: string | null;
  owners: string[];
  lastAt: Date | null;
  lastSource: StoredUpdate['source'] | null;
  lastOld: StoredUpdate['oldStatus'] | null;
  lastNew: StoredUpdate['newStatus'] | null;
  lastNote: string | null;
  lastAuthor: string | null;
  lastOnBehalfOf: string | null;
};

/** A progress update with its author's name, as the history query reads it. */
export type UpdateSqlRow = Pick<
  StoredUpdate,
  'createdAt' | 'source' | 'oldStatus' | 'newStatus' | 'note' | 'onBehalfOf'
> & {
  authorName: string | null;
};

/** Maps a row of the one-statement action query to the domain's {@link Action}. */
export function fromSqlRow(r: ActionSqlRow): Action {
  const latest: LatestUpdate | undefined =
    r.lastAt && r.lastSource && r.lastOld && r.lastNew
      ? {
          createdAt: r.lastAt,
          source: r.lastSource,
          oldStatus: r.lastOld,
          newStatus: r.lastNew,
          note: r.lastNote,
          onBehalfOf: r.lastOnBehalfOf,
          author: r.lastAuthor === null ? null : { displayName: r.lastAuthor },
        }
      : undefined;
  return toAction(
    {
      ...r,
      dueDate: r.dueDate ? new Date(`${r.dueDate}T00:00:00Z`) : null,
      plan: {
        code: r.planCode,
        title: r.planTitle,
        timezone: r.planTimezone,
        updateCycle: r.planUpdateCycle,
      },
      theme: r.themeRef !== null && r.themeTitle !== null ? { ref: r.themeRef, title: r.themeTitle } : null,
      owners: r.owners.map((name) => ({ role: { name } })),
    },
    latest,
  );
}
