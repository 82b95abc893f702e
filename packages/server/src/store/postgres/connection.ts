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
