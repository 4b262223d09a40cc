import type { DatabaseTarget } from '../config.ts';
import { PrismaClient } from '../generated/prisma/client.ts';
import { openDriver } from './adapter.ts';
import { applyMigrations } from './migrate.ts';

/** An open database: the Prisma client, which engine serves it, and how to close it. */
export type Database = {
  prisma: PrismaClient;
  engine: 'pglite' | 'postgres';
  /** True when a trivial query succeeds. */
  isReady(): Promise<boolean>;
  close(): Promise<void>;
};

/** Opens the target database and applies pending migrations before anything else touches it. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const driver = await openDriver(target);
  try {
    await driver.withSession((session) => applyMigrations(session));
  } catch (error) {
    await driver.close();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: driver.adapter });
  return {
    prisma,
    engine: driver.engine,
    isReady: () =>
      prisma.$queryRaw`SELECT 1`.then(
        () => true,
        () => false,
      ),
    close: async () => {
      await prisma.$disconnect();
      await driver.close();
    },
  };
}
