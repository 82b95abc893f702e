// Brings a PostgreSQL database up to the current schema, and creates the functions this version of
// Tack calls. Several workers start at once during a deploy, so the whole run is one transaction
// holding a transaction-scoped advisory lock: the first worker migrates, the others wait for it
// and then find nothing left to do. DDL is transactional in PostgreSQL, so a failed migration
// leaves the database exactly as it was.
import type { Pool } from "pg";
import { LOCK_FLUSH_COMMIT } from "./postgres/board-tx-flush.ts";
import { POSTGRES_MIGRATIONS } from "./postgres-schema.ts";

/**
 * Functions made from the statements of this version of Tack, not migrations: each is named by a
 * hash of its text and created if missing, so every version running has its own and none is ever
 * changed under a running worker.
 */
const STATEMENT_FUNCTIONS: ReadonlyArray<{ name: string; create: string }> = [LOCK_FLUSH_COMMIT];

/** An arbitrary constant that only Tack's migrations lock on. */
const MIGRATION_LOCK_KEY = 7_415_326_001;

/** Applies every migration the database lacks; returns the schema version it ends at. */
export async function migratePostgres(
  pool: Pool,
  migrations: readonly string[] = POSTGRES_MIGRATIONS,
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const { rows } = await client.query<{ version: number }>(
      "SELECT coalesce(max(version), 0)::integer AS version FROM schema_migrations",
    );
    const current = rows[0]?.version ?? 0;
    // A newer build may have migrated further: fine, migrations only ever add (an older worker
    // still running during a rolling deploy must keep working), so there is nothing to do.
    for (let version = current; version < migrations.length; version++) {
      await client.query(migrations[version]!);
      await client.query("INSERT INTO schema_migrations (version) VALUES ($1)", [version + 1]);
    }
    for (const fn of STATEMENT_FUNCTIONS) {
      const { rowCount } = await client.query(
        "SELECT 1 FROM pg_proc WHERE proname = $1 AND pg_function_is_visible(oid)",
        [fn.name],
      );
      if (rowCount === 0) await client.query(fn.create);
    }
    await client.query("COMMIT");
    return Math.max(current, migrations.length);
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
