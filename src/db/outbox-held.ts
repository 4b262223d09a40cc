import { readStoredReply } from '../domain/message.ts';
import type { DeliveryTarget, Outbox } from '../domain/schedule-ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { toRow } from './delivery-row.ts';
import { isUniqueViolation } from './errors.ts';

/** Thrown inside releaseHeld's transaction to undo it: some message was no longer held. */
class NoLongerHeld extends Error {}

function toTarget(r: { platform: string; targetKind: string; targetId: string }): DeliveryTarget | null {
  if (r.platform === 'none') return null;
  return {
    platform: r.platform as DeliveryTarget['platform'],
    kind: r.targetKind as DeliveryTarget['kind'],
    id: r.targetId,
  };
}

/** The outbox's messages held for people who are away (status `held`), and their release. */
export function createHeldOutbox(prisma: PrismaClient): Pick<Outbox, 'listHeld' | 'releaseHeld'> {
  return {
    async listHeld() {
      const rows = await prisma.delivery.findMany({
        where: { status: 'held' },
        orderBy: { run: { createdAt: 'asc' } },
        select: {
          id: true,
          recipient: true,
          message: true,
          platform: true,
          targetKind: true,
          targetId: true,
        },
      });
      return rows.flatMap((r) => {
        const message = readStoredReply(r.message);
        return message ? [{ id: r.id, recipient: r.recipient, target: toTarget(r), message }] : [];
      });
    },

    async releaseHeld(ids, key, delivery) {
      if (!key.startsWith('post:')) throw new Error(`a released message's key starts with post: (${key})`);
      try {
        return await prisma.$transaction(async (tx) => {
          // Conditional on still being held: of two replicas releasing at once, one finds them gone.
          const { count } = await tx.delivery.updateMany({
            where: { id: { in: [...ids] }, status: 'held' },
            data: { status: 'released' },
          });
          if (count !== ids.length) throw new NoLongerHeld();
          await tx.jobRun.create({
            data: { key, leaseUntil: null, deliveries: { create: [toRow(delivery)] } },
          });
          return true;
        });
      } catch (error) {
        if (error instanceof NoLongerHeld || isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}
