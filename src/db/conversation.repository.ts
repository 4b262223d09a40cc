import type { ConversationRepository, StoredConversation } from '../domain/ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { InputJsonValue } from '../generated/prisma/internal/prismaNamespace.ts';
import { isUniqueViolation } from './errors.ts';

/** Conversation references in Prisma, one row per platform, kind and key (the latest one wins). */
export function createConversationRepository(prisma: PrismaClient): ConversationRepository {
  return {
    async save({ platform, kind, key, reference }) {
      const json = reference as InputJsonValue;
      const upsert = () =>
        prisma.conversationReference.upsert({
          where: { platform_kind_key: { platform, kind, key } },
          create: { platform, kind, key, reference: json },
          update: { reference: json, unreachable: null },
        });
      try {
        await upsert();
      } catch (error) {
        // Two messages from one person at once both tried to create the row; the second one now updates.
        if (!isUniqueViolation(error)) throw error;
        await upsert();
      }
    },

    async find(platform, kind, key) {
      const row = await prisma.conversationReference.findUnique({
        where: { platform_kind_key: { platform, kind, key } },
        select: fields,
      });
      return row ? toStored(row) : null;
    },

    async list(platform, kind) {
      const rows = await prisma.conversationReference.findMany({
        where: { platform, kind },
        orderBy: { key: 'asc' },
        select: fields,
      });
      return rows.map(toStored);
    },

    async markUnreachable(platform, kind, key, reason) {
      const { count } = await prisma.conversationReference.updateMany({
        where: { platform, kind, key },
        data: { unreachable: reason },
      });
      return count > 0;
    },

    async remove(platform, kind, key) {
      const { count } = await prisma.conversationReference.deleteMany({ where: { platform, kind, key } });
      return count > 0;
    },
  };
}

const fields = { platform: true, kind: true, key: true, reference: true, unreachable: true } as const;

function toStored(row: {
  platform: string;
  kind: string;
  key: string;
  reference: unknown;
  unreachable: string | null;
}): StoredConversation {
  return {
    platform: row.platform as StoredConversation['platform'],
    kind: row.kind === 'person' || row.kind === 'team' ? row.kind : 'channel',
    key: row.key,
    reference: row.reference as Record<string, unknown>,
    unreachable: row.unreachable,
  };
}
