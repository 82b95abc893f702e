// Counts what the database really holds (boards, objects, actions, memberships), read straight
// from SQLite or PostgreSQL, so a test can prove a refused import left nothing behind.
import { DatabaseSync } from "node:sqlite";
import type { TestServer } from "./harness.ts";

export interface RowCounts {
  boards: number;
  objects: number;
  actions: number;
  board_members: number;
  /** Accounts and placeholders: a refused import makes no placeholder either. */
  members: number;
}

const TABLES = ["boards", "objects", "actions", "board_members", "members"] as const;

export async function storedRows(server: TestServer): Promise<RowCounts> {
  const { config } = server.app.ctx;
  const counts = { boards: 0, objects: 0, actions: 0, board_members: 0, members: 0 };
  if (config.databaseUrl) {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: config.databaseUrl });
    await client.connect();
    try {
      for (const table of TABLES)
        counts[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    } finally {
      await client.end();
    }
    return counts;
  }
  const db = new DatabaseSync(config.sqlitePath, { readOnly: true });
  try {
    for (const table of TABLES)
      counts[table] = Number((db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
  } finally {
    db.close();
  }
  return counts;
}
