// Chooses the durable store from the configuration: PostgreSQL when DATABASE_URL is set, else the
// embedded SQLite file.
import type { Config } from "../config.ts";
import { SqliteStore } from "./sqlite.ts";
import type { Store } from "./store.ts";

export async function openStore(config: Pick<Config, "databaseUrl" | "sqlitePath">): Promise<Store> {
  if (config.databaseUrl) {
    const { createPostgresStore } = await import("./postgres.ts");
    return createPostgresStore(config.databaseUrl);
  }
  return new SqliteStore(config.sqlitePath);
}
