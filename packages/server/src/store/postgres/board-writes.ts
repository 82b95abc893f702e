// Board writes on PostgreSQL (board-store.ts, BoardWriter). Each transaction locks the board row
// (board-transaction.ts), so writers of one board queue up in the database whichever worker they run
// on; inside one process they also queue in memory (BoardQueues), so a busy board holds one
// connection of the transaction pool instead of all of them, and those that queued up while one ran
// commit together (group commit: board-group.ts).
import type { BoardChange } from "@tack/shared/changes";
import type { Pool } from "pg";
import type { BoardObjectsCache } from "../board-objects-cache.ts";
import { type BoardWriter, lockOrder, type TransactOptions } from "../board-store.ts";
import type { BoardTx } from "../board-tx.ts";
import type { BoardQueues } from "./board-group.ts";
import { runBoardPairTransaction, runBoardTransaction, type WebhooksSeen } from "./board-transaction.ts";
import { DELETE_BOARD_SQL } from "./board-tx-flush.ts";
import type { PostgresDatabase } from "./connection.ts";
import { query } from "./query.ts";

export class PostgresBoardWriter implements BoardWriter {
  private readonly db: PostgresDatabase;
  private readonly txPool: Pool;
  private readonly queues: BoardQueues;
  private readonly cache: BoardObjectsCache;
  private readonly webhooks: WebhooksSeen;

  /** `cache` is the board reader's: a committed transaction carries it to the new version. */
  constructor(
    db: PostgresDatabase,
    txPool: Pool,
    queues: BoardQueues,
    cache: BoardObjectsCache,
    webhooks: WebhooksSeen,
  ) {
    this.db = db;
    this.txPool = txPool;
    this.queues = queues;
    this.cache = cache;
    this.webhooks = webhooks;
  }

  transact<T>(
    boardId: string,
    fn: (tx: BoardTx) => Promise<T>,
    options: TransactOptions = {},
  ): Promise<{ result: T; changes: BoardChange[] }> {
    // A new board runs alone; every other transaction may be grouped with its board's neighbours.
    if (options.create)
      return this.queues.run(boardId, () =>
        runBoardTransaction(this.txPool, boardId, fn, options, this.cache, this.webhooks),
      );
    return this.queues.transact(boardId, fn, options.reads);
  }

  transactPair<T>(
    boardIds: readonly [string, string],
    fn: (txs: readonly [BoardTx, BoardTx]) => Promise<T>,
  ): Promise<{ result: T; changes: BoardChange[] }> {
    // In this process too, the two queues are joined in id order, like the row locks.
    const [first, second] = lockOrder(boardIds);
    return this.queues.run(first, () =>
      this.queues.run(second, () =>
        runBoardPairTransaction(this.txPool, boardIds, fn, this.cache, this.webhooks),
      ),
    );
  }

  async deleteBoard(boardId: string): Promise<void> {
    // Queued like a transaction, so it waits for this process's writers instead of a connection.
    // Its placeholders (imported people with no login) belonged to it alone: gone in the same statement.
    await this.queues.run(boardId, () => query(this.db.pool, DELETE_BOARD_SQL, [boardId]));
  }
}
