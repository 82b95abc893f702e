// Every query of the PostgreSQL adapter goes through here as a named prepared statement: each
// connection parses and plans a statement once and then only binds values, which takes most of the
// per-query work off PostgreSQL for the few dozen statements Tack repeats all day.
import { createHash } from "node:crypto";
import type { Pool, PoolClient, QueryResult, QueryResultRow } from "pg";

const names = new Map<string, string>();

function nameOf(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `tack_${createHash("sha1").update(sql).digest("hex").slice(0, 16)}`;
    names.set(sql, name);
  }
  return name;
}

export function query<R extends QueryResultRow = QueryResultRow>(
  on: Pool | PoolClient,
  sql: string,
  values: unknown[] = [],
): Promise<QueryResult<R>> {
  return on.query<R>({ name: nameOf(sql), text: sql, values });
}
