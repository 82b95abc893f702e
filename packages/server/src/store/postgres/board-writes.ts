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

/** How often, at most, a board this process writes but does not hold is read whole to hold it. */
const WARM_EVERY_MS = 5_000;
/** How long a board that could not be kept (bigger than the cache) is not read whole again. */
const TOO_BIG_FOR_MS = 600_000;
/** Boards remembered for the two waits above; past this the memory starts over. */
const WARMED_KEPT = 10_000;

export class PostgresBoardWriter implements BoardWriter {
  private readonly db: PostgresDatabase;
  private readonly txPool: Pool;
  private readonly queues: BoardQueues;
  private readonly cache: BoardObjectsCache;
  private readonly webhooks: WebhooksSeen;
  /** Reads a board whole into the cache (the board reader's `loadBoard`). */
  private readonly readWhole: (boardId: string) => Promise<unknown>;
  /** When a board may next be read whole to hold it (performance.now()). */
  private readonly warmAfter = new Map<string, number>();

  /** `cache` is the board reader's: a committed transaction carries it to the new version. */
  constructor(
    db: PostgresDatabase,
    txPool: Pool,
    queues: BoardQueues,
    cache: BoardObjectsCache,
    webhooks: WebhooksSeen,
    readWhole: (boardId: string) => Promise<unknown>,
  ) {
    this.db = db;
    this.txPool = txPool;
    this.queues = queues;
    this.cache = cache;
    this.webhooks = webhooks;
    this.readWhole = readWhole;
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
    const done = this.queues.transact(boardId, fn, options.reads);
    // A transaction that declares its reads could have run before its lock, had the board been
    // held here (decision 0049): hold it for the next ones.
    if (options.reads)
      void done.then(
        () => this.holdWritten(boardId),
        () => undefined,
      );
    return done;
  }

  /**
   * Reads a board this process writes whole into the cache, at most every WARM_EVERY_MS, in the
   * board's queue so no write of this process comes between the read and the next transaction.
   * A board the cache does not keep (bigger than it) is left alone for TOO_BIG_FOR_MS.
   */
  private holdWritten(boardId: string): void {
    const now = performance.now();
    if (this.cache.keeps(boardId) || now < (this.warmAfter.get(boardId) ?? 0)) return;
    if (this.warmAfter.size >= WARMED_KEPT) this.warmAfter.clear();
    this.warmAfter.set(boardId, now + WARM_EVERY_MS);
    void this.queues
      .run(boardId, () => this.readWhole(boardId))
      .then(() => {
        if (!this.cache.keeps(boardId)) this.warmAfter.set(boardId, performance.now() + TOO_BIG_FOR_MS);
      })
      .catch(() => undefined); // a failed read only means the next transactions lock first
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
