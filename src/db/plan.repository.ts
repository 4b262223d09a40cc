import { isUpdateCycle, type UpdateCycle } from '../domain/cycle.ts';
import type { PlanFile } from '../domain/plan-file.ts';
import type { PlanRepository } from '../domain/ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { DryRunRollback, importPlanIn } from './plan-import.ts';

/** Plans and their import in Prisma. */
export function createPlanRepository(prisma: PrismaClient): PlanRepository {
  return {
    async listPlans() {
      const [plans, overrides] = await Promise.all([
        prisma.plan.findMany({
          orderBy: { code: 'asc' },
          include: { _count: { select: { themes: true, actions: true } } },
        }),
        prisma.action.findMany({
          where: { updateCycle: { not: null } },
          distinct: ['planId', 'updateCycle'],
          select: { planId: true, updateCycle: true },
        }),
      ]);
      return plans.map((p) => ({
        code: p.code,
        title: p.title,
        period: p.period,
        timezone: p.timezone,
        updateCycle: p.updateCycle as PlanFile['updateCycle'],
        themeCount: p._count.themes,
        actionCount: p._count.actions,
        actionCycles: overrides
          .filter((o) => o.planId === p.id && o.updateCycle && isUpdateCycle(o.updateCycle))
          .map((o) => o.updateCycle as UpdateCycle),
      }));
    },

    async setUpdateCycle(code, cycle, actorId) {
      const [changed] = await prisma.$transaction([
        prisma.plan.updateMany({ where: { code }, data: { updateCycle: cycle } }),
        prisma.auditEvent.create({ data: { actorId, kind: 'plan.cycle', subject: code, detail: { cycle } } }),
      ]);
      if (changed.count === 0) throw new Error(`no plan ${code}`);
    },

    async setActionCycle(code, ref, cycle, actorId) {
      const [changed] = await prisma.$transaction([
        prisma.action.updateMany({ where: { ref, plan: { code } }, data: { updateCycle: cycle } }),
        prisma.auditEvent.create({
          data: {
            actorId,
            kind: 'action.cycle',
            subject: `${code}:${ref}`,
            detail: { cycle: cycle ?? 'plan' },
          },
        }),
      ]);
      if (changed.count === 0) throw new Error(`no action ${code}:${ref}`);
    },

    async importPlan(file, actorId, options = {}) {
      try {
        // A large plan is hundreds of statements; on the embedded engine that takes seconds.
        return await prisma.$transaction((tx) => importPlanIn(tx, file, actorId, options), {
          timeout: 120_000,
          maxWait: 30_000,
        });
      } catch (error) {
        // A dry run ends by throwing its summary, so the transaction rolls back everything it wrote.
        if (error instanceof DryRunRollback) return error.summary;
        throw error;
      }
    },
  };
}
