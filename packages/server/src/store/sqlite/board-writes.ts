// Board writes on SQLite (board-store.ts, BoardWriter): each transaction is one BEGIN IMMEDIATE on
// the writer, queued behind every earlier write (SqliteConnection.serialized), so a board's seqs
// are assigned in one order with no gaps.
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

export class SqliteBoardWriter implements BoardWriter {
  private readonly db: SqliteConnection;
  private readonly cache: BoardObjectsCache;

  /** `cache` is the board reader's: a committed transaction carries it to the new version. */
  constructor(db: SqliteConnection, cache: BoardObjectsCache) {
    this.db = db;
    this.cache = cache;
  }

  transact<T>(
    boardId: string,
    fn: (tx: BoardTx) => Promise<T>,
    options: TransactOptions = {},
  ): Promise<{ result: T; changes: BoardChange[] }> {
    const { w, writer } = this.db;
    return this.db.serialized(async () => {
      writer.exec("BEGIN IMMEDIATE");
      try {
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
        const result = await fn(tx);
        if (tx.removed) removeBoardRows(w, boardId);
        else saveHead(w, tx);
        writer.exec("COMMIT");
        if (!tx.removed) this.cache.advance(boardId, head.version, head.version + 1, tx.journal);
        return { result, changes: tx.changes };
      } catch (error) {
        writer.exec("ROLLBACK");
        if (isUniqueViolation(error) && /mutation_id/.test(String(error))) {
          throw new TackError(ErrorCode.conflict, "This mutation id was already used");
        }
        throw error;
      }
    });
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
        txs.forEach((tx, i) => {
          const { version } = heads[i]!;
          this.cache.advance(tx.boardId, version, version + 1, tx.journal);
        });
        return { result, changes: txs.flatMap((tx) => tx.changes) };
      } catch (error) {
        writer.exec("ROLLBACK");
        if (isUniqueViolation(error) && /mutation_id/.test(String(error))) {
          throw new TackError(ErrorCode.conflict, "This mutation id was already used");
        }
        throw error;
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
