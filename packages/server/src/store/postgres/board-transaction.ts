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
import { type MutationActionRow, PRIOR_MUTATIONS_SQL, priorMutationsValues } from "./actions.ts";
import { READ_AHEAD_SQL, type ReadAheadRow, readAheadValues } from "./board-read-ahead.ts";
import { type Expected, PostgresBoardTx } from "./board-tx.ts";
import type { FreshRows } from "./board-tx-flush.ts";
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
      const done = await runWithoutLock(client, boardId, fn, options.reads, cache, webhooks);
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
 * A transaction run without holding the board's lock while the command runs, ending in one
 * statement that writes only if what the command read still holds (decisions 0049, 0055): first on
 * this process's cached board, when it holds the board's row and objects at a version (no
 * statement before the command); when it holds none, or its copy was found stale, on fresh rows
 * read without the lock (decision 0057), which the stale try's statement answers (decision 0059).
 * Answers null, having written nothing, when neither commits: a read or early write the copy
 * cannot serve (NeedsLock), an error found on rows that may be stale, or the board moved on under
 * both. The caller then runs the transaction the usual way, under the lock.
 */
async function runWithoutLock<T>(
  client: PoolClient,
  boardId: string,
  fn: (tx: BoardTx) => Promise<T>,
  reads: Prefetch,
  cache: BoardObjectsCache,
  webhooks: WebhooksSeen,
): Promise<{ result: T; changes: BoardChange[] } | null> {
  return triedWithoutLock(client, boardId, reads, cache, webhooks, (opened, load) =>
    attempt(opened, load, fn, cache, webhooks),
  );
}

/**
 * The tries without the lock, in order (decisions 0049, 0057, 0059): on the process's copy when it
 * holds a current one, then, when it holds none or the copy was stale, on fresh rows: those the
 * stale try's statement answered, or else one read. `tryOn` loads what was declared with `load`,
 * runs and commits; it answers a StaleCopy, or null when only the lock can decide. Answers what a
 * try committed, or null: the caller takes the lock.
 */
export async function triedWithoutLock<R>(
  client: PoolClient,
  boardId: string,
  want: Prefetch,
  cache: BoardObjectsCache,
  webhooks: WebhooksSeen,
  tryOn: (opened: OpenedWithoutLock, load: () => Promise<void>) => Promise<R | StaleCopy | null>,
): Promise<R | null> {
  // What each try assumes of webhooks (its statement checks it); never seen: a transaction under
  // the lock learns it.
  const webhooksSeen = webhooks.exist;
  if (webhooksSeen === null) return null;
  let fresh: FreshRows | null = null;
  const early = openBeforeLock(client, boardId, want, cache, webhooksSeen);
  if (early) {
    const done = await tryOn(early, () => early.tx.prefetch(want, cache));
    if (!(done instanceof StaleCopy)) return done;
    fresh = done.found;
  }
  fresh ??= await readWithoutLock(client, boardId, want);
  if (!fresh) return null; // the board is gone: the lock answers not found
  const read = openOnRead(client, boardId, fresh, want, webhooksSeen);
  const done = await tryOn(read, read.reload);
  return done instanceof StaleCopy ? null : done;
}

/** A try without the lock found what it read written since: nothing was written. `found`: the
 * fresh rows its statement answered (decision 0059), null when it was not asked for them. */
export class StaleCopy {
  readonly found: FreshRows | null;
  constructor(found: FreshRows | null) {
    this.found = found;
  }
}

/** One try without the lock: `load` what was declared, run the command, commit. A StaleCopy when
 * the statement found what the command read written since; null when only the lock can decide. */
async function attempt<T>(
  opened: OpenedWithoutLock,
  load: () => Promise<void>,
  fn: (tx: BoardTx) => Promise<T>,
  cache: BoardObjectsCache,
  webhooks: WebhooksSeen,
): Promise<{ result: T; changes: BoardChange[] } | StaleCopy | null> {
  let result: T;
  try {
    await load();
    result = await fn(opened.tx);
  } catch {
    // NeedsLock, or a refusal decided on rows that may be stale: the lock decides.
    return null;
  }
  const outcome = await commitBeforeLock(opened, cache, webhooks);
  if (outcome === "applied") return { result, changes: opened.tx.changes };
  return outcome === "refused" ? null : outcome;
}

/** A transaction opened without the lock, what it assumes, and where its rows come from. */
export interface OpenedWithoutLock {
  readonly tx: PostgresBoardTx;
  readonly expect: Expected;
  /** On the process's copy of the board (decision 0049), or on fresh rows (decisions 0057, 0059). */
  readonly source: "copy" | "read";
  /** What the transaction declared it reads, for its statement to answer if it finds them
   * written since (decision 0059); null when no further try would use them. */
  readonly answerIfStale: Prefetch | null;
}

/** A transaction on the cached board before its lock, and what it assumes; null when the cache
 * holds no current copy. */
function openBeforeLock(
  client: PoolClient,
  boardId: string,
  want: Prefetch,
  cache: BoardObjectsCache,
  webhooksSeen: boolean,
): OpenedWithoutLock | null {
  const head = cache.headOf(boardId);
  if (!head) return null;
  const expect: Expected = { version: head.version, webhooks: webhooksSeen };
  const tx = new PostgresBoardTx(client, boardId, head, expect.webhooks, expect);
  return { tx, expect, source: "copy", answerIfStale: want };
}

/**
 * One read without the lock (decision 0057): the board row and what `want` declares, in one socket
 * write. The two statements may see two snapshots; the commit's check makes that safe, since it
 * holds only when everything the command read is still as read. Null when the board is gone.
 */
async function readWithoutLock(
  client: PoolClient,
  boardId: string,
  want: Prefetch,
): Promise<FreshRows | null> {
  const answers = await sentTogether(client, () => [
    query<HeadRow>(client, HEAD_SQL, [boardId]),
    query<ReadAheadRow>(client, READ_AHEAD_SQL, readAheadValues(boardId, want)),
  ]);
  const head = (answers[0] as QueryResult<HeadRow>).rows[0];
  return head ? { head, rows: (answers[1] as QueryResult<ReadAheadRow>).rows } : null;
}

/**
 * A transaction on fresh rows, without the lock: what one read answered, or what a stale try's
 * statement answered under its lock; then the same one-statement commit as on a copy. `reload`
 * hands the rows to the transaction again (a group's failed command forgets them).
 */
function openOnRead(
  client: PoolClient,
  boardId: string,
  fresh: FreshRows,
  want: Prefetch,
  webhooksSeen: boolean,
): OpenedWithoutLock & { reload: () => Promise<void> } {
  const head = headOf(fresh.head);
  const expect: Expected = { version: head.version, webhooks: webhooksSeen };
  const tx = new PostgresBoardTx(client, boardId, head, expect.webhooks, expect);
  return {
    tx,
    expect,
    source: "read",
    answerIfStale: null,
    reload: async () => tx.prefetched(fresh.rows, want),
  };
}

/**
 * Ends a transaction opened without the lock (`transactions` of a group, counted for /metrics):
 * the webhooks gate, the row lock, its flush and COMMIT in one statement (decision 0054).
 * "applied" when it wrote (the cache carried forward); a StaleCopy, nothing written, when what it
 * read was written since (the copy left to catch up), with the fresh rows when it asked for them;
 * "refused", nothing written, when the board is gone, webhooks came or went (the flag corrected),
 * or the transaction would delete the board, which no check can hold back. Throws what the
 * database refused.
 */
export async function commitBeforeLock(
  { tx, expect, source, answerIfStale }: OpenedWithoutLock,
  cache: BoardObjectsCache,
  webhooks: WebhooksSeen,
  transactions = 1,
): Promise<"applied" | StaleCopy | "refused"> {
  if (tx.removed) return "refused";
  const { locked, freshIfStale } = await tx.commitLockingFirst(answerIfStale);
  if (tx.applied) {
    cache.wroteOnCopy(source === "read" ? "read" : tx.rebased ? "behind" : "committed", transactions);
    tx.carryInto(cache);
    return "applied";
  }
  if (locked === null) {
    cache.drop(tx.boardId);
    return "refused";
  }
  if (locked === expect.version) {
    // Same version, so webhooks came or went.
    webhooks.exist = !expect.webhooks;
    return "refused";
  }
  // Another worker wrote what this read; a copy waits for those writes (decision 0053).
  cache.wroteOnCopy(source === "read" ? "read_stale" : "stale", transactions);
  cache.movedOn(tx.boardId, locked);
  return new StaleCopy(freshIfStale);
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

/** The board row as a transaction locks or reads it: document, seq and write version (decision 0039). */
type HeadRow = FreshRows["head"];
/** The board row read without the lock (readWithoutLock), and locked (the usual way). */
export const HEAD_SQL = "SELECT doc, seq, version::text AS version FROM boards WHERE id = $1";
const LOCK_HEAD_SQL = `${HEAD_SQL} FOR UPDATE`;

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
    // Earlier attempts of the declared mutation ids, looked for under the lock in the same write
    // rather than by a statement of each command (a group of web client writes: one each).
    const mutations = ahead?.want.mutations ?? [];
    const answers = await sentTogether(client, () => [
      ...beginStatements(client),
      query<HeadRow>(client, LOCK_HEAD_SQL, [boardId]),
      ...(mutations.length > 0
        ? [query<MutationActionRow>(client, PRIOR_MUTATIONS_SQL, priorMutationsValues(mutations))]
        : []),
      ...(readAlong
        ? [query<ReadAheadRow>(client, READ_AHEAD_SQL, readAheadValues(boardId, ahead.want))]
        : []),
    ]);
    const row = (answers[AFTER_BEGIN] as QueryResult<HeadRow>).rows[0];
    if (!row) throw new TackError(ErrorCode.notFound, "board not found");
    webhooks.exist = webhooksIn(answers);
    const tx = new PostgresBoardTx(client, boardId, headOf(row), webhooks.exist);
    let next = AFTER_BEGIN + 1;
    if (mutations.length > 0)
      tx.knowPriors(mutations, (answers[next++] as QueryResult<MutationActionRow>).rows);
    if (readAlong) tx.prefetched((answers[next] as QueryResult<ReadAheadRow>).rows, ahead.want);
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
