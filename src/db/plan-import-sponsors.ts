import type { ImportSummary } from '../domain/ports.ts';
import { toRoleKey } from '../domain/update-rules.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/** Where an imported sponsor goes: the plan, or one of its themes (by id, with its ref for the change line). */
type SponsorPlace = { planId: string } | { themeId: string; ref: string };

/**
 * A file's sponsor role for the plan or a theme: the role (created like an owner role when new) becomes
 * its sponsor, listed as a change when it differs. A file that names none leaves the sponsor set in chat.
 */
export async function importSponsor(
  tx: Prisma.TransactionClient,
  place: SponsorPlace,
  name: string | undefined,
  summary: ImportSummary,
): Promise<void> {
  if (!name) return;
  const key = toRoleKey(name);
  const role = await tx.role.upsert({ where: { key }, create: { key, name: name.trim() }, update: {} });
  const before =
    'planId' in place
      ? await tx.plan.findUniqueOrThrow({ where: { id: place.planId }, select: { sponsorRoleId: true } })
      : await tx.theme.findUniqueOrThrow({ where: { id: place.themeId }, select: { sponsorRoleId: true } });
  if (before.sponsorRoleId === role.id) return;
  const data = { sponsorRoleId: role.id };
  if ('planId' in place) await tx.plan.update({ where: { id: place.planId }, data });
  else await tx.theme.update({ where: { id: place.themeId }, data });
  summary.changes.push(`~ ${'planId' in place ? 'plan' : `theme ${place.ref}`} sponsor: ${role.name}`);
}
