import { type CheckbackRepository, emptyTallies } from '../domain/checkback.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { addComment, openTally, sealTally } from './checkback-sealed.ts';
import { toDate, toDay } from './day-column.ts';
import { lockSealed } from './feedback-sealed.ts';
import { type FeedbackSecrets, requireSecrets } from './feedback-secrets.ts';

/*
 * A check-back's answers are kept like pending feedback (feedback-sealed.ts): one row per network and
 * action, `{ answered, tallies }` sealed with the feedback secret, the answered hashes sorted (not in
 * the order they came), padded to whole slots, the row rewritten whole at each answer under the sealed
 * lock. An answer's transaction writes that row (and, with a comment, the network's sealed day) and
 * nothing else. README, "What a database copy shows".
 */

/** The job run that asks one network's members about one action, once. */
export const checkbackRunKey = (networkId: string, actionId: string) => `checkback:${networkId}:${actionId}`;

/** Check-backs in Prisma: sealed tallies, no answerer, no order. */
export function createCheckbackRepository(
  prisma: PrismaClient,
  secrets: FeedbackSecrets | null,
): CheckbackRepository {
  return {
    async open(actionId, day) {
      const action = await prisma.action.findUnique({
        where: { id: actionId },
        select: { id: true, themeId: true },
      });
      if (!action) return [];
      const tagged = await prisma.feedback.findMany({
        where: {
          status: 'released',
          OR: [
            { actionIds: { has: action.id } },
            ...(action.themeId ? [{ themeIds: { has: action.themeId } }] : []),
          ],
        },
        select: { networkId: true },
        distinct: ['networkId'],
      });
      if (tagged.length === 0) return [];
      const keys = requireSecrets(secrets);
      return prisma.$transaction(async (tx) => {
        await lockSealed(tx);
        const asked = new Set(
          (
            await tx.checkbackTally.findMany({ where: { actionId: action.id }, select: { networkId: true } })
          ).map((r) => r.networkId),
        );
        const fresh = tagged.map((t) => t.networkId).filter((id) => !asked.has(id));
        if (fresh.length === 0) return [];
        await tx.checkbackTally.createMany({
          data: fresh.map((networkId) => ({
            networkId,
            actionId: action.id,
            askedOn: toDate(day),
            sealed: sealTally(keys, networkId, action.id, { answered: [], tallies: emptyTallies() }),
          })),
        });
        // Unclaimed runs: the scheduler's next tick asks the members, once (runSlot).
        await tx.jobRun.createMany({
          data: fresh.map((networkId) => ({ key: checkbackRunKey(networkId, action.id), leaseUntil: null })),
          skipDuplicates: true,
        });
        const networks = await tx.staffNetwork.findMany({
          where: { id: { in: fresh } },
          select: { name: true },
          orderBy: { name: 'asc' },
        });
        return networks.map((n) => n.name);
      });
    },

    async listUnopened(since) {
      const rows = await prisma.progressUpdate.findMany({
        where: { newStatus: 'COMPLETE', createdAt: { gte: since }, action: { status: 'COMPLETE' } },
        orderBy: { createdAt: 'desc' },
        distinct: ['actionId'],
        select: {
          actionId: true,
          createdAt: true,
          action: { select: { themeId: true, plan: { select: { timezone: true } } } },
        },
      });
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.actionId);
      const themeIds = rows.flatMap((r) => r.action.themeId ?? []);
      const [opened, tagged] = await Promise.all([
        prisma.checkbackTally.findMany({ where: { actionId: { in: ids } }, select: { actionId: true } }),
        prisma.feedback.findMany({
          where: {
            status: 'released',
            OR: [{ actionIds: { hasSome: ids } }, { themeIds: { hasSome: themeIds } }],
          },
          select: { actionIds: true, themeIds: true },
        }),
      ]);
      const done = new Set(opened.map((o) => o.actionId));
      const taggedIds = new Set(tagged.flatMap((f) => [...f.actionIds, ...f.themeIds]));
      return rows
        .filter((r) => !done.has(r.actionId))
        .filter((r) => taggedIds.has(r.actionId) || (r.action.themeId && taggedIds.has(r.action.themeId)))
        .map((r) => ({ actionId: r.actionId, completedAt: r.createdAt, timezone: r.action.plan.timezone }));
    },

    async listAsked(actionId) {
      const rows = await prisma.checkbackTally.findMany({ where: { actionId }, select: { networkId: true } });
      const networks = await prisma.staffNetwork.findMany({
        where: { id: { in: rows.map((r) => r.networkId) } },
        select: { id: true, name: true },
        orderBy: { name: 'asc' },
      });
      return networks.map((n) => ({ networkId: n.id, networkName: n.name }));
    },

    async answer(answer) {
      const keys = requireSecrets(secrets);
      const hash = keys.hashAnswerer(answer.who.platform, answer.who.externalId, answer.actionId);
      const receipt = answer.comment ? keys.newReceipt() : null;
      const receiptHash = receipt ? await keys.hashReceipt(receipt) : null;
      return prisma.$transaction(async (tx) => {
        await lockSealed(tx);
        const rows = await tx.checkbackTally.findMany({ where: { actionId: answer.actionId } });
        if (rows.length === 0) return { ok: false, code: 'none' } as const;
        const opened = rows.map((r) => ({
          row: r,
          value: openTally(keys, r.networkId, r.actionId, r.sealed),
        }));
        if (opened.some((o) => o.value.answered.includes(hash)))
          return { ok: false, code: 'answered' } as const;
        const target = opened.find((o) => answer.networkIds.includes(o.row.networkId));
        if (!target) return { ok: false, code: 'not-member' } as const;
        const { networkId, actionId } = target.row;
        const tallies = { ...target.value.tallies, [answer.answer]: target.value.tallies[answer.answer] + 1 };
        const sealed = sealTally(keys, networkId, actionId, {
          answered: [...target.value.answered, hash],
          tallies,
        });
        await tx.checkbackTally.update({
          where: { networkId_actionId: { networkId, actionId } },
          data: { sealed },
        });
        const code =
          answer.comment && receiptHash
            ? await addComment(tx, keys, {
                networkId,
                actionId,
                day: answer.day,
                text: answer.comment,
                receiptHash,
              })
            : null;
        const network = await tx.staffNetwork.findUnique({
          where: { id: networkId },
          select: { name: true },
        });
        return { ok: true, network: network?.name ?? '', receipt, code } as const;
      });
    },

    async listResults(actionIds) {
      const rows = await prisma.checkbackTally.findMany({
        where: actionIds ? { actionId: { in: actionIds } } : {},
        orderBy: [{ askedOn: 'asc' }, { actionId: 'asc' }, { networkId: 'asc' }],
      });
      if (rows.length === 0) return [];
      const keys = requireSecrets(secrets);
      const networks = await prisma.staffNetwork.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.networkId))] } },
        select: { id: true, name: true, threshold: true },
      });
      const byId = new Map(networks.map((n) => [n.id, n]));
      return rows.flatMap((r) => {
        const network = byId.get(r.networkId);
        if (!network) return [];
        const { tallies } = openTally(keys, r.networkId, r.actionId, r.sealed);
        return [
          {
            actionId: r.actionId,
            networkName: network.name,
            threshold: network.threshold,
            askedOn: toDay(r.askedOn),
            tallies,
          },
        ];
      });
    },
  };
}
