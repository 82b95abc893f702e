// Which store a process uses: PostgreSQL when a database URL is configured (scale-out), else the
// embedded SQLite file (one machine, no services).
import { createPostgresStore } from "./postgres.ts";
import { SqliteStore } from "./sqlite.ts";
import type { Store } from "./store.ts";

export interface StoreConfig {
  databaseUrl?: string | undefined;
  sqlitePath: string;
}

export async function openStore(config: StoreConfig): Promise<Store> {
  return config.databaseUrl ? createPostgresStore(config.databaseUrl) : new SqliteStore(config.sqlitePath);
}
