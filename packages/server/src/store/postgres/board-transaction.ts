// Running one board transaction on PostgreSQL: lock the board row (or create it), let the command
// work through a PostgresBoardTx on that one connection, save the board's new seq and document, and
// commit; roll back on any error. The row lock is what orders writers of one board across workers.
import type { BoardChange } from "@tack/shared/changes";
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { Board } from "@tack/shared/models";
import type { Pool, PoolClient } from "pg";
import type { BoardObjectsCache } from "../board-objects-cache.ts";
import { lockOrder, type TransactOptions } from "../board-store.ts";
import type { BoardTx } from "../board-tx.ts";
import { readBoard } from "../rows.ts";
import { PostgresBoardTx } from "./board-tx.ts";
import { ignoreConnectionError, isUniqueViolation, WEBHOOKS_GATE } from "./connection.ts";
import { query } from "./query.ts";

/** Deletes a board (its rows cascade) and its placeholders, which belonged to it alone. */
export const DELETE_BOARD_SQL = `WITH board AS (DELETE FROM boards WHERE id = $1)
  DELETE FROM members WHERE password_hash = '' AND doc->'placeholder'->>'idBoard' = $1`;

/**
 * Begins a board transaction holding the webhooks gate's shared side until it ends (connection.ts
 * WEBHOOKS_GATE), and asks whether a webhook exists, once the gate is held (a statement of its
 * own, so its snapshot is taken after the gate): one round trip, as BEGIN alone. Multi-statement
 * text takes no parameters.
 */
const BEGIN_BOARD = `BEGIN; SELECT pg_advisory_xact_lock_shared(${WEBHOOKS_GATE});
  SELECT EXISTS (SELECT 1 FROM webhooks) AS hooks`;

type Results = Array<{ rows: Array<Record<string, unknown>> }>;

/** Runs BEGIN_BOARD (and `then`, in the same round trip): whether a webhook exists, and `then`'s rows. */
async function beginBoard(
  client: PoolClient,
  then = "",
): Promise<{ webhooksExist: boolean; rows: Array<Record<string, unknown>> }> {
  const results = (await client.query(then ? `${BEGIN_BOARD}; ${then}` : BEGIN_BOARD)) as unknown as Results;
  return { webhooksExist: results[2]?.rows[0]?.hooks === true, rows: results[3]?.rows ?? [] };
}

export async function runBoardTransaction<T>(
  pool: Pool,
  boardId: string,
  fn: (tx: BoardTx) => Promise<T>,
  options: TransactOptions,
  cache: BoardObjectsCache,
): Promise<{ result: T; changes: BoardChange[] }> {
  const client = await pool.connect();
  client.on("error", ignoreConnectionError);
  let broken: Error | undefined;
  try {
    const tx = await openBoardTransaction(client, boardId, options);
    if (options.reads) await tx.prefetch(options.reads, cache);
    const result = await fn(tx);
    await tx.flush(true);
    // A removed board takes its placeholders (imported people with no login) along.
    if (tx.removed) await query(client, DELETE_BOARD_SQL, [boardId]);
    await query(client, "COMMIT");
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
): Promise<{ result: T; changes: BoardChange[] }> {
  const client = await pool.connect();
  client.on("error", ignoreConnectionError);
  let broken: Error | undefined;
  try {
    const { webhooksExist } = await beginBoard(client);
    const heads = new Map<string, HeadRow>();
    for (const id of lockOrder(boardIds)) {
      const { rows } = await query<HeadRow>(client, LOCK_HEAD_SQL, [id]);
      if (!rows[0]) throw new TackError(ErrorCode.notFound, "board not found");
      heads.set(id, rows[0]);
    }
    const [from, to] = boardIds.map((id) => {
      return new PostgresBoardTx(client, id, headOf(heads.get(id)!), webhooksExist);
    }) as [PostgresBoardTx, PostgresBoardTx];
    to.movesFrom = from;
    const result = await fn([from, to]);
    await from.flush(true);
    await to.flush(true);
    await query(client, "COMMIT");
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

const HEX_ID = /^[0-9a-f]{24}$/;

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

/** Begins, locks the board row (or creates it) and opens the transaction's view of the board. */
export async function openBoardTransaction(
  client: PoolClient,
  boardId: string,
  options: TransactOptions,
): Promise<PostgresBoardTx> {
  if (!options.create && HEX_ID.test(boardId)) {
    // BEGIN and the locks travel in one round trip. Multi-statement text cannot carry parameters,
    // so the id is inlined, which is safe only because it is 24 hex digits (checked above).
    const { webhooksExist, rows } = await beginBoard(
      client,
      `SELECT doc, seq, version::text AS version FROM boards WHERE id = '${boardId}' FOR UPDATE`,
    );
    const row = rows[0] as HeadRow | undefined;
    if (!row) throw new TackError(ErrorCode.notFound, "board not found");
    return new PostgresBoardTx(client, boardId, headOf(row), webhooksExist);
  }
  const { webhooksExist } = await beginBoard(client);
  if (options.create) {
    const board = options.create;
    await query(client, "INSERT INTO boards (id, short_link, org_id, seq, doc) VALUES ($1, $2, $3, 0, $4)", [
      board.id,
      board.shortLink,
      board.idOrganization,
      JSON.stringify(board),
    ]);
    return new PostgresBoardTx(client, boardId, { board, seq: 0, version: null }, webhooksExist);
  }
  const { rows } = await query<HeadRow>(client, LOCK_HEAD_SQL, [boardId]);
  const row = rows[0];
  if (!row) throw new TackError(ErrorCode.notFound, "board not found");
  return new PostgresBoardTx(client, boardId, headOf(row), webhooksExist);
}
