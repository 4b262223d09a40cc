import type { JobRunRepository } from '../domain/schedule-ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { isUniqueViolation } from './errors.ts';

/** Job runs and their leases in Prisma. */
export function createJobRunRepository(prisma: PrismaClient): JobRunRepository {
  const nobodyHolds = (now: Date) => ({ OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] });
  return {
    async claimRun(key, now, leaseMs) {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      try {
        await prisma.jobRun.create({ data: { key, leaseUntil } });
        return 'claimed';
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      // Someone ran or is running this slot: take it over only if it is unfinished and nobody holds it
      // (never claimed, released, or its replica died). The conditional update lets exactly one replica win.
      const taken = await prisma.jobRun.updateMany({
        where: { key, finishedAt: null, ...nobodyHolds(now) },
        data: { leaseUntil },
      });
      if (taken.count === 1) return 'claimed';
      return (await this.isRunFinished(key)) ? 'finished' : 'taken';
    },

    async renewRun(key, heldUntil, until) {
      const renewed = await prisma.jobRun.updateMany({
        where: { key, finishedAt: null, leaseUntil: heldUntil },
        data: { leaseUntil: until },
      });
      return renewed.count === 1;
    },

    async releaseRun(key, heldUntil) {
      await prisma.jobRun.updateMany({
        where: { key, finishedAt: null, leaseUntil: heldUntil },
        data: { leaseUntil: null },
      });
    },

    async releaseAllRuns() {
      const released = await prisma.jobRun.updateMany({
        where: { finishedAt: null, leaseUntil: { not: null } },
        data: { leaseUntil: null },
      });
      return released.count;
    },

    async finishRun(key, now) {
      await prisma.jobRun.update({ where: { key }, data: { finishedAt: now } });
    },

    async listOpenRuns(prefix, now) {
      const runs = await prisma.jobRun.findMany({
        where: { key: { startsWith: prefix }, finishedAt: null, ...nobodyHolds(now) },
        select: { key: true },
        orderBy: { createdAt: 'asc' },
      });
      return runs.map((r) => r.key);
    },

    async isRunFinished(key) {
      const run = await prisma.jobRun.findUnique({ where: { key }, select: { finishedAt: true } });
      return Boolean(run?.finishedAt);
    },
  };
}
