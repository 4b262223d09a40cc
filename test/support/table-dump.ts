import type { PrismaClient } from '../../src/generated/prisma/client.ts';

/**
 * Every row of every table (migrations aside), as text, in a fixed order: equal dumps mean nothing
 * at all was written in between, not only nothing of the tables a test thought of.
 */
export async function dumpTables(prisma: PrismaClient): Promise<Record<string, string | null>> {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
     ORDER BY table_name`,
  );
  const dump: Record<string, string | null> = {};
  for (const { name } of tables) {
    const [row] = await prisma.$queryRawUnsafe<{ rows: string | null }[]>(
      `SELECT (SELECT json_agg(t ORDER BY t::text)::text FROM "${name.replaceAll('"', '""')}" t) AS rows`,
    );
    dump[name] = row?.rows ?? null;
  }
  return dump;
}
