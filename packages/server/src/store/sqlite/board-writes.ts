// Board writes on SQLite (board-store.ts, BoardWriter): transactions run on the one writer, queued
// behind every earlier write (SqliteConnection.serialized), so a board's seqs are assigned in one
// order with no gaps. The board transactions that queue up while the writer is busy commit
// together (group commit, decision 0048-sqlite-group-commit): one BEGIN IMMEDIATE, each command
// inside a savepoint of its own (a failing one is undone alone and answers its own error), one
// COMMIT and one fsync for the group. No command answers before the COMMIT that made it durable.
import type { StatementSync } from "node:sqlite";
import type { BoardChange } from "@tack/shared/changes";
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { Board } from "@tack/shared/models";
import type { BoardObjectsCache } from "../board-objects-cache.ts";
import type { BoardWriter, TransactOptions } from "../board-store.ts";
import type { BoardTx } from "../board-tx.ts";
import { readBoard } from "../rows.ts";
import { SqliteBoardTx } from "./board-tx.ts";
import { isUniqueViolation, type Row, type SqliteConnection } from "./connection.ts";

/** Most board transactions in one commit: bounds the first one's wait and what a failure redoes. */
export const MAX_GROUP = 64;

/** A board transaction waiting for the writer. */
interface WriteJob {
  readonly boardId: string;
  readonly fn: (tx: BoardTx) => Promise<unknown>;
  readonly options: TransactOptions;
  resolve(value: { result: unknown; changes: BoardChange[] }): void;
  reject(error: unknown): void;
}

/** A command that ran to its end inside the group's transaction, not yet committed. */
interface Ran {
  readonly job: WriteJob;
  readonly result: unknown;
  readonly tx: SqliteBoardTx;
  readonly version: number;
}

const SAVEPOINT = "tack_command";

/** The group's transaction could not go on: its commands run again alone. */
class GroupBroken extends Error {}

/** A command's error as its caller sees it. */
function asAnswer(error: unknown): unknown {
  return isUniqueViolation(error) && /mutation_id/.test(String(error))
    ? new TackError(ErrorCode.conflict, "This mutation id was already used")
    : error;
}

export class SqliteBoardWriter implements BoardWriter {
  private readonly db: SqliteConnection;
  private readonly cache: BoardObjectsCache;
  /** Board transactions queued for the next group; a run of the group is queued while any wait. */
  private readonly pending: WriteJob[] = [];
  private committed = 0;

  /** `cache` is the board reader's: a committed transaction carries it to the new version. */
  constructor(db: SqliteConnection, cache: BoardObjectsCache) {
    this.db = db;
    this.cache = cache;
  }

  /** Database transactions this writer committed for board transactions (a group counts once). */
  get commits(): number {
    return this.committed;
  }

  transact<T>(
    boardId: string,
    fn: (tx: BoardTx) => Promise<T>,
    options: TransactOptions = {},
  ): Promise<{ result: T; changes: BoardChange[] }> {
    return new Promise((resolve, reject) => {
      this.pending.push({ boardId, fn, options, resolve: resolve as WriteJob["resolve"], reject });
      // The first to wait queues the group's run; whoever comes before it starts joins it.
      if (this.pending.length === 1) this.queueGroup();
    });
  }

  private queueGroup(): void {
    void this.db.serialized(async () => {
      // The writer is ours; one turn of the event loop lets the requests that already arrived reach
      // here and join. Without it the writer, always idle by the time the next request is parsed
      // (SQLite's calls block the loop), ran every transaction alone: one fsync each.
      await new Promise((resolve) => setImmediate(resolve));
      const jobs = this.pending.splice(0, MAX_GROUP);
      if (this.pending.length > 0) this.queueGroup();
      try {
        await (jobs.length === 1 ? this.runAlone(jobs[0]!) : this.runGroup(jobs));
      } catch (error) {
        // Even a ROLLBACK failed: every command not answered yet gets that error (a settled
        // promise ignores a second answer).
        for (const job of jobs) job.reject(error);
      }
    });
  }

  /** Runs `jobs` in one database transaction, and answers each. */
  private async runGroup(jobs: readonly WriteJob[]): Promise<void> {
    const { writer } = this.db;
    const ran: Ran[] = [];
    /** Commands that failed on their own, undone to their savepoint and answered already. */
    const failed = new Set<WriteJob>();
    try {
      writer.exec("BEGIN IMMEDIATE");
      for (const job of jobs) {
        writer.exec(`SAVEPOINT ${SAVEPOINT}`);
        try {
          ran.push(await this.runCommand(job));
        } catch (error) {
          // SQLite may have rolled the whole transaction back (a full disk, say): nothing to
          // return to, and the group cannot go on.
          if (!writer.isTransaction) throw new GroupBroken();
          writer.exec(`ROLLBACK TO ${SAVEPOINT}`);
          failed.add(job);
          job.reject(asAnswer(error));
        }
        writer.exec(`RELEASE ${SAVEPOINT}`);
      }
      writer.exec("COMMIT");
    } catch {
      if (writer.isTransaction) writer.exec("ROLLBACK");
      // Nothing of the group committed: the commands not answered yet run again, each alone, and
      // answer as they would have without the group.
      for (const job of jobs) if (!failed.has(job)) await this.runAlone(job);
      return;
    }
    this.committed += 1;
    for (const r of ran) this.settle(r);
  }

  /** One command in a database transaction of its own. */
  private async runAlone(job: WriteJob): Promise<void> {
    const { writer } = this.db;
    let ran: Ran;
    try {
      writer.exec("BEGIN IMMEDIATE");
      ran = await this.runCommand(job);
      writer.exec("COMMIT");
    } catch (error) {
      if (writer.isTransaction) writer.exec("ROLLBACK");
      job.reject(asAnswer(error));
      return;
    }
    this.committed += 1;
    this.settle(ran);
  }

  /** A command inside the open transaction: the board row read (or made), the command, its end. */
  private async runCommand(job: WriteJob): Promise<Ran> {
    const { w } = this.db;
    const { boardId, options } = job;
    let head: Head;
    if (options.create) {
      const board = options.create;
      w("INSERT INTO boards (id, short_link, org_id, seq, doc) VALUES (?, ?, ?, 0, ?)").run(
        board.id,
        board.shortLink,
        board.idOrganization,
        JSON.stringify(board),
      );
      head = { board, seq: 0, version: 0 };
    } else head = readHead(w, boardId);
    const tx = new SqliteBoardTx(w, boardId, head.board, head.seq);
    const result = await job.fn(tx);
    if (tx.removed) removeBoardRows(w, boardId);
    else saveHead(w, tx);
    return { job, result, tx, version: head.version };
  }

  /** After the commit: the cache carried to the new version, and the command answered. */
  private settle({ job, result, tx, version }: Ran): void {
    if (!tx.removed) this.cache.advance(job.boardId, version, version + 1, tx.journal);
    job.resolve({ result, changes: tx.changes });
  }

  transactPair<T>(
    boardIds: readonly [string, string],
    fn: (txs: readonly [BoardTx, BoardTx]) => Promise<T>,
  ): Promise<{ result: T; changes: BoardChange[] }> {
    const { w, writer } = this.db;
    // SQLite has one writer: the transaction holds both boards at once, no order to keep.
    return this.db.serialized(async () => {
      writer.exec("BEGIN IMMEDIATE");
      try {
        const heads = boardIds.map((id) => readHead(w, id));
        const txs = boardIds.map((id, i) => new SqliteBoardTx(w, id, heads[i]!.board, heads[i]!.seq)) as [
          SqliteBoardTx,
          SqliteBoardTx,
        ];
        const result = await fn(txs);
        for (const tx of txs) saveHead(w, tx);
        writer.exec("COMMIT");
        this.committed += 1;
        txs.forEach((tx, i) => {
          const { version } = heads[i]!;
          this.cache.advance(tx.boardId, version, version + 1, tx.journal);
        });
        return { result, changes: txs.flatMap((tx) => tx.changes) };
      } catch (error) {
        writer.exec("ROLLBACK");
        throw asAnswer(error);
      }
    });
  }

  async deleteBoard(boardId: string): Promise<void> {
    await this.db.serialized(() => removeBoardRows((sql) => this.db.w(sql), boardId));
  }
}

/** The board row as a transaction starts. */
interface Head {
  board: Board;
  seq: number;
  /** The write version (decision 0039-board-objects-cache); saveHead moves it on by one. */
  version: number;
}

function readHead(w: (sql: string) => StatementSync, boardId: string): Head {
  const row = w("SELECT doc, seq, version FROM boards WHERE id = ?").get(boardId) as Row | undefined;
  if (!row) throw new TackError(ErrorCode.notFound, "board not found");
  return { board: readBoard(row.doc), seq: Number(row.seq), version: Number(row.version) };
}

/** The board row as the transaction ends: its new seq and document, and a new write version
 * (which tells cached copies of the board's objects they are stale). */
function saveHead(w: (sql: string) => StatementSync, tx: SqliteBoardTx): void {
  w("UPDATE boards SET seq = ?, doc = ?, org_id = ?, version = version + 1 WHERE id = ?").run(
    tx.seq,
    JSON.stringify(tx.board()),
    tx.board().idOrganization,
    tx.boardId,
  );
}

/** Deletes a board (its rows cascade) and its placeholders, which belonged to it alone. */
function removeBoardRows(w: (sql: string) => StatementSync, boardId: string): void {
  w("DELETE FROM boards WHERE id = ?").run(boardId);
  w("DELETE FROM members WHERE password_hash = '' AND json_extract(doc, '$.placeholder.idBoard') = ?").run(
    boardId,
  );
}
