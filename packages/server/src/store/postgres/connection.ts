// The PostgreSQL pool the adapter's concerns share for reads and single-statement writes (board
// transactions have their own pool: store.ts), and the driver errors the concerns recognize.
import { DatabaseError, type Pool } from "pg";
import { query } from "./query.ts";

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return (
    error instanceof DatabaseError &&
    error.code === "23505" &&
    (constraint === undefined || error.constraint === constraint)
  );
}

/**
 * The advisory lock between board transactions (shared, BEGIN to COMMIT: board-transaction.ts) and
 * a webhook's insert (exclusive: webhooks.ts). A board transaction queues its actions' webhook
 * fan-out only while a webhook exists (`onlyWithWebhooks`); the gate makes "exists" exact: a
 * webhook a write did not see was stamped after that write committed (decision 0036).
 */
export const WEBHOOKS_GATE = 7_365_420_016;

/** A dropped connection also fails the query in flight, which is where it is handled; not fatal. */
export const ignoreConnectionError = (): void => undefined;

export class PostgresDatabase {
  /** Connections for reads and single-statement writes. */
  readonly pool: Pool;

  constructor(pool: Pool) {
    this.pool = pool;
  }

  async rows<R extends object>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await query<R & Record<string, unknown>>(this.pool, sql, params)).rows;
  }

  async row<R extends object>(sql: string, params: unknown[] = []): Promise<R | null> {
    return (await this.rows<R>(sql, params))[0] ?? null;
  }
}
