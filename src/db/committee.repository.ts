import type { CommitteeRepository } from '../domain/ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { toDate, toDay } from './day-column.ts';
import { isUniqueViolation } from './errors.ts';

/** Committee meetings in Prisma: one row per plan and day. */
export function createCommitteeRepository(prisma: PrismaClient): CommitteeRepository {
  return {
    async recordMeeting(planCode, day, actorId) {
      const plan = await prisma.plan.findUniqueOrThrow({ where: { code: planCode }, select: { id: true } });
      const heldOn = toDate(day);
      const known = await prisma.committeeMeeting.findUnique({
        where: { planId_heldOn: { planId: plan.id, heldOn } },
        select: { id: true },
      });
      if (known) return 'exists';
      try {
        // Two admins recording the same day at once: the unique key keeps one.
        await prisma.$transaction([
          prisma.committeeMeeting.create({ data: { planId: plan.id, heldOn, actorId } }),
          prisma.auditEvent.create({
            data: { actorId, kind: 'committee.record', subject: planCode, detail: { day } },
          }),
        ]);
        return 'recorded';
      } catch (error) {
        if (isUniqueViolation(error)) return 'exists';
        throw error;
      }
    },

    async findLastMeeting(planCode, onOrBefore) {
      const found = await prisma.committeeMeeting.findFirst({
        where: { plan: { code: planCode }, heldOn: { lte: toDate(onOrBefore) } },
        orderBy: { heldOn: 'desc' },
        select: { heldOn: true },
      });
      return found ? toDay(found.heldOn) : null;
    },
  };
}
