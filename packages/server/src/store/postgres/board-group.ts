// Group commit per board (decision 0031-group-commit-and-poll-cache): the transactions of one board that queue up in this
// process while the board's previous transaction runs are run together, one after another, in ONE
// database transaction: one BEGIN with the row lock, one flush of everything they wrote, one
// COMMIT (and one fsync) for the group. The order is the queue's, the seqs follow it without gaps,
// and each command still gets its own answer and its own failure:
//
// - A command that fails before it wrote anything to the database (the common case: writes are
//   buffered until the group's flush) is undone by forgetting what it buffered (`restore`).
// - A command that writes directly (a membership, a comment's text, an early flush) first sets a
//   savepoint (`beforeWrite`); if it then fails, the group rolls back to it and goes on.
// - If the group itself cannot finish (a database error without a savepoint, or the final flush or
//   COMMIT fails), nothing of it committed: every command runs again alone, in order, and answers
//   as it would have without grouping.
//
// When every command declared its reads, the group first runs without the lock, on this process's
// cached board or on one fresh read, and commits in one statement if what it read still holds
// (`runGroupWithoutLock`, decisions 0049-run-before-the-lock, 0055-read-set-checked,
// 0057-fresh-read-without-the-lock).
import type { BoardChange } from "@tack/shared/changes";
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { Pool, PoolClient } from "pg";
import { DatabaseError } from "pg";
import type { BoardObjectsCache } from "../board-objects-cache.ts";
import { type BoardTx, mergePrefetch, type Prefetch } from "../board-tx.ts";
import {
  commitBeforeLock,
  type OpenedWithoutLock,
  openBoardTransaction,
  runBoardTransaction,
  type StaleCopy,
  triedWithoutLock,
  type WebhooksSeen,
} from "./board-transaction.ts";
import { NeedsLock } from "./board-tx.ts";
import { ignoreConnectionError, isUniqueViolation } from "./connection.ts";
import { query } from "./query.ts";

/** Most commands in one group: bounds the wait of the first one and the size of the flush. */
export const MAX_GROUP = 32;

export interface GroupJob {
  readonly fn: (tx: BoardTx) => Promise<unknown>;
  /** What `fn` will read: the group reads every job's ahead in one round trip. */
  readonly reads?: Prefetch;
  resolve(value: { result: unknown; changes: BoardChange[] }): void;
  reject(error: unknown): void;
}

type Settled =
  | { job: GroupJob; ok: true; result: unknown; changes: BoardChange[] }
  | { job: GroupJob; ok: false; error: unknown };

/** The transaction could not go on: every command of the group runs again alone. */
class GroupBroken extends Error {}

/**
 * Runs `jobs` (all for `boardId`, none creating it) as one transaction and settles each; returns
 * the jobs it did not start (those queued after a command that deleted the board).
 */
export async function runBoardGroup(
  pool: Pool,
  boardId: string,
  jobs: readonly GroupJob[],
  cache: BoardObjectsCache,
  webhooks: WebhooksSeen,
): Promise<GroupJob[]> {
  if (jobs.length === 1) {
    await runAlone(pool, boardId, jobs[0]!, cache, webhooks);
    return [];
  }
  let outcome: { settled: Settled[]; rest: GroupJob[] };
  try {
    outcome = await runTogether(pool, boardId, jobs, cache, webhooks);
  } catch (error) {
    if (!(error instanceof GroupBroken)) throw error;
    for (const job of jobs) await runAlone(pool, boardId, job, cache, webhooks);
    return [];
  }
  for (const s of outcome.settled) {
    if (s.ok) s.job.resolve({ result: s.result, changes: s.changes });
    else s.job.reject(s.error);
  }
  return outcome.rest;
}

async function runAlone(
  pool: Pool,
  boardId: string,
  job: GroupJob,
  cache: BoardObjectsCache,
  webhooks: WebhooksSeen,
): Promise<void> {
  try {
    job.resolve(
      await runBoardTransaction(
        pool,
        boardId,
        job.fn,
        job.reads ? { reads: job.reads } : {},
        cache,
        webhooks,
      ),
    );
  } catch (error) {
    job.reject(error);
  }
}

const SAVEPOINT = "tack_command";

async function runTogether(
  pool: Pool,
  boardId: string,
  jobs: readonly GroupJob[],
  cache: BoardObjectsCache,
  webhooks: WebhooksSeen,
): Promise<{ settled: Settled[]; rest: GroupJob[] }> {
  const client = await pool.connect();
  client.on("error", ignoreConnectionError);
  let broken: Error | undefined;
  try {
    // One read for what every command of the group declared it will read (a move: its card, its
    // lists, the cards it is placed among), instead of one or more round trips each under the lock.
    const reads = jobs.filter((job) => job.reads !== undefined);
    if (reads.length === jobs.length) {
      const early = await runGroupWithoutLock(client, boardId, jobs, cache, webhooks);
      if (early) return { settled: early, rest: [] };
    }
    const tx = await openBoardTransaction(
      client,
      boardId,
      {},
      reads.length > 0 ? { want: mergePrefetch(reads.map((job) => job.reads)), cache } : undefined,
      webhooks,
    );
    let saved = false;
    tx.beforeWrite = async () => {
      if (saved) return;
      saved = true;
      await query(client, `SAVEPOINT ${SAVEPOINT}`);
    };
    const settled: Settled[] = [];
    let rest: GroupJob[] = [];
    for (const [i, job] of jobs.entries()) {
      // A deleted board takes no more commands: the rest run after the commit, and find it gone.
      if (tx.removed) {
        rest = jobs.slice(i);
        break;
      }
      const mark = tx.mark();
      const from = tx.changes.length;
      saved = false;
      try {
        const result = await job.fn(tx);
        settled.push({ job, ok: true, result, changes: tx.changes.slice(from) });
      } catch (error) {
        if (saved) {
          try {
            await query(client, `ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
          } catch {
            throw new GroupBroken();
          }
        } else if (error instanceof DatabaseError) {
          // The transaction is aborted and there is no savepoint to return to.
          throw new GroupBroken();
        }
        tx.restore(mark);
        settled.push({ job, ok: false, error: asAnswer(error) });
      }
    }
    try {
      await tx.commit();
    } catch {
      throw new GroupBroken();
    }
    tx.carryInto(cache);
    return { settled, rest };
  } catch (error) {
    await query(client, "ROLLBACK").catch((rollbackError: Error) => {
      broken = rollbackError; // the connection is unusable: the pool must not hand it out again
    });
    // Lost the connection or the board: the commands answer alone (the board's absence included).
    throw error instanceof GroupBroken ? error : new GroupBroken();
  } finally {
    client.off("error", ignoreConnectionError);
    client.release(broken);
  }
}

/**
 * The group without the board's lock while its commands run (decisions 0049, 0057): on this
 * process's cached board, or, when it holds none or its copy was found stale, on one fresh read.
 * The commands run one after another, each failure undone in memory, and everything is committed
 * in one statement only if what they read still holds; then every answer, refusals included, is
 * the one the lock would have given. Null, nothing written, when a command needs the database or
 * the board moved on under both tries: the group then runs the usual way.
 */
async function runGroupWithoutLock(
  client: PoolClient,
  boardId: string,
  jobs: readonly GroupJob[],
  cache: BoardObjectsCache,
  webhooks: WebhooksSeen,
): Promise<Settled[] | null> {
  const want = mergePrefetch(jobs.map((job) => job.reads));
  return triedWithoutLock(client, boardId, want, cache, webhooks, (opened, load) =>
    attemptGroup(opened, load, jobs, cache, webhooks),
  );
}

/** One try of a group without the lock: `load` what was declared, run each command, commit.
 * A StaleCopy when the statement found what they read written since; null when only the lock can decide. */
async function attemptGroup(
  opened: OpenedWithoutLock,
  load: () => Promise<void>,
  jobs: readonly GroupJob[],
  cache: BoardObjectsCache,
  webhooks: WebhooksSeen,
): Promise<Settled[] | StaleCopy | null> {
  const { tx } = opened;
  const settled: Settled[] = [];
  try {
    await load();
    for (const job of jobs) {
      const mark = tx.mark();
      const from = tx.changes.length;
      try {
        const result = await job.fn(tx);
        settled.push({ job, ok: true, result, changes: tx.changes.slice(from) });
      } catch (error) {
        if (error instanceof NeedsLock) return null;
        tx.restore(mark);
        // `restore` forgets what was read ahead; it is handed over again.
        await load();
        settled.push({ job, ok: false, error: asAnswer(error) });
      }
    }
  } catch {
    return null; // the read-ahead needed the database after all
  }
  const outcome = await commitBeforeLock(opened, cache, webhooks, jobs.length);
  return outcome === "applied" ? settled : outcome === "refused" ? null : outcome;
}

/** A command's error as its caller sees it when it runs alone (runBoardTransaction). */
function asAnswer(error: unknown): unknown {
  return isUniqueViolation(error, "actions_mutation")
    ? new TackError(ErrorCode.conflict, "This mutation id was already used")
    : error;
}

type Entry =
  | { readonly kind: "alone"; readonly work: () => Promise<void> }
  | { readonly kind: "group"; readonly job: GroupJob };

/**
 * Writes of one board, queued in this process: a busy board then holds one pooled connection
 * instead of every connection, and the transactions that queued up while one ran are run together
 * as the next group (`runBoardGroup`). Other work (deleting the board) runs alone, in queue order.
 */
export class BoardQueues {
  private readonly queues = new Map<string, Entry[]>();
  private readonly idle = new Map<string, Promise<void>>();
  private readonly runGroup: (boardId: string, jobs: readonly GroupJob[]) => Promise<GroupJob[]>;

  constructor(runGroup: (boardId: string, jobs: readonly GroupJob[]) => Promise<GroupJob[]>) {
    this.runGroup = runGroup;
  }

  /** Queues a transaction that may share a database transaction with its neighbours. */
  transact<T>(
    boardId: string,
    fn: (tx: BoardTx) => Promise<T>,
    reads?: Prefetch,
  ): Promise<{ result: T; changes: BoardChange[] }> {
    return new Promise((resolve, reject) => {
      const job: GroupJob = {
        fn,
        ...(reads && { reads }),
        resolve: resolve as GroupJob["resolve"],
        reject,
      };
      this.push(boardId, { kind: "group", job });
    });
  }

  /** Queues work that runs alone, after everything queued before it. */
  run<T>(boardId: string, work: () => Promise<T>): Promise<T> {
    return new Promise((resolve, reject) => {
      this.push(boardId, { kind: "alone", work: () => work().then(resolve, reject) });
    });
  }

  /** Settles when every transaction queued so far has finished. */
  async drain(): Promise<void> {
    await Promise.all(this.idle.values());
  }

  private push(boardId: string, entry: Entry): void {
    const queue = this.queues.get(boardId);
    if (queue) {
      queue.push(entry);
      return;
    }
    const fresh = [entry];
    this.queues.set(boardId, fresh);
    // One turn of the event loop before the first group starts, as on SQLite (decision 0048): the
    // requests read in the same turn (the answers of a group bring their clients' next writes back
    // together) reach the queue and join the group, instead of the first running alone.
    const done = new Promise<void>((ready) => setImmediate(ready))
      .then(() => this.work(boardId, fresh))
      .finally(() => {
        if (this.idle.get(boardId) === done) this.idle.delete(boardId);
      });
    this.idle.set(boardId, done);
  }

  private async work(boardId: string, queue: Entry[]): Promise<void> {
    while (queue.length > 0) {
      const first = queue[0]!;
      if (first.kind === "alone") {
        queue.shift();
        await first.work();
        continue;
      }
      let n = 1;
      while (n < queue.length && n < MAX_GROUP && queue[n]!.kind === "group") n++;
      const jobs = queue.splice(0, n).map((e) => (e as { job: GroupJob }).job);
      try {
        const rest = await this.runGroup(boardId, jobs);
        queue.unshift(...rest.map((job): Entry => ({ kind: "group", job })));
      } catch (error) {
        for (const job of jobs) job.reject(error);
      }
    }
    // In the same turn as the emptiness check: a later push starts a new queue.
    this.queues.delete(boardId);
  }
}
