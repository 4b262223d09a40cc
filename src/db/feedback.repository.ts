import type { FeedbackStatus, StaffNetwork } from '../domain/feedback.ts';
import type { FeedbackRepository, NetworkRepository, StoredFeedback } from '../domain/feedback-ports.ts';
import { toRoleKey } from '../domain/update-rules.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { isUniqueViolation } from './errors.ts';
import type { FeedbackSecrets } from './feedback-secrets.ts';

const REDACTED = '[redacted]';

/** A YYYY-MM-DD day as the DATE column wants it, and back. */
const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

type NetworkRow = {
  id: string;
  name: string;
  slackChannelId: string | null;
  teamsTeamId: string | null;
  releaseTime: string;
  timezone: string;
  threshold: number;
  lastReleaseOn: Date | null;
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
  _count: { select: { members: true } },
} as const;

function toNetwork(row: NetworkRow): StaffNetwork {
  const { _count, lastReleaseOn, ...rest } = row;
  return { ...rest, lastReleaseOn: lastReleaseOn && toDay(lastReleaseOn), listedMembers: _count.members };
}

/**
 * The keys, or a clear failure: reached only if another replica, one with the secret, set up a network
 * after this one started without it (start-up refuses a database with networks and no secret).
 */
function requireSecrets(secrets: FeedbackSecrets | null): FeedbackSecrets {
  if (!secrets)
    throw new Error('ACTIONBOT_FEEDBACK_SECRET is not set: feedback hashes cannot be made or checked');
  return secrets;
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
    async changeModerators(networkId, personIds, mode) {
      if (mode === 'add')
        await prisma.networkModerator.createMany({
          data: personIds.map((personId) => ({ networkId, personId })),
          skipDuplicates: true,
        });
      else await prisma.networkModerator.deleteMany({ where: { networkId, personId: { in: personIds } } });
    },
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

const feedbackInclude = {
  network: { select: { name: true } },
  replies: {
    orderBy: [{ day: 'asc' }, { id: 'asc' }],
    include: { author: { select: { displayName: true } } },
  },
} satisfies Prisma.FeedbackInclude;

/** Anonymous submissions in Prisma: no submitter, no time of day, receipts only as hashes. */
export function createFeedbackRepository(
  prisma: PrismaClient,
  secrets: FeedbackSecrets | null,
): FeedbackRepository {
  type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>;
  const findRow = (where: { code: string } | { receiptHash: string }) =>
    prisma.feedback.findUnique({ where, include: feedbackInclude });

  async function present(rows: Row[]): Promise<StoredFeedback[]> {
    const actionIds = [...new Set(rows.flatMap((r) => r.actionIds))];
    const themeIds = [...new Set(rows.flatMap((r) => r.themeIds))];
    const [actions, themes] = await Promise.all([
      prisma.action.findMany({
        where: { id: { in: actionIds } },
        select: {
          id: true,
          ref: true,
          plan: { select: { code: true } },
          theme: { select: { id: true, title: true } },
        },
      }),
      prisma.theme.findMany({ where: { id: { in: themeIds } }, select: { id: true, title: true } }),
    ]);
    const actionById = new Map(actions.map((a) => [a.id, a]));
    const themeById = new Map(themes.map((t) => [t.id, t.title]));
    return rows.map((r): StoredFeedback => {
      const tagged = r.actionIds.flatMap((id) => actionById.get(id) ?? []);
      const themeTitles = [
        ...r.themeIds.flatMap((id) => themeById.get(id) ?? []),
        ...tagged.flatMap((a) => (a.theme ? [a.theme.title] : [])),
      ];
      return {
        id: r.id,
        code: r.code,
        networkId: r.networkId,
        actionIds: r.actionIds,
        networkName: r.network.name,
        text: r.text,
        actionRefs: tagged.map((a) => `${a.plan.code}:${a.ref}`),
        themes: [...new Set(themeTitles)],
        day: toDay(r.day),
        status: r.status as FeedbackStatus,
        rejectReason: r.rejectReason,
        redacted: r.redacted,
        releasedOn: r.releasedOn && toDay(r.releasedOn),
        replies: r.replies.map((reply) => ({
          text: reply.text,
          day: toDay(reply.day),
          author: reply.author?.displayName ?? 'someone who has left',
        })),
      };
    });
  }
  const presentOne = async (row: Row | null): Promise<StoredFeedback | null> =>
    row ? ((await present([row]))[0] ?? null) : null;

  return {
    async listTagTargets() {
      const [actions, themes] = await Promise.all([
        prisma.action.findMany({
          orderBy: [{ plan: { code: 'asc' } }, { position: 'asc' }],
          select: { id: true, ref: true, title: true, themeId: true, plan: { select: { code: true } } },
        }),
        prisma.theme.findMany({
          orderBy: [{ plan: { code: 'asc' } }, { position: 'asc' }],
          select: { id: true, ref: true, title: true, plan: { select: { code: true } } },
        }),
      ]);
      return {
        actions: actions.map(({ plan, ...a }) => ({ ...a, planCode: plan.code })),
        themes: themes.map(({ plan, ...t }) => ({ ...t, planCode: plan.code })),
      };
    },

    async submit(feedback) {
      const receipt = requireSecrets(secrets).newReceipt();
      const receiptHash = await requireSecrets(secrets).hashReceipt(receipt);
      for (let attempt = 0; ; attempt++) {
        const code = requireSecrets(secrets).newCode();
        try {
          // Only these columns: no submitter, no time of day (a DATE), nothing from the request.
          await prisma.feedback.create({
            data: {
              code,
              networkId: feedback.networkId,
              text: feedback.text,
              actionIds: feedback.actionIds,
              themeIds: feedback.themeIds,
              day: toDate(feedback.day),
              receiptHash,
            },
            select: { id: true },
          });
          return { code, receipt };
        } catch (error) {
          if (!isUniqueViolation(error) || attempt >= 5) throw error;
        }
      }
    },

    async findByReceipt(receipt) {
      return presentOne(await findRow({ receiptHash: await requireSecrets(secrets).hashReceipt(receipt) }));
    },

    async withdraw(receipt) {
      const receiptHash = await requireSecrets(secrets).hashReceipt(receipt);
      const { count } = await prisma.feedback.deleteMany({ where: { receiptHash } });
      return count > 0;
    },

    async findByCode(code) {
      return presentOne(await findRow({ code: code.toUpperCase() }));
    },

    async listQueue(networkIds) {
      const rows = await prisma.feedback.findMany({
        where: { networkId: { in: networkIds }, status: 'pending' },
        // Oldest day first; within a day by code (random), never by insertion order.
        orderBy: [{ day: 'asc' }, { code: 'asc' }],
        include: feedbackInclude,
      });
      return present(rows);
    },

    async moderate(code, decision, moderatorId, day) {
      const row = await prisma.feedback.findUnique({
        where: { code: code.toUpperCase() },
        select: { id: true, status: true, text: true },
      });
      if (!row) return 'not_found';
      const moderated = { moderatorId, moderatedOn: toDate(day) };
      if (decision.kind === 'redact') {
        if (row.status !== 'pending' && row.status !== 'approved') return 'not_pending';
        if (!row.text.includes(decision.part)) return 'not_in_text';
        const text = row.text.split(decision.part).join(REDACTED);
        const { count } = await prisma.feedback.updateMany({
          where: { id: row.id, text: row.text },
          data: { text, redacted: true, ...moderated },
        });
        return count ? 'done' : 'not_pending';
      }
      const { count } = await prisma.feedback.updateMany({
        where: { id: row.id, status: 'pending' },
        data:
          decision.kind === 'approve'
            ? { status: 'approved', ...moderated }
            : { status: 'rejected', rejectReason: decision.reason, ...moderated },
      });
      return count ? 'done' : 'not_pending';
    },

    async listReleasedFor(actionId, themeId) {
      const rows = await prisma.feedback.findMany({
        where: {
          status: 'released',
          OR: [{ actionIds: { has: actionId } }, ...(themeId ? [{ themeIds: { has: themeId } }] : [])],
        },
        orderBy: [{ releasedOn: 'desc' }, { code: 'asc' }],
        include: feedbackInclude,
      });
      return present(rows);
    },

    async addReply(feedbackId, authorId, text, day) {
      await prisma.feedbackReply.create({ data: { feedbackId, authorId, text, day: toDate(day) } });
    },

    async releaseBatch(networkId, today, threshold) {
      return prisma.$transaction(async (tx) => {
        const claimed = await tx.staffNetwork.updateMany({
          where: { id: networkId, OR: [{ lastReleaseOn: null }, { lastReleaseOn: { lt: toDate(today) } }] },
          data: { lastReleaseOn: toDate(today) },
        });
        if (claimed.count === 0) return { claimed: false, released: 0 };
        const waiting = await tx.feedback.count({ where: { networkId, status: 'approved' } });
        if (waiting < threshold) return { claimed: true, released: 0 };
        const { count } = await tx.feedback.updateMany({
          where: { networkId, status: 'approved' },
          data: { status: 'released', releasedOn: toDate(today) },
        });
        return { claimed: true, released: count };
      });
    },

    async listReleasedSince(day) {
      const rows = await prisma.feedback.findMany({
        where: { status: 'released', releasedOn: { gte: toDate(day) } },
        include: feedbackInclude,
      });
      return (await present(rows)).map((r) => ({ themes: r.themes }));
    },
  };
}
