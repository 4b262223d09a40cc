import { readStoredReply } from '../domain/message.ts';
import type { DeliveryTarget, NewDelivery, Outbox } from '../domain/schedule-ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { toRow } from './delivery-row.ts';
import { isUniqueViolation } from './errors.ts';
import { type FeedbackSecrets, requireSecrets } from './feedback-secrets.ts';
import { createHeldOutbox } from './outbox-held.ts';

/** Why a stored message could not be sent: it is not a reply this version can read. */
const UNREADABLE = 'stored message is not a reply this version can read';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The outbox (`deliveries`, one row a message, under its job run) in Prisma. A staff-network member's
 * target (a check-back's ask) is stored sealed with the feedback secret and its recipient as a keyed
 * hash: a database copy does not say who is in a network.
 */
export function createOutbox(prisma: PrismaClient, secrets: FeedbackSecrets | null = null): Outbox {
  const member = {
    seal: (runKey: string, d: NewDelivery): NewDelivery => {
      if (d.target?.kind !== 'member') return d;
      const keys = requireSecrets(secrets);
      const id = keys.seal(`delivery-member:${runKey}`, Buffer.from(d.target.id)).toString('base64');
      return {
        ...d,
        recipient: `member:${keys.hashMember(d.target.platform, d.target.id)}`,
        target: { ...d.target, id },
      };
    },
    open: (runKey: string, kind: string, id: string) =>
      kind === 'member'
        ? requireSecrets(secrets).open(`delivery-member:${runKey}`, Buffer.from(id, 'base64')).toString()
        : id,
  };
  return {
    ...createHeldOutbox(prisma),
    async enqueue(runKey, deliveries) {
      if (deliveries.length === 0) return;
      await prisma.delivery.createMany({
        data: deliveries.map((d) => ({ runKey, ...toRow(member.seal(runKey, d)) })),
        skipDuplicates: true,
      });
    },

    async post(key, delivery) {
      if (!key.startsWith('post:')) throw new Error(`a one-off post's key starts with post: (${key})`);
      try {
        await prisma.jobRun.create({
          data: { key, leaseUntil: null, deliveries: { create: [toRow(delivery)] } },
        });
        return true;
      } catch (error) {
        // The run exists (posted before, or by another replica at the same moment): post nothing again.
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    async listSent(runKey) {
      const rows = await prisma.delivery.findMany({
        where: { runKey, status: 'sent' },
        orderBy: { recipient: 'asc' },
        select: { recipient: true, sentAt: true },
      });
      return rows.flatMap((r) => (r.sentAt ? [{ recipient: r.recipient, sentAt: r.sentAt }] : []));
    },

    async listPending(runKey, now) {
      const rows = await prisma.delivery.findMany({
        where: { runKey, status: 'pending', OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: now } }] },
        orderBy: { recipient: 'asc' },
      });
      const pending = [];
      for (const r of rows) {
        const message = readStoredReply(r.message);
        if (!message) {
          await this.markFailed(r.id, UNREADABLE);
          continue;
        }
        pending.push({
          id: r.id,
          recipient: r.recipient,
          attempts: r.attempts,
          progress: { partsSent: r.partsSent, threadId: r.threadId },
          attemptedAt: r.attemptedAt,
          message,
          target: {
            platform: r.platform as DeliveryTarget['platform'],
            kind: r.targetKind as DeliveryTarget['kind'],
            id: member.open(runKey, r.targetKind, r.targetId),
          },
        });
      }
      return pending;
    },

    async hasPending(runKey) {
      return (await prisma.delivery.count({ where: { runKey, status: 'pending' } })) > 0;
    },

    async markAttempt(id, at) {
      await prisma.delivery.update({ where: { id }, data: { attemptedAt: at } });
    },

    async markProgress(id, progress, posted) {
      const part = progress.partsSent - 1;
      await prisma.delivery.update({
        where: { id },
        data: {
          partsSent: progress.partsSent,
          threadId: progress.threadId,
          attemptedAt: null,
          // Where the part landed, in the same write: a prompt found by its message can be updated in place.
          ...(posted && {
            posted: {
              upsert: {
                where: { deliveryId_part: { deliveryId: id, part } },
                create: {
                  part,
                  platform: posted.platform,
                  channel: posted.channel,
                  messageId: posted.messageId,
                },
                update: { channel: posted.channel, messageId: posted.messageId },
              },
            },
          }),
        },
      });
    },

    async findDelivery(id) {
      if (!UUID.test(id)) return null; // not an id we gave out: the column would refuse it
      const row = await prisma.delivery.findUnique({ where: { id } });
      const message = row && readStoredReply(row.message);
      if (!row || !message || row.platform === 'none') return null;
      const target = {
        platform: row.platform as DeliveryTarget['platform'],
        kind: row.targetKind as DeliveryTarget['kind'],
        id: member.open(row.runKey, row.targetKind, row.targetId),
      };
      return { message, target };
    },

    async findPostedPart(platform, channel, messageId) {
      const row = await prisma.postedPart.findUnique({
        where: { platform_channel_messageId: { platform, channel, messageId } },
        include: { delivery: { select: { message: true } } },
      });
      const message = row && readStoredReply(row.delivery.message);
      return row && message ? { deliveryId: row.deliveryId, part: row.part, message } : null;
    },

    async markSent(id, now) {
      await prisma.delivery.update({
        where: { id },
        data: { status: 'sent', sentAt: now, attemptedAt: null, attempts: { increment: 1 } },
      });
    },

    async markRetry(id, nextAttemptAt, error, mayHaveGone) {
      await prisma.delivery.update({
        where: { id },
        data: {
          nextAttemptAt,
          lastError: error.slice(0, 500),
          attempts: { increment: 1 },
          ...(mayHaveGone ? {} : { attemptedAt: null }),
        },
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
        select: { recipient: true, status: true, lastError: true },
        distinct: ['recipient'],
      });
      return rows.map((r) => ({
        recipient: r.recipient,
        reason: r.status === 'unreachable' ? null : (r.lastError ?? null),
      }));
    },
  };
}
