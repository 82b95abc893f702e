// Running one board transaction on PostgreSQL: lock the board row (or create it), let the command
// work through a PostgresBoardTx on that one connection, save the board's new seq and document, and
// commit; roll back on any error. The row lock is what orders writers of one board across workers.
import type { BoardChange } from "@tack/shared/changes";
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { Board } from "@tack/shared/models";
import type { Pool, PoolClient, QueryResult } from "pg";
import type { BoardObjectsCache } from "../board-objects-cache.ts";
import { lockOrder, type TransactOptions } from "../board-store.ts";
import type { BoardTx, Prefetch } from "../board-tx.ts";
import { readBoard } from "../rows.ts";
import { READ_AHEAD_SQL, type ReadAheadRow, readAheadValues } from "./board-read-ahead.ts";
import { type Expected, PostgresBoardTx } from "./board-tx.ts";
import { ignoreConnectionError, isUniqueViolation, WEBHOOKS_GATE } from "./connection.ts";
import { query, sentTogether } from "./query.ts";

/**
 * The statements that begin a board transaction: BEGIN, the webhooks gate's shared side, held until
 * the transaction ends (connection.ts WEBHOOKS_GATE), and whether a webhook exists, asked once the
 * gate is held (a statement of its own, so its snapshot is taken after the gate). Each is a
 * prepared statement, planned once per connection (a multi-statement text was parsed and planned
 * on every transaction), and they leave in one write with what follows them (sentTogether).
 */
function beginStatements(client: PoolClient): Array<Promise<unknown>> {
  return [
    query(client, "BEGIN"),
    query(client, "SELECT pg_advisory_xact_lock_shared($1)", [WEBHOOKS_GATE]),
    query<{ hooks: boolean }>(client, "SELECT EXISTS (SELECT 1 FROM webhooks) AS hooks"),
  ];
}

/** Where the answers to what was sent after beginStatements start. */
const AFTER_BEGIN = 3;

/** Whether a webhook exists, from what beginStatements answered (its third statement). */
const webhooksIn = (answers: readonly unknown[]): boolean =>
  (answers[AFTER_BEGIN - 1] as QueryResult<{ hooks: boolean }>).rows[0]?.hooks === true;

/**
 * Whether a webhook exists, as this process's last board transaction under the lock saw it (null
 * before the first): what a transaction run before its lock assumes (its flush checks it).
 */
export class WebhooksSeen {
  exist: boolean | null = null;
}

export async function runBoardTransaction<T>(
  pool: Pool,
  boardId: string,
  fn: (tx: BoardTx) => Promise<T>,
  options: TransactOptions,
  cache: BoardObjectsCache,
  webhooks: WebhooksSeen,
): Promise<{ result: T; changes: BoardChange[] }> {
  const client = await pool.connect();
  client.on("error", ignoreConnectionError);
  let broken: Error | undefined;
  try {
    if (options.reads && !options.create) {
      const done = await runBeforeLock(client, boardId, fn, options.reads, cache, webhooks);
      if (done) return done;
    }
    const tx = await openBoardTransaction(
      client,
      boardId,
      options,
      options.reads && { want: options.reads, cache },
      webhooks,
    );
    const result = await fn(tx);
    await tx.commit();
    tx.carryInto(cache);
    return { result, changes: tx.changes };
  } catch (error) {
    await query(client, "ROLLBACK").catch((rollbackError: Error) => {
      broken = rollbackError; // the connection is unusable: the pool must not hand it out again
    });
    if (isUniqueViolation(error, "actions_mutation")) {
      throw new TackError(ErrorCode.conflict, "This mutation id was already used");
    }
    throw error;
  } finally {
    client.off("error", ignoreConnectionError);
    client.release(broken);
  }
}

/**
 * A transaction run on this process's cached board before it takes the lock (decision 0049): when
 * the cache holds the board's row and objects at a version, the command runs against them at once,
 * and BEGIN, the locks, its one flush and COMMIT leave in ONE socket write. The flush writes only
 * if the row is still at that version (and webhooks are as last seen), so what the command read
 * is what it would have read under the lock. Answers null, having written nothing, when it cannot
 * be done that way: nothing cached, a read or early write the cache cannot serve (NeedsLock), an
 * error found on a copy that may be stale, or the board moved on meanwhile. The caller then runs
 * the transaction the usual way.
 */
async function runBeforeLock<T>(
  client: PoolClient,
  boardId: string,
  fn: (tx: BoardTx) => Promise<T>,
  reads: Prefetch,
  cache: BoardObjectsCache,
  webhooks: WebhooksSeen,
): Promise<{ result: T; changes: BoardChange[] } | null> {
  const early = openBeforeLock(client, boardId, cache, webhooks);
  if (!early) return null;
  const { tx } = early;
  let result: T;
  try {
    await tx.prefetch(reads, cache);
    result = await fn(tx);
  } catch {
    // NeedsLock, or a refusal decided on a copy that may be stale: the lock decides.
    return null;
  }
  if (!(await commitBeforeLock(early, cache, webhooks))) return null;
  return { result, changes: tx.changes };
}

/** A transaction on the cached board before its lock, and what it assumes; null when the cache
 * (or what this process has seen of webhooks) cannot serve one. */
export function openBeforeLock(
  client: PoolClient,
  boardId: string,
  cache: BoardObjectsCache,
  webhooks: WebhooksSeen,
): { tx: PostgresBoardTx; expect: Expected } | null {
  const head = cache.headOf(boardId);
  if (!head || webhooks.exist === null) return null;
  const expect: Expected = { version: head.version, webhooks: webhooks.exist };
  return { tx: new PostgresBoardTx(client, boardId, head, expect.webhooks, expect), expect };
}

/**
 * Ends a transaction opened by openBeforeLock (`transactions` of a group, counted for /metrics):
 * the webhooks gate, the row lock, its flush and COMMIT in one statement (decision 0054). True
 * when it wrote (the cache carried forward); false, nothing written, when the board was not as
 * assumed (the copy left to catch up, or the webhooks flag corrected), or when it would delete the
 * board, which no version check can hold back. Throws what the database refused.
 */
export async function commitBeforeLock(
  { tx, expect }: { tx: PostgresBoardTx; expect: Expected },
  cache: BoardObjectsCache,
  webhooks: WebhooksSeen,
  transactions = 1,
): Promise<boolean> {
  if (tx.removed) return false;
  const locked = await tx.commitLockingFirst();
  if (tx.applied) {
    cache.wroteOnCopy(tx.rebased ? "behind" : "committed", transactions);
    tx.carryInto(cache);
    return true;
  }
  if (locked === null) cache.drop(tx.boardId);
  // Same version, so webhooks came or went; otherwise another worker wrote the board, and the
  // copy waits for those writes (decision 0053).
  else if (locked === expect.version) webhooks.exist = !expect.webhooks;
  else {
    cache.wroteOnCopy("stale", transactions);
    cache.movedOn(tx.boardId, locked);
  }
  return false;
}

/**
 * Two boards in one transaction on one connection: both rows locked in id order (lockOrder), so
 * two such transactions never deadlock, and a one-board transaction holds one row only. Objects
 * move from the first board to the second: the first board's writes are flushed before the
 * second's.
 */
export async function runBoardPairTransaction<T>(
  pool: Pool,
  boardIds: readonly [string, string],
  fn: (txs: readonly [BoardTx, BoardTx]) => Promise<T>,
  cache: BoardObjectsCache,
  webhooks: WebhooksSeen,
): Promise<{ result: T; changes: BoardChange[] }> {
  const client = await pool.connect();
  client.on("error", ignoreConnectionError);
  let broken: Error | undefined;
  try {
    // Both rows locked in id order, by statements that leave in one write with BEGIN.
    const order = lockOrder(boardIds);
    const answers = await sentTogether(client, () => [
      ...beginStatements(client),
      ...order.map((id) => query<HeadRow>(client, LOCK_HEAD_SQL, [id])),
    ]);
    const webhooksExist = webhooksIn(answers);
    webhooks.exist = webhooksExist;
    const heads = new Map<string, HeadRow>();
    order.forEach((id, i) => {
      const row = (answers[AFTER_BEGIN + i] as QueryResult<HeadRow>).rows[0];
      if (!row) throw new TackError(ErrorCode.notFound, "board not found");
      heads.set(id, row);
    });
    const [from, to] = boardIds.map((id) => {
      return new PostgresBoardTx(client, id, headOf(heads.get(id)!), webhooksExist);
    }) as [PostgresBoardTx, PostgresBoardTx];
    to.movesFrom = from;
    const result = await fn([from, to]);
    await from.flush(true);
    await to.commit();
    from.carryInto(cache);
    to.carryInto(cache);
    return { result, changes: [...from.changes, ...to.changes] };
  } catch (error) {
    await query(client, "ROLLBACK").catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    if (isUniqueViolation(error, "actions_mutation")) {
      throw new TackError(ErrorCode.conflict, "This mutation id was already used");
    }
    throw error;
  } finally {
    client.off("error", ignoreConnectionError);
    client.release(broken);
  }
}

/** The board row as a transaction locks it: document, seq and write version (decision 0039). */
interface HeadRow {
  doc: unknown;
  seq: string;
  version: string;
}
const LOCK_HEAD_SQL = "SELECT doc, seq, version::text AS version FROM boards WHERE id = $1 FOR UPDATE";

function headOf(row: HeadRow): { board: Board; seq: number; version: number } {
  return { board: readBoard(row.doc), seq: Number(row.seq), version: Number(row.version) };
}

/** What a transaction will read, read ahead as it opens (decision 0036), and where it may be cached. */
export interface ReadAhead {
  want: Prefetch;
  cache: BoardObjectsCache;
}

/**
 * Begins, locks the board row (or creates it) and opens the transaction's view of the board, with
 * `ahead` read: from this process's cached board when it holds the version just locked, otherwise
 * by READ_AHEAD_SQL under the lock. When the cache is not expected to hold the board, the statement
 * leaves in the same write as BEGIN (decision 0045), so the board's lock is held one round trip
 * less either way.
 */
export async function openBoardTransaction(
  client: PoolClient,
  boardId: string,
  options: TransactOptions,
  ahead: ReadAhead | undefined,
  webhooks: WebhooksSeen,
): Promise<PostgresBoardTx> {
  if (!options.create) {
    // BEGIN, the locks and (when the cache is not expected to hold the board) the read-ahead
    // travel in one write and one round trip.
    const readAlong = ahead !== undefined && !ahead.cache.holds(boardId);
    const answers = await sentTogether(client, () => [
      ...beginStatements(client),
      query<HeadRow>(client, LOCK_HEAD_SQL, [boardId]),
      ...(readAlong
        ? [query<ReadAheadRow>(client, READ_AHEAD_SQL, readAheadValues(boardId, ahead.want))]
        : []),
    ]);
    const row = (answers[AFTER_BEGIN] as QueryResult<HeadRow>).rows[0];
    if (!row) throw new TackError(ErrorCode.notFound, "board not found");
    webhooks.exist = webhooksIn(answers);
    const tx = new PostgresBoardTx(client, boardId, headOf(row), webhooks.exist);
    if (readAlong) tx.prefetched((answers[AFTER_BEGIN + 1] as QueryResult<ReadAheadRow>).rows, ahead.want);
    else if (ahead) await tx.prefetch(ahead.want, ahead.cache);
    return tx;
  }
  const board = options.create;
  const answers = await sentTogether(client, () => [
    ...beginStatements(client),
    query(client, "INSERT INTO boards (id, short_link, org_id, seq, doc) VALUES ($1, $2, $3, 0, $4)", [
      board.id,
      board.shortLink,
      board.idOrganization,
      JSON.stringify(board),
    ]),
  ]);
  webhooks.exist = webhooksIn(answers);
  return new PostgresBoardTx(client, boardId, { board, seq: 0, version: null }, webhooks.exist);
}
