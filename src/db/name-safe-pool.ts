import pg from 'pg';

// Workaround for prisma/orm#27403: through @prisma/adapter-pg 6.19, results with columns of type
// `name` (oid 19) or `"char"` (oid 18) fail with "Column type 'name' could not be deserialized",
// which breaks `prisma migrate` introspection. Both carry plain text, so we report them as `text` (25).
const TEXT_OID = 25;
const TEXT_LIKE_OIDS = new Set([18, 19]);

type QueryResultLike = { fields?: { dataTypeID: number }[] };

function retypeFields<T>(result: T): T {
  for (const field of (result as QueryResultLike)?.fields ?? []) {
    if (TEXT_LIKE_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
  }
  return result;
}

/** A pg.Pool whose query results report `name` and `"char"` columns as text (prisma/orm#27403). */
export class NameSafePool extends pg.Pool {
  // biome-ignore lint/suspicious/noExplicitAny: pg.Pool#query is heavily overloaded; we pass every form through and only post-process results.
  override query(...args: any[]): any {
    // biome-ignore lint/suspicious/noExplicitAny: as above.
    const result = (super.query as any)(...args);
    return typeof result?.then === 'function' ? result.then(retypeFields) : result;
  }
}
