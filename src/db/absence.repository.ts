import type { AbsenceRepository } from '../domain/absence-ports.ts';
import type { OwnerContact } from '../domain/schedule-ports.ts';
import { toRoleKey } from '../domain/update-rules.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { toDate, toDay } from './day-column.ts';

const contactFields = {
  id: true,
  displayName: true,
  email: true,
  roles: { select: { role: { select: { key: true } } } },
  identities: { select: { platform: true, externalId: true } },
} as const;

type ContactRow = {
  id: string;
  displayName: string;
  email: string | null;
  roles: { role: { key: string } }[];
  identities: { platform: string; externalId: string }[];
};

function toContact(p: ContactRow): OwnerContact {
  return {
    personId: p.id,
    displayName: p.displayName,
    email: p.email,
    roleKeys: p.roles.map((r) => r.role.key),
    identities: p.identities.flatMap((i) =>
      i.platform === 'slack' || i.platform === 'teams'
        ? [{ platform: i.platform, externalId: i.externalId }]
        : [],
    ),
  };
}

/** Absences (`absences`, one a person) and role covers (`role_covers`, one a role) in Prisma. */
export function createAbsenceRepository(prisma: PrismaClient): AbsenceRepository {
  const findRole = (roleName: string) =>
    prisma.role.findUnique({ where: { key: toRoleKey(roleName) }, select: { id: true, name: true } });
  return {
    async setAbsence(personId, from, until, actorId) {
      const data = { startsOn: toDate(from), endsOn: toDate(until), actorId };
      await prisma.$transaction([
        prisma.absence.upsert({ where: { personId }, create: { personId, ...data }, update: data }),
        prisma.auditEvent.create({
          data: { actorId, kind: 'absence.set', subject: personId, detail: { from, until } },
        }),
      ]);
    },

    async endAbsence(personId, actorId) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.absence.deleteMany({ where: { personId } });
        if (count === 0) return 'none';
        await tx.auditEvent.create({ data: { actorId, kind: 'absence.end', subject: personId } });
        return 'ended';
      });
    },

    async setCover(roleName, personId, until, actorId) {
      const role = await findRole(roleName);
      if (!role) return 'no-role';
      const data = { personId, endsOn: toDate(until), actorId };
      await prisma.$transaction([
        prisma.roleCover.upsert({
          where: { roleId: role.id },
          create: { roleId: role.id, ...data },
          update: data,
        }),
        prisma.auditEvent.create({
          data: { actorId, kind: 'cover.set', subject: role.name, detail: { personId, until } },
        }),
      ]);
      return 'set';
    },

    async endCover(roleName, actorId) {
      const role = await findRole(roleName);
      if (!role) return 'no-role';
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.roleCover.deleteMany({ where: { roleId: role.id } });
        if (count === 0) return 'none';
        await tx.auditEvent.create({ data: { actorId, kind: 'cover.end', subject: role.name } });
        return 'ended';
      });
    },

    async listCoveredRoles(personId, day) {
      const rows = await prisma.roleCover.findMany({
        where: { personId, endsOn: { gte: toDate(day) } },
        select: { role: { select: { name: true } } },
        orderBy: { role: { name: 'asc' } },
      });
      return rows.map((r) => r.role.name);
    },

    async getAwayState(day) {
      const [absences, covers] = await Promise.all([
        prisma.absence.findMany({
          where: { endsOn: { gte: toDate(day) } },
          select: { personId: true, startsOn: true, endsOn: true, person: { select: { displayName: true } } },
          orderBy: { person: { displayName: 'asc' } },
        }),
        prisma.roleCover.findMany({
          where: { endsOn: { gte: toDate(day) } },
          select: {
            endsOn: true,
            role: { select: { key: true, name: true } },
            person: { select: contactFields },
          },
        }),
      ]);
      return {
        absences: absences.map((a) => ({
          personId: a.personId,
          displayName: a.person.displayName,
          from: toDay(a.startsOn),
          until: toDay(a.endsOn),
        })),
        covers: covers.map((c) => ({
          roleKey: c.role.key,
          roleName: c.role.name,
          until: toDay(c.endsOn),
          cover: toContact(c.person),
        })),
      };
    },
  };
}
