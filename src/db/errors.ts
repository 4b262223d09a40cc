import { Prisma } from '../generated/prisma/client.ts';

/**
 * Whether an error is a unique-constraint violation. adapter-pg reports it as Prisma's P2002 (P2010
 * with the adapter's error in `meta` from a raw query, on either engine);
 * pglite-prisma-adapter 0.6 passes PostgreSQL's own error through (code 23505) unmapped.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === 'P2002') return true;
    // P2010, a raw query failed: the driver adapter's error is in meta, with PostgreSQL's code as
    // `code` (PGlite) or `originalCode` (adapter-pg).
    const cause = (error.meta?.driverAdapterError as { cause?: Record<string, unknown> } | undefined)?.cause;
    return error.code === 'P2010' && (cause?.code === '23505' || cause?.originalCode === '23505');
  }
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return error instanceof Error && error.name === 'DriverAdapterError' && cause?.code === '23505';
}
