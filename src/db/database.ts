import type { DatabaseTarget } from '../config.ts';
import { PrismaClient } from '../generated/prisma/client.ts';
import { type Engine, openDriver } from './adapter.ts';
import { applyMigrations } from './migrate.ts';

/** An open database: the Prisma client, which engine serves it, and how to close it. */
export type Database = {
  prisma: PrismaClient;
  engine: Engine;
  /** True for an embedded database: only this process opens it, so no other can be running its jobs. */
  soleProcess: boolean;
  /** Why the embedded engine is not the default one, when it is not. */
  note?: string;
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
    soleProcess: driver.engine !== 'postgres',
    ...(driver.note ? { note: driver.note } : {}),
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
