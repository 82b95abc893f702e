// Which store a process uses: PostgreSQL when a database URL is configured (scale-out), else the
// embedded SQLite file (one machine, no services).
import { createPostgresStore } from "./postgres/store.ts";
import { SqliteStore } from "./sqlite/store.ts";
import type { Store } from "./store.ts";

export interface StoreConfig {
  databaseUrl?: string | undefined;
  sqlitePath: string;
  pgReadConnections?: number;
  pgTransactionConnections?: number;
}

export async function openStore(config: StoreConfig): Promise<Store> {
  if (!config.databaseUrl) return new SqliteStore(config.sqlitePath);
  return createPostgresStore(config.databaseUrl, {
    ...(config.pgReadConnections !== undefined && { readConnections: config.pgReadConnections }),
    ...(config.pgTransactionConnections !== undefined && {
      transactionConnections: config.pgTransactionConnections,
    }),
  });
}
