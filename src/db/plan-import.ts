import type { PlanFile, PlanFileAction } from '../domain/plan-file.ts';
import type { ImportOptions, ImportSummary } from '../domain/ports.ts';
import type { Status } from '../domain/status.ts';
import { toRoleKey } from '../domain/update-rules.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import {
  actionFields,
  describeActionChange,
  describeImportedUpdate,
  type Existing,
  existingSelect,
  toStatus,
} from './plan-import-changes.ts';
import { importSponsor } from './plan-import-sponsors.ts';

type Tx = Prisma.TransactionClient;

/** Thrown inside a dry run's transaction so that everything it wrote is rolled back. */
export class DryRunRollback extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run: rolled back');
  }
}

/**
 * Creates or updates a plan in one transaction, matching themes and actions by ref (never
 * duplicating), records the file's latest updates as progress from the import, and lists every
 * change. A dry run throws {@link DryRunRollback} with the summary at the end.
 */
export async function importPlanIn(
  tx: Tx,
  file: PlanFile,
  actorId: string | null,
  options: ImportOptions,
): Promise<ImportSummary> {
  const at = options.at ?? new Date();
  const fields = {
    title: file.title,
    period: file.period ?? null,
    timezone: file.timezone,
    updateCycle: file.updateCycle,
  };
  const found = await tx.plan.findUnique({ where: { code: file.code }, select: { id: true } });
  const plan = found
    ? await tx.plan.update({ where: { id: found.id }, data: fields })
    : await tx.plan.create({ data: { code: file.code, ...fields } });
  const existing = new Map(
    (await tx.action.findMany({ where: { planId: plan.id }, select: existingSelect })).map((a) => [a.ref, a]),
  );
  const summary: ImportSummary = {
    planCode: file.code,
    created: !found,
    themes: 0,
    actionsCreated: 0,
    actionsUpdated: 0,
    updatesRecorded: 0,
    changes: found ? [] : [`+ plan ${file.code}: ${file.title}`],
    dryRun: options.dryRun === true,
  };
  await importSponsor(tx, { planId: plan.id }, file.sponsor, summary);
  let position = 0;
  for (const [themeIndex, theme] of file.themes.entries()) {
    const themeFields = {
      title: theme.title,
      objective: theme.objective ?? null,
      metrics: theme.metrics,
      position: themeIndex,
    };
    const { id: themeId } = await tx.theme.upsert({
      where: { planId_ref: { planId: plan.id, ref: theme.ref } },
      create: { planId: plan.id, ref: theme.ref, ...themeFields },
      update: themeFields,
    });
    await importSponsor(tx, { themeId, ref: theme.ref }, theme.sponsor, summary);
    summary.themes++;
    for (const action of theme.actions) {
      const before = existing.get(action.ref);
      existing.delete(action.ref);
      const id = await upsertAction(tx, plan.id, themeId, action, position++, before, summary, at);
      if (before) summary.actionsUpdated++;
      else summary.actionsCreated++;
      await recordImportedProgress(tx, id, action, before, at, summary);
      options.onProgress?.(summary.actionsCreated + summary.actionsUpdated);
    }
  }
  for (const ref of existing.keys()) summary.changes.push(`? ${ref} is not in the file; kept as it is`);
  if (options.dryRun) throw new DryRunRollback(summary);
  await tx.auditEvent.create({
    data: {
      actorId,
      kind: 'plan.import',
      subject: file.code,
      detail: { ...summary, changes: summary.changes.length },
    },
  });
  return summary;
}

async function upsertAction(
  tx: Tx,
  planId: string,
  themeId: string,
  action: PlanFileAction,
  position: number,
  before: Existing | undefined,
  summary: ImportSummary,
  at: Date,
): Promise<string> {
  const fields = actionFields(action, themeId, position);
  const change = describeActionChange(action, fields, action.owners.map(toRoleKey), before);
  if (change) summary.changes.push(change);
  // The file's status is the starting point only: after that, updates own the status.
  const { id } = await tx.action.upsert({
    where: { planId_ref: { planId, ref: action.ref } },
    // Created at the import's time, so reports since a date know the action was added then.
    create: { planId, ref: action.ref, status: toStatus(action.status), createdAt: at, ...fields },
    update: fields,
  });
  const roleIds = [];
  for (const name of action.owners) {
    const key = toRoleKey(name);
    const role = await tx.role.upsert({ where: { key }, create: { key, name: name.trim() }, update: {} });
    roleIds.push(role.id);
  }
  await tx.actionOwner.deleteMany({ where: { actionId: id, roleId: { notIn: roleIds } } });
  await tx.actionOwner.createMany({
    data: roleIds.map((roleId) => ({ actionId: id, roleId })),
    skipDuplicates: true,
  });
  await mapOwnerEmails(tx, action, summary);
  return id;
}

/**
 * The file's latest update becomes a progress update from the import, once: the same text again
 * records nothing. Its status applies unless someone has updated the action in chat since the
 * last import; then chat keeps the status and only the note is recorded.
 */
async function recordImportedProgress(
  tx: Tx,
  actionId: string,
  action: PlanFileAction,
  before: Existing | undefined,
  at: Date,
  summary: ImportSummary,
): Promise<void> {
  if (!action.latestUpdate) return;
  const lastImport = await tx.progressUpdate.findFirst({
    where: { actionId, source: 'import' },
    orderBy: { seq: 'desc' },
    select: { note: true, newStatus: true },
  });
  const current: Status = before?.status ?? toStatus(action.status);
  const chatOwnsStatus = before?.updates[0] !== undefined && before.updates[0].source !== 'import';
  const target = action.status && !chatOwnsStatus ? toStatus(action.status) : current;
  if (lastImport?.note === action.latestUpdate && (chatOwnsStatus || lastImport.newStatus === target)) return;
  const oldStatus: Status = before ? current : 'NOT_RATED';
  await tx.progressUpdate.create({
    data: {
      actionId,
      authorId: null,
      source: 'import',
      oldStatus,
      newStatus: target,
      note: action.latestUpdate,
      createdAt: at,
    },
  });
  await tx.action.update({ where: { id: actionId }, data: { status: target, lastUpdateAt: at } });
  summary.updatesRecorded++;
  const statusKept = Boolean(chatOwnsStatus && action.status && toStatus(action.status) !== current);
  summary.changes.push(
    describeImportedUpdate(action.ref, action.latestUpdate, oldStatus, target, statusKept),
  );
}

/**
 * People the file names by email for a role hold it: found by address, or created known by it alone
 * (Slack and Teams find them by that address when a message must go out). Listed once each, when new.
 */
async function mapOwnerEmails(tx: Tx, action: PlanFileAction, summary: ImportSummary): Promise<void> {
  for (const { role: name, email } of action.ownerEmails ?? []) {
    const key = toRoleKey(name);
    const role = await tx.role.upsert({ where: { key }, create: { key, name: name.trim() }, update: {} });
    const person = await tx.person.upsert({
      where: { email },
      create: { displayName: email, email },
      update: {},
      select: { id: true },
    });
    const { count } = await tx.roleHolder.createMany({
      data: [{ roleId: role.id, personId: person.id }],
      skipDuplicates: true,
    });
    if (count > 0) summary.changes.push(`+ ${role.name}: held by ${email}`);
  }
}
