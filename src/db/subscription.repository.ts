import type { SubscriptionRepository } from '../domain/schedule-ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { isUniqueViolation } from './errors.ts';

/** Digest subscriptions in Prisma. */
export function createSubscriptionRepository(prisma: PrismaClient): SubscriptionRepository {
  return {
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
