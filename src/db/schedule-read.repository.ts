import type { Platform } from '../domain/person.ts';
import type { ScheduleReadModel } from '../domain/schedule-ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { toProgressUpdate } from './action.mapper.ts';

const isChatPlatform = (platform: string): platform is Extract<Platform, 'slack' | 'teams'> =>
  platform === 'slack' || platform === 'teams';

/** What prompts, reminders and the digest read, in Prisma. */
export function createScheduleReadModel(prisma: PrismaClient): ScheduleReadModel {
  return {
    async listOwnerContacts() {
      const people = await prisma.person.findMany({
        where: { roles: { some: {} } },
        orderBy: { displayName: 'asc' },
        select: {
          id: true,
          displayName: true,
          email: true,
          roles: { select: { role: { select: { key: true } } } },
          identities: { select: { platform: true, externalId: true } },
        },
      });
      return people.map((p) => ({
        personId: p.id,
        displayName: p.displayName,
        email: p.email,
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
  };
}
