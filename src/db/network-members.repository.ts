import type { NetworkRepository } from '../domain/feedback-ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { type FeedbackSecrets, requireSecrets } from './feedback-secrets.ts';

/** The member list part of a NetworkRepository: identities kept only as keyed hashes. */
export type NetworkMemberList = Pick<NetworkRepository, 'changeMembers' | 'isListedMember'>;

/** Admin-kept member lists in Prisma, each identity hashed with the feedback secret before it is stored. */
export function createNetworkMemberList(
  prisma: PrismaClient,
  secrets: FeedbackSecrets | null,
): NetworkMemberList {
  return {
    async changeMembers(networkId, who, mode) {
      const hashes = who.map((w) => requireSecrets(secrets).hashMember(w.platform, w.externalId));
      if (mode === 'add')
        await prisma.networkMember.createMany({
          data: hashes.map((memberHash) => ({ networkId, memberHash })),
          skipDuplicates: true,
        });
      else await prisma.networkMember.deleteMany({ where: { networkId, memberHash: { in: hashes } } });
      return prisma.networkMember.count({ where: { networkId } });
    },
    async isListedMember(networkId, who) {
      const memberHash = requireSecrets(secrets).hashMember(who.platform, who.externalId);
      const row = await prisma.networkMember.findUnique({
        where: { networkId_memberHash: { networkId, memberHash } },
        select: { networkId: true },
      });
      return Boolean(row);
    },
  };
}
