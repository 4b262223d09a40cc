import type { SponsorRepository, Sponsorship } from '../domain/sponsor-ports.ts';
import { toRoleKey } from '../domain/update-rules.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';

const personFields = { id: true, displayName: true, email: true } as const;
const roleSelect = {
  name: true,
  key: true,
  holders: { select: { person: { select: personFields } } },
} as const;

type RoleRow = { name: string; key: string; holders: { person: Sponsorship['holders'][number] }[] };

const toSponsorship = (planCode: string, theme: Sponsorship['theme'], role: RoleRow): Sponsorship => ({
  planCode,
  theme,
  role: role.name,
  roleKey: role.key,
  holders: role.holders.map((h) => h.person).sort((a, b) => a.displayName.localeCompare(b.displayName)),
});

/** Sponsor roles of plans and themes, and plans' escalation days, in Prisma. */
export function createSponsorRepository(prisma: PrismaClient): SponsorRepository {
  return {
    async listSponsors(planCode) {
      const plans = await prisma.plan.findMany({
        where: planCode ? { code: planCode } : {},
        orderBy: { code: 'asc' },
        select: {
          code: true,
          sponsorRole: { select: roleSelect },
          themes: {
            where: { sponsorRoleId: { not: null } },
            orderBy: { position: 'asc' },
            select: { ref: true, title: true, sponsorRole: { select: roleSelect } },
          },
        },
      });
      return plans.flatMap((p) => [
        ...(p.sponsorRole ? [toSponsorship(p.code, null, p.sponsorRole)] : []),
        ...p.themes.flatMap((t) =>
          t.sponsorRole ? [toSponsorship(p.code, { ref: t.ref, title: t.title }, t.sponsorRole)] : [],
        ),
      ]);
    },

    async setSponsor(target, role, actorId) {
      const plan = await prisma.plan.findUnique({ where: { code: target.planCode }, select: { id: true } });
      if (!plan) return { ok: false, reason: 'no-plan' };
      const theme = target.themeRef
        ? await prisma.theme.findUnique({
            where: { planId_ref: { planId: plan.id, ref: target.themeRef } },
            select: { id: true },
          })
        : null;
      if (target.themeRef && !theme) return { ok: false, reason: 'no-theme' };
      const key = role ? toRoleKey(role.name) : null;
      const known = key ? await prisma.role.findUnique({ where: { key }, select: { id: true } }) : null;
      if (role && !known && !role.create) return { ok: false, reason: 'no-role' };
      const subject = target.themeRef ? `${target.planCode}:${target.themeRef}` : target.planCode;
      const name = await prisma.$transaction(async (tx) => {
        const found =
          role && key
            ? await tx.role.upsert({ where: { key }, create: { key, name: role.name.trim() }, update: {} })
            : null;
        const data = { sponsorRoleId: found?.id ?? null };
        if (theme) await tx.theme.update({ where: { id: theme.id }, data });
        else await tx.plan.update({ where: { id: plan.id }, data });
        await tx.auditEvent.create({
          data: { actorId, kind: 'sponsor.set', subject, detail: { role: found?.name ?? null } },
        });
        return found?.name ?? null;
      });
      return { ok: true, role: name };
    },

    async setEscalation(planCode, days, actorId) {
      const plan = await prisma.plan.findUnique({ where: { code: planCode }, select: { id: true } });
      if (!plan) return false;
      await prisma.$transaction([
        prisma.plan.update({ where: { id: plan.id }, data: { escalationDays: days } }),
        prisma.auditEvent.create({
          data: { actorId, kind: 'plan.escalation', subject: planCode, detail: { days } },
        }),
      ]);
      return true;
    },
  };
}
