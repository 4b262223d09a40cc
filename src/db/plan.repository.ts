import { parseDue } from '../domain/due-date.ts';
import type { PlanFile, PlanFileAction } from '../domain/plan-file.ts';
import type { ImportSummary, PlanRepository } from '../domain/ports.ts';
import type { Status } from '../domain/status.ts';
import { toRoleKey } from '../domain/update-rules.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';

type Tx = Prisma.TransactionClient;

/** Plans and their import in Prisma. */
export function createPlanRepository(prisma: PrismaClient): PlanRepository {
  return {
    async listPlans() {
      const plans = await prisma.plan.findMany({
        orderBy: { code: 'asc' },
        include: { _count: { select: { themes: true, actions: true } } },
      });
      return plans.map((p) => ({
        code: p.code,
        title: p.title,
        period: p.period,
        timezone: p.timezone,
        updateCycle: p.updateCycle as PlanFile['updateCycle'],
        themeCount: p._count.themes,
        actionCount: p._count.actions,
      }));
    },

    importPlan: (file, actorId) =>
      // A large plan is hundreds of statements; on the embedded engine that takes seconds.
      prisma.$transaction((tx) => importPlanIn(tx, file, actorId), { timeout: 120_000, maxWait: 30_000 }),
  };
}

async function importPlanIn(tx: Tx, file: PlanFile, actorId: string | null): Promise<ImportSummary> {
  const fields = {
    title: file.title,
    period: file.period ?? null,
    timezone: file.timezone,
    updateCycle: file.updateCycle,
  };
  const existing = await tx.plan.findUnique({ where: { code: file.code }, select: { id: true } });
  const plan = existing
    ? await tx.plan.update({ where: { id: existing.id }, data: fields })
    : await tx.plan.create({ data: { code: file.code, ...fields } });
  const known = new Set(
    (await tx.action.findMany({ where: { planId: plan.id }, select: { ref: true } })).map((a) => a.ref),
  );
  const summary: ImportSummary = {
    planCode: file.code,
    created: !existing,
    themes: 0,
    actionsCreated: 0,
    actionsUpdated: 0,
  };
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
    summary.themes++;
    for (const action of theme.actions) {
      await upsertAction(tx, plan.id, themeId, action, position++);
      if (known.has(action.ref)) summary.actionsUpdated++;
      else summary.actionsCreated++;
    }
  }
  await tx.auditEvent.create({
    data: { actorId, kind: 'plan.import', subject: file.code, detail: summary },
  });
  return summary;
}

async function upsertAction(
  tx: Tx,
  planId: string,
  themeId: string,
  action: PlanFileAction,
  position: number,
) {
  const due = parseDue(action.due);
  const fields = {
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
  // The file's status is the starting point only: after that, chat updates own the status.
  const { id } = await tx.action.upsert({
    where: { planId_ref: { planId, ref: action.ref } },
    create: { planId, ref: action.ref, status: toStatus(action.status), ...fields },
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
}

function toStatus(word: PlanFileAction['status']): Status {
  return !word || word === 'not rated' ? 'NOT_RATED' : (word.toUpperCase() as Status);
}
