// Every query of the PostgreSQL adapter goes through here as a named prepared statement: each
// connection parses and plans a statement once and then only binds values, which takes most of the
// per-query work off PostgreSQL for the few dozen statements Tack repeats all day.
import { createHash } from "node:crypto";
import type { Client, Pool, PoolClient, QueryResult, QueryResultRow } from "pg";

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

/**
 * Starts statements on one connection in a single socket write and answers each, in order, once
 * all have settled; the first failure is thrown. On a client in pg's pipeline mode (the
 * transaction pool, store.ts) none waits for the answer to the one before: a board transaction's
 * BEGIN and its read-ahead, or its flush and COMMIT, cost PostgreSQL one wake-up and the board's
 * lock one round trip instead of two (issue 16; decision 0045). On any other client they still go
 * one after another, with the same answers.
 *
 * Every statement is settled before this returns, so a failure leaves no answer in flight: after a
 * failed statement PostgreSQL refuses the rest of the transaction ("current transaction is
 * aborted"), and a COMMIT behind it answers ROLLBACK.
 */
export async function sentTogether(
  client: PoolClient,
  start: () => ReadonlyArray<Promise<unknown>>,
): Promise<unknown[]> {
  // A pool's client is a pg Client; its socket is corked so the statements leave in one write.
  const socket = (client as unknown as Client).connection.stream;
  socket.cork();
  let started: ReadonlyArray<Promise<unknown>>;
  try {
    started = start();
  } finally {
    socket.uncork();
  }
  const settled = await Promise.allSettled(started);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value);
}

/**
 * SQL for the documents of parameter `$n`, sent as one JSON array, as a jsonb[] in the array's
 * order, a JSON null as SQL NULL. Documents go as one JSON text rather than a jsonb[] parameter:
 * pg writes an array parameter element by element, quoting and escaping every document (two
 * regular-expression replaces each: a tenth of a move's allocations, decision 0058).
 */
export const jsonbElements = (n: number): string =>
  `ARRAY(SELECT NULLIF(e, 'null'::jsonb) FROM jsonb_array_elements($${n}::jsonb) WITH ORDINALITY AS a(e, i) ORDER BY i)`;

/** JSON texts as one JSON array for `jsonbElements`: valid JSON already, so joined, not stringified again. */
export const jsonArray = (texts: readonly string[]): string => `[${texts.join(",")}]`;
