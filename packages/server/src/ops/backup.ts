// Backup and restore of the durable store, whichever backend is configured.
// - SQLite: SQLite's online backup API (node:sqlite `backup`), consistent while Tack runs.
//   Restore writes the backup into the database file through the same API (page by page under
//   SQLite's locks), then checks the result.
// - PostgreSQL: pg_dump's custom format; restore with pg_restore --clean in one transaction, so a
//   failed restore leaves the database as it was.
// Redis needs no backup: it holds only what Tack rebuilds from the store.
import { execFile } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DatabaseSync, backup as sqliteBackup } from "node:sqlite";
import { promisify } from "node:util";
import type { Config } from "../config.ts";

const run = promisify(execFile);

export type BackupFormat = "sqlite" | "postgres";

export interface BackupResult {
  file: string;
  format: BackupFormat;
  bytes: number;
}

/** What kind of backup a file holds, from its magic bytes. */
export function formatOf(file: string): BackupFormat | null {
  const fd = openSync(file, "r");
  const head = Buffer.alloc(16);
  readSync(fd, head, 0, 16, 0);
  closeSync(fd);
  if (head.toString("latin1") === "SQLite format 3\u0000") return "sqlite";
  if (head.subarray(0, 5).toString("latin1") === "PGDMP") return "postgres";
  return null;
}

async function pgTool(tool: "pg_dump" | "pg_restore", args: string[]): Promise<void> {
  try {
    await run(tool, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT")
      throw new Error(
        `${tool} is not installed: apt-get install postgresql-client (same major version as the server)`,
      );
    throw new Error(`${tool} failed: ${(e.stderr ?? e.message).trim()}`);
  }
}

export async function backupStore(config: Config, target: string): Promise<BackupResult> {
  const file = resolve(target);
  if (existsSync(file))
    throw new Error(`${file} already exists: choose a new file name (backups are never overwritten)`);
  mkdirSync(dirname(file), { recursive: true });
  if (config.databaseUrl) {
    await pgTool("pg_dump", [
      "--format=custom",
      "--no-owner",
      "--no-privileges",
      "--file",
      file,
      "--dbname",
      config.databaseUrl,
    ]);
    return { file, format: "postgres", bytes: statSync(file).size };
  }
  if (!existsSync(config.sqlitePath))
    throw new Error(`No SQLite database at ${config.sqlitePath}: check TACK_DATA_DIR`);
  const source = new DatabaseSync(config.sqlitePath, { readOnly: true });
  try {
    await sqliteBackup(source, file);
  } finally {
    source.close();
  }
  return { file, format: "sqlite", bytes: statSync(file).size };
}

export async function restoreStore(config: Config, source: string): Promise<BackupResult> {
  const file = resolve(source);
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const format = formatOf(file);
  const expected: BackupFormat = config.databaseUrl ? "postgres" : "sqlite";
  if (format === null) throw new Error(`${file} is neither a Tack SQLite backup nor a pg_dump archive`);
  if (format !== expected)
    throw new Error(
      `${file} is a ${format} backup but Tack is configured for ${expected}${expected === "postgres" ? " (DATABASE_URL is set)" : " (DATABASE_URL is not set)"}`,
    );
  if (format === "postgres") {
    await pgTool("pg_restore", [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--no-privileges",
      "--single-transaction",
      "--exit-on-error",
      "--dbname",
      config.databaseUrl!,
      file,
    ]);
    return { file, format, bytes: statSync(file).size };
  }
  const backup = new DatabaseSync(file, { readOnly: true });
  const check = backup.prepare("PRAGMA quick_check").get() as { quick_check: string };
  if (check.quick_check !== "ok") throw new Error(`${file} is damaged (${check.quick_check}): not restored`);
  mkdirSync(dirname(config.sqlitePath), { recursive: true });
  try {
    await sqliteBackup(backup, config.sqlitePath);
  } finally {
    backup.close();
  }
  return { file, format, bytes: statSync(file).size };
}
