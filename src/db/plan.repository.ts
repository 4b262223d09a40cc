import { type CycleRule, formatStoredCycle, parseStoredCycle } from '../domain/cycle.ts';
import type { PlanRepository } from '../domain/ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { DryRunRollback, importPlanIn } from './plan-import.ts';

const DEFAULT_RULE: CycleRule = { cycle: 'quarterly', openDay: 1, deadlineDays: null };

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
      return plans.map((p) => {
        const rule = parseStoredCycle(p.updateCycle) ?? DEFAULT_RULE;
        return {
          code: p.code,
          title: p.title,
          period: p.period,
          timezone: p.timezone,
          updateCycle: rule.cycle,
          cycleOpenDay: rule.openDay,
          cycleDeadlineDays: rule.deadlineDays,
          themeCount: p._count.themes,
          actionCount: p._count.actions,
          escalationDays: p.escalationDays,
          actionCycles: overrides.flatMap((o) => {
            const own = o.planId === p.id && o.updateCycle ? parseStoredCycle(o.updateCycle) : null;
            return own ? [own] : [];
          }),
        };
      });
    },

    async setUpdateCycle(code, rule, actorId) {
      const cycle = formatStoredCycle(rule);
      const [changed] = await prisma.$transaction([
        prisma.plan.updateMany({ where: { code }, data: { updateCycle: cycle } }),
        prisma.auditEvent.create({ data: { actorId, kind: 'plan.cycle', subject: code, detail: { cycle } } }),
      ]);
      if (changed.count === 0) throw new Error(`no plan ${code}`);
    },

    async setActionCycle(code, ref, rule, actorId) {
      const cycle = rule ? formatStoredCycle(rule) : null;
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
