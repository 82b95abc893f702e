// The SQLite database the adapter's concerns share: through Node's built-in `node:sqlite`, no native
// addon, no service. WAL journal with synchronous=FULL: a committed transaction survives kill -9 and
// power loss. One writer connection whose transactions are serialized by a queue (SQLite has one
// writer anyway), and one reader connection that, under WAL, sees only committed data.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync, type SQLInputValue, type StatementSync } from "node:sqlite";
import { SQLITE_MIGRATIONS } from "../sqlite-schema.ts";

export type Row = Record<string, SQLInputValue>;

/** A prepared statement of one connection, by its SQL text (prepared once, then cached). */
export type Statements = (sql: string) => StatementSync;

function open(path: string): DatabaseSync {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec(
    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
  );
  return db;
}

function migrate(db: DatabaseSync): void {
  const { user_version: version } = db.prepare("PRAGMA user_version").get() as { user_version: number };
  for (let v = version; v < SQLITE_MIGRATIONS.length; v++) {
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(SQLITE_MIGRATIONS[v]!);
      db.exec(`PRAGMA user_version = ${v + 1}`);
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  }
}

function cached(db: DatabaseSync): Statements {
  const statements = new Map<string, StatementSync>();
  return (sql) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message);
}

export class SqliteConnection {
  readonly writer: DatabaseSync;
  readonly reader: DatabaseSync;
  /** Statements on the writer: use only inside `serialized` work. */
  readonly w: Statements;
  /** Statements on the reader: committed data only. */
  readonly r: Statements;
  /** Tail of the queue of write transactions. */
  private writeQueue: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.writer = open(path);
    migrate(this.writer);
    // ":memory:" would give the reader its own empty database: read through the writer instead.
    this.reader = path === ":memory:" ? this.writer : open(path);
    this.w = cached(this.writer);
    this.r = cached(this.reader);
  }

  /** Runs `work` after every earlier write, so async transactions never interleave on the writer. */
  serialized<T>(work: () => T | Promise<T>): Promise<T> {
    const run = this.writeQueue.then(work, work);
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  /** Runs `work` in one write transaction on the writer (inside `serialized` work). */
  inWriteTransaction<T>(work: () => T): T {
    this.writer.exec("BEGIN IMMEDIATE");
    try {
      const result = work();
      this.writer.exec("COMMIT");
      return result;
    } catch (error) {
      this.writer.exec("ROLLBACK");
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.writeQueue.catch(() => undefined);
    this.writer.close();
    if (this.reader !== this.writer) this.reader.close();
  }
}
