import type { StaffNetwork } from '../domain/feedback.ts';
import type { NetworkRepository } from '../domain/feedback-ports.ts';
import { toRoleKey } from '../domain/update-rules.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { toDay } from './day-column.ts';
import { isUniqueViolation } from './errors.ts';
import type { FeedbackSecrets } from './feedback-secrets.ts';
import { createNetworkMemberList } from './network-members.repository.ts';

type NetworkRow = {
  id: string;
  name: string;
  slackChannelId: string | null;
  teamsTeamId: string | null;
  releaseTime: string;
  timezone: string;
  threshold: number;
  lastReleaseOn: Date | null;
  signpostText: string | null;
  signpostUrl: string | null;
  respondWithinDays: number;
  _count: { members: number };
};
const networkSelect = {
  id: true,
  name: true,
  slackChannelId: true,
  teamsTeamId: true,
  releaseTime: true,
  timezone: true,
  threshold: true,
  lastReleaseOn: true,
  signpostText: true,
  signpostUrl: true,
  respondWithinDays: true,
  _count: { select: { members: true } },
} as const;

function toNetwork(row: NetworkRow): StaffNetwork {
  const { _count, lastReleaseOn, signpostText, signpostUrl, ...rest } = row;
  return {
    ...rest,
    lastReleaseOn: lastReleaseOn && toDay(lastReleaseOn),
    listedMembers: _count.members,
    signpost: signpostText && signpostUrl ? { text: signpostText, url: signpostUrl } : null,
  };
}

/** Staff networks, moderators and hashed member lists in Prisma; `secrets` null: no network can be made. */
export function createNetworkRepository(
  prisma: PrismaClient,
  secrets: FeedbackSecrets | null,
): NetworkRepository {
  return {
    async createNetwork(name) {
      if (!secrets) return { ok: false, code: 'no_secret' };
      try {
        const row = await prisma.staffNetwork.create({
          data: { name: name.trim().replace(/\s+/g, ' '), key: toRoleKey(name) },
          select: networkSelect,
        });
        return { ok: true, network: toNetwork(row) };
      } catch (error) {
        if (isUniqueViolation(error)) return { ok: false, code: 'exists' };
        throw error;
      }
    },
    async findNetwork(name) {
      const row = await prisma.staffNetwork.findUnique({
        where: { key: toRoleKey(name) },
        select: networkSelect,
      });
      return row && toNetwork(row);
    },
    async listNetworks() {
      const rows = await prisma.staffNetwork.findMany({
        orderBy: { key: 'asc' },
        select: { ...networkSelect, moderators: { select: { person: { select: { displayName: true } } } } },
      });
      return rows.map(({ moderators, ...row }) => ({
        ...toNetwork(row),
        moderators: moderators.map((m) => m.person.displayName).sort(),
      }));
    },
    async link(networkId, platform, conversationId) {
      await prisma.staffNetwork.update({
        where: { id: networkId },
        data: platform === 'slack' ? { slackChannelId: conversationId } : { teamsTeamId: conversationId },
      });
    },
    async setRelease(networkId, { releaseTime, threshold }) {
      await prisma.staffNetwork.update({
        where: { id: networkId },
        data: { ...(releaseTime ? { releaseTime } : {}), ...(threshold ? { threshold } : {}) },
      });
    },
    async setSignpost(networkId, signpost) {
      await prisma.staffNetwork.update({
        where: { id: networkId },
        data: { signpostText: signpost?.text ?? null, signpostUrl: signpost?.url ?? null },
      });
    },
    async setRespondWithin(networkId, days) {
      await prisma.staffNetwork.update({ where: { id: networkId }, data: { respondWithinDays: days } });
    },
    async changeModerators(networkId, personIds, mode) {
      if (mode === 'add')
        await prisma.networkModerator.createMany({
          data: personIds.map((personId) => ({ networkId, personId })),
          skipDuplicates: true,
        });
      else await prisma.networkModerator.deleteMany({ where: { networkId, personId: { in: personIds } } });
    },
    ...createNetworkMemberList(prisma, secrets),
    async listModeratedBy(personId) {
      const rows = await prisma.staffNetwork.findMany({
        where: { moderators: { some: { personId } } },
        orderBy: { key: 'asc' },
        select: networkSelect,
      });
      return rows.map(toNetwork);
    },
  };
}
