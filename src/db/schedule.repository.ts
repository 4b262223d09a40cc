import type { Platform } from '../domain/person.ts';
import type { DeliveryTarget, ScheduleRepository } from '../domain/ports.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { toProgressUpdate } from './action.mapper.ts';
import { isUniqueViolation } from './errors.ts';

const isChatPlatform = (platform: string): platform is Extract<Platform, 'slack' | 'teams'> =>
  platform === 'slack' || platform === 'teams';

/** Job runs, deliveries and digest subscriptions in Prisma. */
export function createScheduleRepository(prisma: PrismaClient): ScheduleRepository {
  return {
    async claimRun(key, now, leaseMs) {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      try {
        await prisma.jobRun.create({ data: { key, leaseUntil } });
        return 'claimed';
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      // Someone ran or is running this slot: take it over only if it is unfinished and its lease lapsed
      // (the replica running it died). The conditional update lets exactly one replica win.
      const taken = await prisma.jobRun.updateMany({
        where: { key, finishedAt: null, leaseUntil: { lt: now } },
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

    async finishRun(key, now) {
      await prisma.jobRun.update({ where: { key }, data: { finishedAt: now } });
    },

    async listOpenRuns(prefix, now) {
      const runs = await prisma.jobRun.findMany({
        where: { key: { startsWith: prefix }, finishedAt: null, leaseUntil: { lt: now } },
        select: { key: true },
        orderBy: { createdAt: 'asc' },
      });
      return runs.map((r) => r.key);
    },

    async isRunFinished(key) {
      const run = await prisma.jobRun.findUnique({ where: { key }, select: { finishedAt: true } });
      return Boolean(run?.finishedAt);
    },

    async enqueue(runKey, deliveries) {
      if (deliveries.length === 0) return;
      await prisma.delivery.createMany({
        data: deliveries.map((d) => ({
          runKey,
          recipient: d.recipient,
          platform: d.target?.platform ?? 'none',
          targetKind: d.target?.kind ?? 'person',
          targetId: d.target?.id ?? '',
          message: d.message as Prisma.InputJsonValue,
          status: d.target ? 'pending' : 'unreachable',
        })),
        skipDuplicates: true,
      });
    },

    async listPending(runKey, now) {
      const rows = await prisma.delivery.findMany({
        where: { runKey, status: 'pending', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
        orderBy: { recipient: 'asc' },
      });
      return rows.map((r) => ({
        id: r.id,
        recipient: r.recipient,
        attempts: r.attempts,
        progress: { partsSent: r.partsSent, threadId: r.threadId },
        message: r.message,
        target: {
          platform: r.platform as DeliveryTarget['platform'],
          kind: r.targetKind as DeliveryTarget['kind'],
          id: r.targetId,
        },
      }));
    },

    async markSent(id, now) {
      await prisma.delivery.update({
        where: { id },
        data: { status: 'sent', sentAt: now, attempts: { increment: 1 } },
      });
    },

    async markProgress(id, progress) {
      await prisma.delivery.update({
        where: { id },
        data: { partsSent: progress.partsSent, threadId: progress.threadId },
      });
    },

    async markRetry(id, nextAttemptAt, error) {
      await prisma.delivery.update({
        where: { id },
        data: { nextAttemptAt, lastError: error.slice(0, 500), attempts: { increment: 1 } },
      });
    },

    async markFailed(id, error) {
      await prisma.delivery.update({
        where: { id },
        data: { status: 'failed', lastError: error.slice(0, 500), attempts: { increment: 1 } },
      });
    },

    async listUnreached(runKey) {
      const rows = await prisma.delivery.findMany({
        where: { runKey, status: { in: ['unreachable', 'failed'] } },
        select: { recipient: true },
        distinct: ['recipient'],
      });
      return rows.map((r) => r.recipient);
    },

    async listOwnerContacts() {
      const people = await prisma.person.findMany({
        where: { roles: { some: {} } },
        orderBy: { displayName: 'asc' },
        select: {
          id: true,
          displayName: true,
          roles: { select: { role: { select: { key: true } } } },
          identities: { select: { platform: true, externalId: true } },
        },
      });
      return people.map((p) => ({
        personId: p.id,
        displayName: p.displayName,
        roleKeys: p.roles.map((r) => r.role.key),
        identities: p.identities.flatMap((i) =>
          isChatPlatform(i.platform) ? [{ platform: i.platform, externalId: i.externalId }] : [],
        ),
      }));
    },

    async listUpdatesSince(since) {
      const rows = await prisma.progressUpdate.findMany({
        where: { createdAt: { gte: since } },
        orderBy: { seq: 'asc' },
        include: {
          author: true,
          action: { select: { ref: true, title: true, plan: { select: { code: true } } } },
        },
      });
      return rows.map((r) => ({
        ...toProgressUpdate(r),
        planCode: r.action.plan.code,
        ref: r.action.ref,
        title: r.action.title,
      }));
    },

    async subscribe(platform, channelId, name) {
      try {
        await prisma.digestSubscription.create({ data: { platform, channelId, name: name ?? null } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    async unsubscribe(platform, channelId) {
      return (await prisma.digestSubscription.deleteMany({ where: { platform, channelId } })).count > 0;
    },

    async listSubscriptions() {
      const rows = await prisma.digestSubscription.findMany({ orderBy: { createdAt: 'asc' } });
      return rows.map((r) => ({
        platform: r.platform as 'slack' | 'teams',
        channelId: r.channelId,
        name: r.name,
      }));
    },
  };
}
