import { Prisma } from '../generated/prisma/client.ts';

/**
 * Whether an error is a unique-constraint violation. adapter-pg reports it as Prisma's P2002;
 * pglite-prisma-adapter 0.6 passes PostgreSQL's own error through (code 23505) unmapped.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) return error.code === 'P2002';
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return error instanceof Error && error.name === 'DriverAdapterError' && cause?.code === '23505';
}
