import type { Actor, Person } from '../domain/person.ts';
import type { PeopleRepository } from '../domain/ports.ts';
import { toRoleKey } from '../domain/update-rules.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { isUniqueViolation } from './errors.ts';

const personFields = { id: true, displayName: true, email: true } as const;

/** People, identities and role holders in Prisma. */
export function createPeopleRepository(prisma: PrismaClient): PeopleRepository {
  async function findOrCreate(actor: Actor): Promise<Person> {
    // A known person in one statement (Prisma's select through the relation takes two).
    const [known] = await prisma.$queryRaw<(Person & { timeZone: string | null })[]>`
      SELECT p.id, p.display_name AS "displayName", p.email, p.time_zone AS "timeZone"
      FROM identities i JOIN people p ON p.id = i.person_id
      WHERE i.platform = ${actor.platform}::"Platform" AND i.external_id = ${actor.externalId}`;
    if (known) {
      const { timeZone, ...person } = known;
      return refresh(person, timeZone, actor);
    }
    const email = actor.email?.trim().toLowerCase() || null;
    const sameEmail = email
      ? await prisma.person.findUnique({ where: { email }, select: personFields })
      : null;
    const identityData = { platform: actor.platform, externalId: actor.externalId };
    if (sameEmail) {
      await prisma.identity.create({ data: { personId: sameEmail.id, ...identityData } });
      // Someone named by email alone (owner <role> jane@...) gets the name their account gives.
      if (sameEmail.displayName === sameEmail.email && actor.displayName)
        return prisma.person.update({
          where: { id: sameEmail.id },
          data: { displayName: actor.displayName, ...(actor.timeZone ? { timeZone: actor.timeZone } : {}) },
          select: personFields,
        });
      return sameEmail;
    }
    return prisma.person.create({
      data: {
        displayName: actor.displayName || actor.externalId,
        email,
        timeZone: actor.timeZone ?? null,
        identities: { create: identityData },
      },
      select: personFields,
    });
  }

  // A platform's profile is the freshest word on a name and zone; keep them current, quietly.
  async function refresh(person: Person, timeZone: string | null, actor: Actor): Promise<Person> {
    const data = {
      ...(actor.displayName && actor.displayName !== person.displayName
        ? { displayName: actor.displayName }
        : {}),
      ...(actor.timeZone && actor.timeZone !== timeZone ? { timeZone: actor.timeZone } : {}),
    };
    if (Object.keys(data).length === 0) return person;
    return prisma.person.update({ where: { id: person.id }, data, select: personFields });
  }

  return {
    async ensurePerson(actor) {
      try {
        return await findOrCreate(actor);
      } catch (error) {
        // Two first contacts at once: the other one created the identity; use theirs.
        if (isUniqueViolation(error)) return findOrCreate(actor);
        throw error;
      }
    },

    async getRoleNames(personId) {
      const rows = await prisma.$queryRaw<{ name: string }[]>`
        SELECT r.name FROM role_holders h JOIN roles r ON r.id = h.role_id
        WHERE h.person_id = ${personId}::uuid`;
      return rows.map((r) => r.name).sort();
    },

    async listRoles() {
      const roles = await prisma.role.findMany({
        orderBy: { name: 'asc' },
        include: {
          holders: { include: { person: { select: personFields } } },
          _count: { select: { actions: true } },
        },
      });
      return roles.map((r) => ({
        name: r.name,
        holders: r.holders.map((h) => h.person).sort((a, b) => a.displayName.localeCompare(b.displayName)),
        actionCount: r._count.actions,
      }));
    },

    async changeRoleHolders({ roleName, personIds, emails = [], mode, actorId }) {
      const role = await prisma.role.findUnique({
        where: { key: toRoleKey(roleName) },
        select: { id: true, name: true },
      });
      if (!role) return { ok: false, reason: 'no-role' };
      const wanted = [...new Set(emails.map(toEmailKey))];
      const known = wanted.length
        ? await prisma.person.findMany({ where: { email: { in: wanted } }, select: personFields })
        : [];
      const missing = wanted.filter((e) => !known.some((p) => p.email === e));
      if (mode === 'remove' && missing[0]) return { ok: false, reason: 'unknown-email', email: missing[0] };
      const people = await prisma.$transaction(async (tx) => {
        // A person named only by email: the first platform account with that email joins them (ensurePerson).
        const created: Person[] = [];
        for (const email of missing)
          created.push(
            await tx.person.upsert({
              where: { email },
              create: { displayName: email, email },
              update: {},
              select: personFields,
            }),
          );
        const byId = personIds.length
          ? await tx.person.findMany({ where: { id: { in: personIds } }, select: personFields })
          : [];
        const all = [...byId, ...known, ...created].filter(
          (p, i, list) => list.findIndex((q) => q.id === p.id) === i,
        );
        const ids = all.map((p) => p.id);
        if (mode === 'add')
          await tx.roleHolder.createMany({
            data: ids.map((personId) => ({ roleId: role.id, personId })),
            skipDuplicates: true,
          });
        else await tx.roleHolder.deleteMany({ where: { roleId: role.id, personId: { in: ids } } });
        await tx.auditEvent.create({
          data: {
            actorId,
            kind: `role.${mode}`,
            subject: role.name,
            detail: { personIds: ids, ...(wanted.length ? { emails: wanted } : {}) },
          },
        });
        return all;
      });
      return { ok: true, people };
    },
  };
}

/** How an email address is kept: trimmed and lower-cased, so one address is one person. */
export function toEmailKey(email: string): string {
  return email.trim().toLowerCase();
}
