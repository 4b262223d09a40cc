import { parseDue } from '../domain/due-date.ts';
import { truncate } from '../domain/format.ts';
import type { PlanFileAction } from '../domain/plan-file.ts';
import { describeStatus, type Status } from '../domain/status.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/** What an import compares each action in the database with: fields, owners, last update's source. */
export const existingSelect = {
  id: true,
  ref: true,
  title: true,
  description: true,
  dueText: true,
  successMeasure: true,
  metrics: true,
  status: true,
  themeId: true,
  owners: { select: { role: { select: { key: true } } } },
  updates: { orderBy: { seq: 'desc' }, take: 1, select: { source: true } },
} satisfies Prisma.ActionSelect;
export type Existing = Prisma.ActionGetPayload<{ select: typeof existingSelect }>;

/** An action's columns as the file gives them. */
export function actionFields(action: PlanFileAction, themeId: string, position: number) {
  const due = parseDue(action.due);
  return {
    themeId,
    title: action.title,
    description: action.description ?? null,
    dueText: due.text || null,
    dueDate: due.date ? new Date(`${due.date}T00:00:00Z`) : null,
    dueKind: due.kind,
    successMeasure: action.successMeasure ?? null,
    metrics: action.metrics,
    position,
  };
}

/**
 * The change line for an action against the database: `+ 1.1 title` when it is new,
 * `~ 1.2: title, due changed` when something differs, none when nothing does.
 */
export function describeActionChange(
  action: PlanFileAction,
  fields: ReturnType<typeof actionFields>,
  roleKeys: string[],
  before: Existing | undefined,
): string | undefined {
  if (!before) return `+ ${action.ref} ${shorten(action.title, 70)}`;
  const changed = [
    before.title !== fields.title && 'title',
    before.description !== fields.description && 'description',
    before.dueText !== fields.dueText && 'due',
    before.successMeasure !== fields.successMeasure && 'success measure',
    before.metrics.join() !== fields.metrics.join() && 'metrics',
    before.themeId !== fields.themeId && 'theme',
    before.owners
      .map((o) => o.role.key)
      .sort()
      .join('|') !== [...roleKeys].sort().join('|') && 'owners',
  ].filter(Boolean);
  return changed.length ? `~ ${action.ref}: ${changed.join(', ')} changed` : undefined;
}

/** The change line for a progress update recorded from the file: its status move and note. */
export function describeImportedUpdate(
  ref: string,
  note: string,
  oldStatus: Status,
  target: Status,
  statusKept: boolean,
): string {
  const statusPart =
    oldStatus === target
      ? describeStatus(target)
      : `${describeStatus(oldStatus)} → ${describeStatus(target)}`;
  const kept = statusKept ? ' (status kept: updated in chat since)' : '';
  return `update ${ref} [${statusPart}]${kept}: ${shorten(note, 60)}`;
}

/** A plan file's status word as the database's status. */
export function toStatus(word: PlanFileAction['status']): Status {
  return !word || word === 'not rated' ? 'NOT_RATED' : (word.toUpperCase() as Status);
}

function shorten(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' '), max);
}
