import type { PlanFile } from '../domain/plan-file.ts';
import type { PlanRepository } from '../domain/ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { DryRunRollback, importPlanIn } from './plan-import.ts';

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

    async setUpdateCycle(code, cycle, actorId) {
      const [changed] = await prisma.$transaction([
        prisma.plan.updateMany({ where: { code }, data: { updateCycle: cycle } }),
        prisma.auditEvent.create({ data: { actorId, kind: 'plan.cycle', subject: code, detail: { cycle } } }),
      ]);
      if (changed.count === 0) throw new Error(`no plan ${code}`);
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
