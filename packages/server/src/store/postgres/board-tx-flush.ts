// The one statement that writes what a PostgreSQL board transaction buffered: removed objects,
// new or changed objects and recorded actions, and (when the transaction finishes) the board row's
// new seq and document. One round trip whatever the command changed. It answers how many object
// rows it wrote and the board row's new version, which the process's board cache needs to carry
// its copy across the commit (board-objects-cache.ts).
import { createHash } from "node:crypto";
import type { BoardObjectKind, BoardObjectOf } from "@tack/shared/models";
import { parentOf } from "@tack/shared/models";
import type { PoolClient, QueryResult } from "pg";
import type { Prefetch } from "../board-tx.ts";
import type { OutboxDraft } from "../notify-store.ts";
import { closedOf, shortLinkOf } from "../rows.ts";
import type { PendingAction } from "./actions.ts";
import { READ_AHEAD_SQL, type ReadAheadRow, readAheadValues } from "./board-read-ahead.ts";
import { WEBHOOKS_GATE } from "./connection.ts";
import { jsonArray, jsonbElements, query, sentTogether } from "./query.ts";

export interface PendingObject {
  kind: BoardObjectKind;
  doc: BoardObjectOf[BoardObjectKind];
}

/** An outbox entry waiting for the flush (board-tx.ts `enqueue`). */
export interface PendingOutbox {
  draft: OutboxDraft;
  createdAt: string;
}

export interface BoardTxWrites {
  boardId: string;
  /** Ids of objects to delete. */
  removals: string[];
  puts: PendingObject[];
  /** Each put's document as JSON, in the same order (the transaction keeps them for the cache). */
  putTexts: string[];
  actions: PendingAction[];
  /** Outbox entries in the order they were enqueued (their ids follow that order). */
  outbox: PendingOutbox[];
  /** The board row's seq, document (as JSON) and workspace, saved only with `finish`. */
  seq: number;
  boardText: string;
  orgId: string | null;
  finish: boolean;
  /**
   * Write only if the board row is still at this version and whether a webhook exists is as
   * said: a transaction that ran on the process's cached board before taking the lock
   * (board-transaction.ts, decision 0049). Null: write unconditionally.
   */
  expect: { version: number; webhooks: boolean } | null;
  /**
   * With `expect`: what the transaction read, when it may commit on a board past that version so
   * long as nothing of it was written since (decision 0055); null when it may not (its document
   * changed beyond `dateLastActivity`). The board's seq the copy was at comes with it: the actions'
   * seqs and the board's are moved on by however far the board's seq moved.
   */
  readSet: (ReadSet & { seq: number }) | null;
}

/** What a transaction run without the lock read of the board's objects (decision 0055). */
export interface ReadSet {
  /** Ids it found on the board, and ids it looked for and did not. */
  readonly found: readonly string[];
  readonly missing: readonly string[];
  /**
   * Listings it read: every object of a kind under a parent, or of the whole kind (parent null), or,
   * where a placement fitted (decision 0056), only the children placed within `span` (bounds
   * inclusive, null unbounded), the item placed aside.
   */
  readonly listings: ReadonlyArray<Listing>;
}

export interface Listing {
  readonly kind: BoardObjectKind;
  readonly parent: string | null;
  readonly rows: number;
  readonly span?: { readonly low: number | null; readonly high: number | null; readonly except: string };
}

/** What a flush did: how many of its puts wrote a row (an upsert of another board's id writes none),
 * how many outbox entries it wrote (an entry only for watchers is written only if watched), the
 * board row's new version when it finished the transaction, whether it wrote at all (false only
 * when `expect` did not hold), how far it moved the seqs (non-zero only for a transaction that
 * committed on a copy the board had moved past, decision 0055), and, for a flush that took the
 * lock itself, the version the board row had when locked (null: no such board). */
export interface FlushResult {
  written: number;
  queued: number;
  version: number | null;
  applied: boolean;
  shift: number;
  locked: number | null;
  /** The fresh rows a lock-flush-commit was asked to answer if it found its copy stale, when it
   * did (decision 0059); null otherwise. */
  freshIfStale: FreshRows | null;
}

/** The board row and the rows a transaction declared it reads, fresh: read without the lock
 * (decision 0057), or answered under the lock by a flush that found the transaction's copy stale
 * (decision 0059). */
export interface FreshRows {
  readonly head: { readonly doc: unknown; readonly seq: string; readonly version: string };
  readonly rows: readonly ReadAheadRow[];
}

/** LOCK_FLUSH_COMMIT's rows: the flush's (with the board row when found stale), then read-ahead rows. */
type LockedFlushRow = FlushRow & {
  locked: string | null;
  head_doc: unknown;
  head_seq: string | null;
  ahead_id: string | null;
  ahead_kind: ReadAheadRow["kind"] | null;
  ahead_parent_id: string | null;
  ahead_text: string | null;
  ahead_pos: number | null;
};

/** Deletes a board (its rows cascade) and its placeholders, which belonged to it alone. */
export const DELETE_BOARD_SQL = `WITH board AS (DELETE FROM boards WHERE id = $1)
  DELETE FROM members WHERE password_hash = '' AND doc->'placeholder'->>'idBoard' = $1`;

/**
 * What follows a flush in the same socket write: nothing (the transaction goes on), or its COMMIT,
 * behind the board's deletion when the transaction removed the board (decision 0045). Or the flush
 * is the whole transaction: one statement that takes the webhooks gate and the board row's lock,
 * flushes and commits (`lock-flush-commit`, decision 0054), for a transaction run before its lock.
 */
export type FlushThen = "stay-open" | "commit" | "delete-board-and-commit" | "lock-flush-commit";

type FlushRow = {
  written: number;
  queued: number;
  version: string | null;
  applied: boolean | null;
  shift: number;
};

/** The write version an object row gets from a writer that does not stamp it (postgres-schema.ts). */
const UNSTAMPED = "9223372036854775807";

/**
 * Whether nothing a transaction run without the lock read (on the process's copy, or on a fresh
 * read: decision 0057) was written since the version it read at, $27 (decision 0055): every
 * object it found ($32) is still on the board and unwritten since; none it looked for and did not
 * find ($33) is on the board now; every listing it read (kind $34 under parent $35, or the whole
 * kind when the parent is null; $36 rows; under a parent, only the rows positioned from $37 to $38
 * and not $39 when those are given) still has that many rows, none written since (a row moved in
 * is new, one moved out or removed leaves the count short); and the board's document is the one
 * the transaction saved, but for its `dateLastActivity`. Only asked when the board row is past
 * $27 and the transaction may be moved ($30). Each listing is read through the index of what it
 * names, behind an `OFFSET 0` fence (board-read-ahead.ts says why).
 */
const READ_SET_UNCHANGED = `(
         (SELECT count(*) FROM objects WHERE id = ANY($32::text[]) AND board_id = $1 AND version <= $27::bigint)
           = cardinality($32::text[])
         AND NOT EXISTS (SELECT 1 FROM objects WHERE id = ANY($33::text[]) AND board_id = $1)
         AND NOT EXISTS (
           SELECT 1 FROM unnest($34::text[], $35::text[], $36::int[], $37::float8[], $38::float8[], $39::text[])
                    AS l(kind, parent, n, low, high, except_id)
            CROSS JOIN LATERAL (
              SELECT count(*) AS c, max(o.version) AS m
                FROM (SELECT id, board_id, version, COALESCE((doc->>'pos')::float8, 0) AS pos FROM objects
                       WHERE parent_id = l.parent AND kind = l.kind OFFSET 0) o
               WHERE o.board_id = $1 AND (l.except_id IS NULL OR o.id <> l.except_id)
                 AND (l.low IS NULL OR o.pos >= l.low) AND (l.high IS NULL OR o.pos <= l.high)) s
            WHERE l.parent IS NOT NULL AND (s.c <> l.n OR s.m > $27::bigint))
         AND NOT EXISTS (
           SELECT 1 FROM unnest($34::text[], $35::text[], $36::int[]) AS l(kind, parent, n)
            CROSS JOIN LATERAL (
              SELECT count(*) AS c, max(o.version) AS m FROM objects o WHERE o.board_id = $1 AND o.kind = l.kind) s
            WHERE l.parent IS NULL AND (s.c <> l.n OR s.m > $27::bigint))
         AND ((SELECT doc FROM head_now) - 'dateLastActivity') = ($20::jsonb - 'dateLastActivity'))`;

/**
 * The writes of a flush, each run only when `ok` holds (an SQL condition) and writing the version
 * `stamp` on each object row and moving the actions' seqs and the board's by `shift` (SQL
 * expressions). FLUSH_SQL runs them as the CTEs of one statement; LOCK_FLUSH_COMMIT runs each as a
 * statement of its own, and only those with rows to write (decision 0066).
 */
function flushWrites({ ok, stamp, shift }: { ok: string; stamp: string; shift: string }) {
  return {
    remove: `DELETE FROM objects WHERE cardinality($2::text[]) > 0 AND id = ANY($2::text[]) AND board_id = $1
           AND ${ok}`,
    // Written rows: an upsert of another board's id writes none.
    write: `INSERT INTO objects (id, board_id, kind, parent_id, short_link, closed, doc, version)
         SELECT id, $1, kind, parent_id, short_link, closed, doc, ${stamp}
           FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[], ${jsonbElements(8)})
             AS row(id, kind, parent_id, short_link, closed, doc)
          WHERE ${ok}
         ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, closed = excluded.closed, doc = excluded.doc,
           version = excluded.version
         WHERE objects.board_id = excluded.board_id`,
    record: `INSERT INTO actions (id, board_id, seq, type, member_id, card_id, date, data, models, deleted, mutation_id, mutation_kind)
         SELECT id, $1, seq + ${shift}, type, member_id, card_id, date, data, models, deleted,
                mutation_id, mutation_kind
           FROM unnest($9::text[], $10::bigint[], $11::text[], $12::text[], $13::text[], $14::text[],
                       ${jsonbElements(15)}, ${jsonbElements(16)}, ${jsonbElements(17)}, $18::text[], $23::text[])
             AS row(id, seq, type, member_id, card_id, date, data, models, deleted, mutation_id, mutation_kind)
          WHERE ${ok}`,
    // An entry only for watchers is written only if one of its objects is watched by someone else.
    queue: `INSERT INTO outbox (board_id, topic, payload, created_at)
         SELECT $1, topic, payload, created_at
           FROM unnest($24::text[], ${jsonbElements(25)}, $26::text[], ${jsonbElements(29)})
             WITH ORDINALITY AS row(topic, payload, created_at, watched, n)
          WHERE ${ok}
            AND (watched IS NULL OR EXISTS (
                  SELECT 1 FROM watches w
                   WHERE w.object_id IN (SELECT jsonb_array_elements_text(watched->'objectIds'))
                     AND w.member_id <> watched->>'byOtherThan'))
          ORDER BY n`,
    head: `UPDATE boards SET seq = $19 + ${shift}, doc = $20, org_id = $21 WHERE id = $1 AND $22 AND ${ok}`,
  };
}

/**
 * The one statement of a flush made under the board row's lock (the transaction took it). Every
 * part writes only when `expected` holds: the version read in the statement's own snapshot, or,
 * past it, nothing the transaction read written since (READ_SET_UNCHANGED); then the actions' seqs
 * and the board's move on by `shift`, as far as the board's seq moved past the copy's. Each object
 * row written is stamped with the version the board row moves to.
 */
export const FLUSH_SQL = (() => {
  const parts = flushWrites({
    ok: "(SELECT ok FROM expected)",
    stamp: "(SELECT next_version FROM expected)",
    shift: "(SELECT shift FROM expected)",
  });
  return `WITH head_now AS (
         SELECT version, seq, doc FROM boards WHERE id = $1
       ), expected AS (
         SELECT CASE
                  WHEN $27::bigint IS NULL THEN true
                  WHEN EXISTS (SELECT 1 FROM webhooks) <> $28::boolean THEN false
                  WHEN (SELECT version FROM head_now) = $27::bigint THEN true
                  WHEN NOT $30::boolean THEN false
                  ELSE ${READ_SET_UNCHANGED}
                END AS ok,
                coalesce((SELECT seq FROM head_now) - $31::bigint, 0) AS shift,
                coalesce((SELECT version FROM head_now) + 1, ${UNSTAMPED}) AS next_version
       ), removed AS (
         ${parts.remove}
       ), written AS (
         ${parts.write}
         RETURNING 1
       ), recorded AS (
         ${parts.record}
       ), queued AS (
         ${parts.queue}
         RETURNING 1
       ), head AS (
         ${parts.head}
         RETURNING version
       )
       SELECT (SELECT count(*) FROM written)::int AS written, (SELECT count(*) FROM queued)::int AS queued,
              (SELECT version FROM head)::text AS version, (SELECT ok FROM expected) AS applied,
              (SELECT shift FROM expected)::int AS shift`;
})();

/**
 * When every outbox entry is only for watchers and has one author (a move's is), the function asks
 * once whether anyone else watches any of their objects, by the primary key of `watches`, and
 * skips the outbox statement when no one does, as it usually is (decision 0066): its entries would
 * all be left out. `unwatched_unless` is null when the entries cannot be asked for together.
 */
const QUEUE_UNLESS_UNWATCHED = `(unwatched_unless IS NULL OR EXISTS (
          SELECT 1 FROM watches w WHERE w.object_id = ANY(unwatched_unless) AND w.member_id <> unwatched_by))`;

/** The shortcut's values for `outbox`: its entries' objects and author, or nulls (QUEUE_UNLESS_UNWATCHED). */
function outboxShortcut(outbox: readonly PendingOutbox[]): [string[] | null, string | null] {
  const by = outbox[0]?.draft.onlyIfWatched?.byOtherThan;
  if (by === undefined || !outbox.every((o) => o.draft.onlyIfWatched?.byOtherThan === by))
    return [null, null];
  return [[...new Set(outbox.flatMap((o) => o.draft.onlyIfWatched!.objectIds))], by];
}

/**
 * The whole of a transaction that ran before its lock, as one statement (decision 0054): a function
 * that takes the webhooks gate (its shared side) and the board row's lock, checks what the
 * transaction expected of the row as locked, makes the flush's writes (each statement of a VOLATILE
 * function takes its own snapshot, so each sees the row as locked) and, called alone, commits. The
 * check and each write are statements of their own, run only when needed: a move's card, action and
 * board row, with no read set looked at, outbox or removal planned or started (decision 0066). It
 * answers one row: the flush's, and the version the row had when locked. When the flush found the
 * transaction's copy stale and `answer_stale` ($41) is set, that row also carries the board row as
 * locked (document and seq), and the rows READ_AHEAD_SQL answers for what the transaction declared
 * ($42-$52) follow it, read under the same lock: the next try runs on them without a read of its
 * own (decision 0059). The outbox shortcut's values (QUEUE_UNLESS_UNWATCHED) come last ($53, $54).
 * Its name carries a hash of its text: each Tack version creates and calls its own
 * (postgres-migrate.ts), so two versions side by side in a rolling restart never call each other's.
 */
export const LOCK_FLUSH_COMMIT = (() => {
  // FLUSH_SQL's 39 values and the gate.
  const FLUSH_PARAMETERS = 40;
  // READ_AHEAD_SQL's values but the board id ($2-$12 there) come after answer_stale ($41).
  const readAhead = READ_AHEAD_SQL.replace(/\$(\d+)/g, (all, n: string) =>
    n === "1" ? all : `$${Number(n) + FLUSH_PARAMETERS}`,
  );
  // The answer's columns are the function's OUT variables (RETURNS TABLE); `version` and the
  // others name columns inside the statements, where `use_column` reads them as columns.
  const parts = flushWrites({
    ok: "true",
    stamp: `coalesce(locked_version + 1, ${UNSTAMPED})`,
    shift: "seq_shift",
  });
  // A write runs only when its first array parameter has rows and, if given, `also` holds (asked
  // second: a condition with a query is a statement of its own, the count alone is not); `count`
  // takes its row count.
  const whenAny = (parameter: number, statement: string, count?: string, also?: string) => {
    const write = `${statement};${count ? `\n        GET DIAGNOSTICS ${count} = ROW_COUNT;` : ""}`;
    return `IF cardinality($${parameter}::text[]) > 0 THEN
        ${also ? `IF ${also} THEN\n        ${write}\n        END IF;` : write}
      END IF;`;
  };
  const body = `
  #variable_conflict use_column
  DECLARE
    locked_version bigint;
    locked_seq bigint;
    seq_shift bigint;
    head_version bigint;
  BEGIN
    PERFORM pg_advisory_xact_lock_shared(gate);
    SELECT b.version, b.seq INTO locked_version, locked_seq FROM boards b WHERE b.id = $1 FOR UPDATE;
    IF $27::bigint IS NULL THEN applied := true;
    ELSIF EXISTS (SELECT 1 FROM webhooks) <> $28::boolean THEN applied := false;
    ELSIF locked_version = $27::bigint THEN applied := true;
    ELSIF NOT $30::boolean THEN applied := false;
    ELSE applied := (WITH head_now AS (SELECT doc FROM boards WHERE id = $1) SELECT ${READ_SET_UNCHANGED});
    END IF;
    seq_shift := coalesce(locked_seq - $31::bigint, 0);
    written := 0;
    queued := 0;
    IF applied THEN
      ${whenAny(2, parts.remove)}
      ${whenAny(3, parts.write, "written")}
      ${whenAny(9, parts.record)}
      ${whenAny(24, parts.queue, "queued", QUEUE_UNLESS_UNWATCHED)}
      IF $22 THEN
        ${parts.head}
        RETURNING version INTO head_version;
      END IF;
    END IF;
    version := head_version::text;
    shift := seq_shift::integer;
    locked := locked_version::text;
    IF applied IS TRUE OR locked_version IS NULL OR locked_version = $27 OR NOT answer_stale THEN
      RETURN NEXT;
      RETURN;
    END IF;
    SELECT b.doc, b.seq::text INTO head_doc, head_seq FROM boards b WHERE b.id = $1;
    RETURN NEXT;
    RETURN QUERY SELECT NULL::integer, NULL::integer, NULL::text, NULL::boolean, NULL::integer, NULL::text,
      NULL::jsonb, NULL::text, r.id, r.kind, r.parent_id, r.text, r.pos
      FROM (${readAhead}) r;
  END`;
  const name = `tack_lock_flush_commit_${createHash("sha1").update(body).digest("hex").slice(0, 16)}`;
  const readAheadValuesButBoard = readAheadValues("", {}).length - 1;
  // The outbox's two shortcut values come last.
  const parameters = FLUSH_PARAMETERS + 1 + readAheadValuesButBoard + 2;
  return {
    name,
    create: `CREATE FUNCTION ${name}(
      text, text[], text[], text[], text[], text[], boolean[], jsonb, text[], bigint[],
      text[], text[], text[], text[], jsonb, jsonb, jsonb, text[], bigint, jsonb,
      text, boolean, text[], text[], jsonb, text[], bigint, boolean, jsonb, boolean, bigint,
      text[], text[], text[], text[], integer[], float8[], float8[], text[], gate bigint,
      answer_stale boolean, ${Array.from({ length: readAheadValuesButBoard }, () => "text[]").join(", ")},
      unwatched_unless text[], unwatched_by text
    ) RETURNS TABLE (written integer, queued integer, version text, applied boolean, shift integer, locked text,
      head_doc jsonb, head_seq text, ahead_id text, ahead_kind text, ahead_parent_id text, ahead_text text,
      ahead_pos float8)
    LANGUAGE plpgsql VOLATILE AS $fn$${body}$fn$`,
    call: `SELECT * FROM ${name}(${Array.from({ length: parameters }, (_, i) => `$${i + 1}`).join(", ")})`,
  };
})();

/** FLUSH_SQL's values, in the order of its parameters. */
function flushValues({
  boardId,
  removals,
  puts,
  putTexts,
  actions,
  outbox,
  seq,
  boardText,
  orgId,
  finish,
  expect,
  readSet,
}: BoardTxWrites): unknown[] {
  return [
    boardId,
    removals,
    puts.map((p) => p.doc.id),
    puts.map((p) => p.kind),
    puts.map((p) => parentOf(p.kind, p.doc)),
    puts.map((p) => shortLinkOf(p.kind, p.doc)),
    puts.map((p) => closedOf(p.doc as { closed?: boolean })),
    jsonArray(putTexts),
    actions.map((a) => a.draft.id),
    actions.map((a) => a.seq),
    actions.map((a) => a.draft.type),
    actions.map((a) => a.draft.memberId),
    actions.map((a) => a.draft.cardId ?? null),
    actions.map((a) => a.draft.date),
    JSON.stringify(actions.map((a) => a.draft.data)),
    JSON.stringify(actions.map((a) => a.draft.models)),
    JSON.stringify(actions.map((a) => a.draft.deleted ?? [])),
    actions.map((a) => a.draft.mutationId ?? null),
    seq,
    boardText,
    orgId,
    finish,
    actions.map((a) => (a.draft.mutationId ? (a.draft.mutationKind ?? null) : null)),
    outbox.map((o) => o.draft.topic),
    JSON.stringify(outbox.map((o) => o.draft.payload)),
    outbox.map((o) => o.createdAt),
    expect?.version ?? null,
    expect?.webhooks ?? null,
    JSON.stringify(outbox.map((o) => o.draft.onlyIfWatched ?? null)),
    readSet !== null,
    readSet?.seq ?? null,
    readSet?.found ?? [],
    readSet?.missing ?? [],
    readSet?.listings.map((l) => l.kind) ?? [],
    readSet?.listings.map((l) => l.parent) ?? [],
    readSet?.listings.map((l) => l.rows) ?? [],
    readSet?.listings.map((l) => l.span?.low ?? null) ?? [],
    readSet?.listings.map((l) => l.span?.high ?? null) ?? [],
    readSet?.listings.map((l) => l.span?.except ?? null) ?? [],
  ];
}

/**
 * Sends a transaction's buffered writes, and what follows them (`then`). With "lock-flush-commit",
 * `answerIfStale` names what the transaction declared it reads: when the flush finds its copy
 * stale, those rows come back with the board row as locked (`freshIfStale`).
 */
export async function flushBoardTx(
  client: PoolClient,
  writes: BoardTxWrites,
  then: FlushThen = "stay-open",
  answerIfStale: Prefetch | null = null,
): Promise<FlushResult> {
  const values = flushValues(writes);
  let row: FlushRow & { locked?: string | null };
  let freshIfStale: FreshRows | null = null;
  if (then === "lock-flush-commit") {
    const { rows } = await query<LockedFlushRow>(client, LOCK_FLUSH_COMMIT.call, [
      ...values,
      WEBHOOKS_GATE,
      answerIfStale !== null,
      ...readAheadValues(writes.boardId, answerIfStale ?? {}).slice(1),
      ...outboxShortcut(writes.outbox),
    ]);
    const flushed = rows.find((r) => r.written !== null)!;
    row = flushed;
    if (flushed.head_seq !== null && flushed.locked !== null)
      freshIfStale = {
        head: { doc: flushed.head_doc, seq: flushed.head_seq, version: flushed.locked },
        rows: rows.filter((r) => r.ahead_id !== null).map(aheadRowOf),
      };
  } else if (then === "stay-open") row = (await query<FlushRow>(client, FLUSH_SQL, values)).rows[0]!;
  else {
    const answers = await sentTogether(client, () => [
      query<FlushRow>(client, FLUSH_SQL, values),
      ...(then === "delete-board-and-commit" ? [query(client, DELETE_BOARD_SQL, [writes.boardId])] : []),
      query(client, "COMMIT"),
    ]);
    row = (answers[0] as QueryResult<FlushRow>).rows[0]!;
  }
  return {
    written: row.written,
    queued: row.queued,
    version: row.version === null ? null : Number(row.version),
    // NULL from the function when the board row is gone (nothing to compare the version with).
    applied: row.applied === true,
    shift: row.shift ?? 0,
    locked: row.locked == null ? null : Number(row.locked),
    freshIfStale,
  };
}

const aheadRowOf = (r: LockedFlushRow): ReadAheadRow => ({
  id: r.ahead_id!,
  kind: r.ahead_kind!,
  parent_id: r.ahead_parent_id,
  text: r.ahead_text,
  pos: r.ahead_pos,
});
