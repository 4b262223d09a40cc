import type { NewDelivery } from '../domain/schedule-ports.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/** A delivery as its row stores it (a held one waits for its person's return). */
export function toRow(d: NewDelivery) {
  return {
    recipient: d.recipient,
    platform: d.target?.platform ?? 'none',
    targetKind: d.target?.kind ?? 'person',
    targetId: d.target?.id ?? '',
    message: d.message as Prisma.InputJsonValue,
    status: d.held ? 'held' : d.target ? 'pending' : 'unreachable',
  };
}
