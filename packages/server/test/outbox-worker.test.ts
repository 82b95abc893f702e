// The outbox worker's lease use (outbox/outbox-worker.ts) on a real SQLite store shared by two
// workers, as two processes share one database: the holder delivers, the other does not ask for
// the lease on every commit, and the holder does not renew it on every pass (issue 16: those
// statements were a fifth of a busy board's). The store's takeLease calls are counted by a proxy
// that passes every call through.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { NON_HOLDER_RETRY_MS } from "../src/cluster/held-lease.ts";
import { type OutboxHandler, OutboxWorker } from "../src/outbox/outbox-worker.ts";
import type { OutboxEntry } from "../src/store/notify-store.ts";
import { SqliteStore } from "../src/store/sqlite.ts";
import { countedCalls } from "./support/counted-calls.ts";
import { aSeededBoard } from "./support/store-fixtures.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("outbox worker: the lease", () => {
  let dir: string;
  let store: SqliteStore;
  // A database of its own per test: the lease is one row, and a test that failed holding it must
  // not decide the next one.
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tack-outbox-"));
    store = new SqliteStore(join(dir, "tack.db"));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * A worker named `holder` that records what it delivered, and the names each pass handed its
   * handler before delivering; an entry named in `failing` fails.
   */
  function aWorker(holder: string, leaseMs = 10_000, failing = new Set<string>(), gatherMs?: number) {
    const delivered: string[] = [];
    const passes: string[][] = [];
    const errors: unknown[] = [];
    const { counted: notify, calls } = countedCalls(store.notify);
    const nameOf = (entry: OutboxEntry) => (entry.payload as { name: string }).name;
    const handler: OutboxHandler = async (entries) => {
      passes.push(entries.map(nameOf));
      return async (entry) => {
        if (failing.has(nameOf(entry))) throw new Error(`${nameOf(entry)} failed`);
        delivered.push(nameOf(entry));
      };
    };
    const worker = new OutboxWorker(notify, new Map([["test", handler]]), {
      holder,
      leaseMs,
      maxAttempts: 3,
      pollMs: 60_000, // no polls during a test: only kicks and drains
      ...(gatherMs !== undefined && { gatherMs }),
      onError: (error) => {
        if (failing.size === 0) assert.fail(String(error));
        errors.push(error);
      },
    });
    return { worker, delivered, passes, errors, leaseCalls: () => calls("takeLease"), calls };
  }

  async function enqueue(boardId: string, name: string): Promise<void> {
    await store.transact(boardId, (tx) => tx.enqueue({ topic: "test", payload: { name } }));
  }

  async function until(check: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 200 && !check(); i++) await sleep(10);
    assert.ok(check(), what);
  }

  it("a process refused the lease asks again at most once a second however often it is kicked; the holder delivers", async () => {
    const { board } = await aSeededBoard(store);
    const holder = aWorker(`holder-${board.id}`);
    const other = aWorker(`other-${board.id}`);
    await holder.worker.drain(); // takes the lease
    await other.worker.drain(); // refused
    assert.equal(other.leaseCalls(), 1);

    // Every commit kicks every process (outbox-wake.ts): 100 commits here.
    const started = performance.now();
    for (let i = 0; i < 100; i++) {
      await enqueue(board.id, `entry ${i}`);
      other.worker.kick();
      holder.worker.kick();
      await sleep(1); // the kicks' passes run between commits, as on a server
    }
    await until(() => holder.delivered.length === 100, "the holder delivered every entry");
    assert.deepEqual(
      holder.delivered,
      Array.from({ length: 100 }, (_, i) => `entry ${i}`),
      "in order",
    );
    assert.deepEqual(other.delivered, [], "the other process delivered nothing");
    const allowed = 2 + (performance.now() - started) / NON_HOLDER_RETRY_MS;
    assert.ok(
      other.leaseCalls() <= allowed && other.leaseCalls() < 10,
      `the other process asked for the lease ${other.leaseCalls()} times for 100 kicks (at most ${allowed.toFixed(0)})`,
    );
    await holder.worker.stop();
    await other.worker.stop();
  });

  it("a holder renews its lease once a third of it has passed, not on every pass", async () => {
    const { board } = await aSeededBoard(store);
    const holder = aWorker(`renewing-${board.id}`, 600);
    for (let i = 0; i < 10; i++) {
      await enqueue(board.id, `entry ${i}`);
      await holder.worker.drain();
    }
    assert.equal(holder.delivered.length, 10);
    assert.equal(holder.leaseCalls(), 1, "ten passes, one lease statement");
    await sleep(250); // past a third of 600 ms
    await enqueue(board.id, "later");
    await holder.worker.drain();
    assert.equal(holder.leaseCalls(), 2, "renewed once a third had passed");
    assert.deepEqual(holder.delivered.at(-1), "later");
    await holder.worker.stop();
  });

  it("a pass hands its handler all its entries first, and marks what was delivered done in one statement", async () => {
    const { board } = await aSeededBoard(store);
    const other = await aSeededBoard(store);
    const worker = aWorker(`batch-${board.id}`);
    for (let i = 0; i < 5; i++) await enqueue(i % 2 ? other.board.id : board.id, `entry ${i}`);
    await worker.worker.drain();
    const names = Array.from({ length: 5 }, (_, i) => `entry ${i}`);
    assert.deepEqual(worker.passes, [names], "one read-ahead for the pass, with every entry, in order");
    assert.deepEqual(worker.delivered, names);
    assert.equal(worker.calls("outboxDone"), 1, "five entries marked done together");
    assert.equal(worker.calls("pendingOutbox"), 1);
    assert.deepEqual(await store.notify.pendingOutbox(100), []);
    await worker.worker.drain();
    assert.equal(worker.calls("outboxDone"), 1, "nothing pending, nothing marked");
    await worker.worker.stop();
  });

  it("a failing entry holds back the rest of its board, not other boards, and is set aside after its attempts", async () => {
    const { board } = await aSeededBoard(store);
    const other = await aSeededBoard(store);
    const worker = aWorker(`failing-${board.id}`, 10_000, new Set(["stuck"]));
    await enqueue(board.id, "before");
    await enqueue(board.id, "stuck");
    await enqueue(board.id, "behind");
    await enqueue(other.board.id, "elsewhere");
    await worker.worker.drain();
    assert.deepEqual(worker.delivered, ["before", "elsewhere"], "the stuck board's later entry waits");
    const pending = await store.notify.pendingOutbox(100);
    assert.deepEqual(
      pending.map((e) => [(e.payload as { name: string }).name, e.attempts]),
      [
        ["stuck", 1],
        ["behind", 0],
      ],
      "delivered entries are done, the failure is counted",
    );
    await worker.worker.drain(); // second attempt fails
    assert.deepEqual(worker.delivered, ["before", "elsewhere"]);
    await worker.worker.drain(); // third and last: set aside, and the board goes on
    assert.deepEqual(worker.delivered, ["before", "elsewhere", "behind"]);
    assert.equal(worker.errors.length, 3);
    assert.deepEqual(await store.notify.pendingOutbox(100), []);
    await worker.worker.stop();
  });

  it("a kick after a quiet spell is delivered at once; kicks soon after a pass share the next one, which they do not put off", async () => {
    const { board } = await aSeededBoard(store);
    // No pass for longer than the gathering time (none yet): the kick's pass runs at once, not
    // five seconds later.
    const patient = aWorker(`patient-${board.id}`, 10_000, new Set(), 5_000);
    await enqueue(board.id, "alone");
    const kicked = performance.now();
    patient.worker.kick();
    await until(() => patient.delivered.length === 1, "the lone entry was delivered");
    assert.ok(performance.now() - kicked < 4_000, "not held back by the gathering time");
    await patient.worker.stop();

    // Right after a pass: five commits within the gathering time share the next pass.
    const worker = aWorker(`gathering-${board.id}`, 10_000, new Set(), 500);
    await worker.worker.drain();
    const passesBefore = worker.passes.length;
    for (let i = 0; i < 5; i++) {
      await enqueue(board.id, `burst ${i}`);
      worker.worker.kick();
    }
    await until(() => worker.delivered.length === 5, "the burst was delivered");
    assert.equal(worker.passes.length - passesBefore, 1, "five commits, one pass");

    // A commit every 20 ms for two seconds: passes still come every gathering time or so.
    const during = worker.passes.length;
    const end = performance.now() + 2_000;
    for (let i = 0; performance.now() < end; i++) {
      await enqueue(board.id, `steady ${i}`);
      worker.worker.kick();
      await sleep(20);
    }
    const whileKicking = worker.passes.length - during;
    assert.ok(whileKicking >= 2 && whileKicking <= 6, `${whileKicking} passes while kicks kept coming`);
    await worker.worker.stop();
  });

  it("when the holder stops and says so, a process refused a moment ago takes over at once and delivers what was left", async () => {
    const { board } = await aSeededBoard(store);
    const first = aWorker(`first-${board.id}`);
    const second = aWorker(`second-${board.id}`);
    await first.worker.drain();
    await second.worker.drain(); // refused: first holds it
    assert.equal(second.leaseCalls(), 1);
    await first.worker.stop(); // gives the lease up
    await enqueue(board.id, "after the stop");
    second.worker.kick();
    await sleep(50);
    assert.equal(second.leaseCalls(), 1, "refused less than a second ago: a kick alone does not ask");
    second.worker.leaseFreed(); // what the stopping holder's message does (outbox-wake.ts)
    await until(() => second.delivered.includes("after the stop"), "the second process took over");
    assert.deepEqual(first.delivered, []);
    await second.worker.stop();
  });

  it("a holder that stops without saying so is replaced once the refused process's second has passed", async () => {
    const { board } = await aSeededBoard(store);
    const first = aWorker(`quiet-first-${board.id}`);
    const second = aWorker(`quiet-second-${board.id}`);
    await first.worker.drain();
    await second.worker.drain(); // refused
    await first.worker.stop();
    await enqueue(board.id, "after a quiet stop");
    await sleep(NON_HOLDER_RETRY_MS + 50);
    second.worker.kick();
    await until(() => second.delivered.includes("after a quiet stop"), "the second process took over");
    await second.worker.stop();
  });
});
