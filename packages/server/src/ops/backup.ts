// Backup and restore of the durable store, whichever backend is configured.
// - SQLite: SQLite's online backup API (node:sqlite `backup`), consistent while Tack runs.
//   Restore writes the backup into the database file through the same API (page by page under
//   SQLite's locks), then checks the result.
// - PostgreSQL: pg_dump's custom format; restore with pg_restore --clean in one transaction, so a
//   failed restore leaves the database as it was.
// - Attachments (local store): the files under the attachments directory are copied next to the
//   backup, into `FILE.attachments/`, and restore copies them back. Blob files never change under a
//   key and are renamed into place only once complete, so a copy of one is always whole. They are
//   copied before and after the database snapshot: every file the snapshot refers to existed at
//   one of the two passes (a file deleted in between was copied by the first). S3: the bucket is
//   not copied (docs/operations.md: keep it versioned, or replicate it).
// Redis needs no backup: it holds only what Tack rebuilds from the store.
import { execFile } from "node:child_process";
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { DatabaseSync, backup as sqliteBackup } from "node:sqlite";
import { promisify } from "node:util";
import type { Config } from "../config.ts";

const run = promisify(execFile);

export type BackupFormat = "sqlite" | "postgres";

export interface BackupResult {
  file: string;
  format: BackupFormat;
  bytes: number;
  attachments: AttachmentsResult;
}

/** What happened to attachment files: copied (how many), or where they live instead. */
export type AttachmentsResult =
  | { directory: string; files: number }
  | { s3Bucket: string; note: string }
  | { missing: string };

/** Where a backup's attachment files go: next to the database backup. */
export const attachmentsDirOf = (backupFile: string): string => `${resolve(backupFile)}.attachments`;

/** Blob files still being written live here (local-blob-store.ts); they are never part of a backup. */
const INCOMING = ".incoming";

function countFiles(directory: string): number {
  if (!existsSync(directory)) return 0;
  return readdirSync(directory, { withFileTypes: true, recursive: true }).filter(
    (entry) => entry.isFile() && !entry.parentPath.split(/[/\\]/).includes(INCOMING),
  ).length;
}

/** Copies blob files from `from` to `to`, leaving files already there alone (they never change). */
function copyBlobs(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  if (!existsSync(from)) return;
  cpSync(from, to, {
    recursive: true,
    force: false,
    errorOnExist: false,
    filter: (source) => basename(source) !== INCOMING,
  });
}

const S3_NOTE = "attachments stay in the S3 bucket: keep it versioned or replicated (docs/operations.md)";

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
  const blobs = config.attachments.store;
  const attachmentsDir = attachmentsDirOf(file);
  if (blobs.kind === "local" && existsSync(attachmentsDir))
    throw new Error(
      `${attachmentsDir} already exists: choose a new file name (backups are never overwritten)`,
    );
  mkdirSync(dirname(file), { recursive: true });
  if (blobs.kind === "local") copyBlobs(blobs.directory, attachmentsDir);
  const database = await backupDatabase(config, file);
  if (blobs.kind !== "local") return { ...database, attachments: { s3Bucket: blobs.bucket, note: S3_NOTE } };
  copyBlobs(blobs.directory, attachmentsDir);
  return { ...database, attachments: { directory: attachmentsDir, files: countFiles(attachmentsDir) } };
}

async function backupDatabase(config: Config, file: string): Promise<Omit<BackupResult, "attachments">> {
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
  const database = await restoreDatabase(config, source);
  const blobs = config.attachments.store;
  if (blobs.kind !== "local") return { ...database, attachments: { s3Bucket: blobs.bucket, note: S3_NOTE } };
  const attachmentsDir = attachmentsDirOf(database.file);
  if (!existsSync(attachmentsDir))
    return {
      ...database,
      attachments: { missing: `${attachmentsDir} does not exist: the database was restored without files` },
    };
  copyBlobs(attachmentsDir, blobs.directory);
  return { ...database, attachments: { directory: blobs.directory, files: countFiles(attachmentsDir) } };
}

async function restoreDatabase(config: Config, source: string): Promise<Omit<BackupResult, "attachments">> {
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
