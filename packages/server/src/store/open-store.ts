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
  /** Freeze the board objects reads share, to catch a caller changing one (tests). */
  checkSharedObjects?: boolean;
}

export async function openStore(config: StoreConfig): Promise<Store> {
  const checkSharedObjects = config.checkSharedObjects ?? false;
  if (!config.databaseUrl) return new SqliteStore(config.sqlitePath, { checkSharedObjects });
  return createPostgresStore(config.databaseUrl, {
    checkSharedObjects,
    ...(config.pgReadConnections !== undefined && { readConnections: config.pgReadConnections }),
    ...(config.pgTransactionConnections !== undefined && {
      transactionConnections: config.pgTransactionConnections,
    }),
  });
}
