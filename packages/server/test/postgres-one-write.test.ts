// Decision 0045: a PostgreSQL board transaction sends BEGIN and its read-ahead in one socket write
// when this process's cached board cannot answer the read-ahead, and always sends its finishing
// flush and COMMIT in one write. Proved on a real connection: every statement the store starts
// and every write its sockets make are recorded in order, and nothing may be written between the
// two statements of a pair. And a pair whose first statement fails commits nothing and leaves the
// connection usable. A transaction run before its lock is one statement (decision 0054): the
// gate, the lock, the flush and the commit in a function call; without a current copy of the
// board, the rows it reads come from one read without the lock, in one write (decision 0057), or,
// when its copy was found stale, from what that try's statement answered (decision 0059).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Card } from "@tack/shared/models";
import pg from "pg";
import type { Prefetch } from "../src/store/board-tx.ts";
import { READ_AHEAD_SQL } from "../src/store/postgres/board-read-ahead.ts";
import { HEAD_SQL } from "../src/store/postgres/board-transaction.ts";
import { LOCK_FLUSH_COMMIT } from "../src/store/postgres/board-tx-flush.ts";
import type { PostgresStore } from "../src/store/postgres.ts";
import { onSocketWrites } from "./support/pg-socket-writes.ts";
import { aCard, aDraft, aSeededBoard } from "./support/store-fixtures.ts";
import { twoProcessStores } from "./support/two-stores.ts";

type Event = "BEGIN" | "HEAD" | "READ_AHEAD" | "FLUSH" | "COMMIT" | "ALONE" | "other" | "write";

function labelOf(text: string): Event {
  if (text.startsWith("BEGIN")) return "BEGIN";
  if (text === HEAD_SQL) return "HEAD";
  if (text === READ_AHEAD_SQL) return "READ_AHEAD";
  if (text.startsWith("WITH head_now")) return "FLUSH";
  if (text === "COMMIT") return "COMMIT";
  if (text === LOCK_FLUSH_COMMIT.call) return "ALONE";
  return "other";
}

/** Runs `fn` recording, in order, each statement started and each write to a connection's socket. */
async function recording(fn: () => Promise<unknown>): Promise<Event[]> {
  const events: Event[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...params: unknown[]) {
    onSocketWrites(this, () => events.push("write"));
    const first = params[0] as string | { text?: string };
    events.push(labelOf(typeof first === "string" ? first : (first?.text ?? "")));
    return (original as (...p: unknown[]) => unknown).apply(this, params);
  } as typeof original;
  try {
    await fn();
    return events;
  } finally {
    pg.Client.prototype.query = original;
  }
}

/** Writes between statement `a` and the next statement `b` after it (-1 when the pair is absent). */
function writesBetween(events: readonly Event[], a: Event, b: Event): number {
  const from = events.indexOf(a);
  const to = events.indexOf(b, from + 1);
  if (from < 0 || to < 0) return -1;
  return events.slice(from + 1, to).filter((e) => e === "write").length;
}

describe("PostgreSQL board transactions: statements that leave in one write (decision 0045)", () => {
  const stores = twoProcessStores();

  const readsOf = (card: Card): Prefetch => ({ ids: [card.id], siblings: [{ kind: "card", of: card.id }] });
  /** Renames `card` on `s` as a move would run: its reads declared; answers the name it replaced. */
  const rename = (s: PostgresStore, card: Card, name: string, by: string) =>
    s.transact(
      card.idBoard,
      async (tx) => {
        const now = (await tx.get("card", card.id))!;
        await tx.put("card", { ...now, name });
        await tx.record(aDraft(by));
        return now.name;
      },
      { reads: readsOf(card) },
    );

  it("a board this process has not cached: one read without the lock, then the one-statement commit, two writes", async () => {
    const { board, admin, list } = await aSeededBoard(stores.store);
    const card = aCard(board.id, list.id, { name: "first" });
    await stores.other.transact(board.id, (tx) => tx.put("card", card));
    let before = "";
    const events = await recording(async () => {
      before = (await rename(stores.store, card, "second", admin.id)).result;
    });
    assert.equal(before, "first", "the read without the lock read the row");
    assert.deepEqual(
      events.slice(0, events.indexOf("ALONE") + 2),
      ["HEAD", "READ_AHEAD", "write", "ALONE", "write"],
      events.join(" "),
    );
    assert.ok(!events.includes("BEGIN"), events.join(" "));
    assert.equal((await stores.other.loadBoard(board.id))!.cards[0]!.name, "second");
  });

  it("a command that needs the lock: BEGIN with the read-ahead, then the flush with COMMIT", async () => {
    const { board, admin, list } = await aSeededBoard(stores.store);
    const card = aCard(board.id, list.id, { name: "first" });
    await stores.other.transact(board.id, (tx) => tx.put("card", card));
    const events = await recording(() =>
      stores.store.transact(
        board.id,
        async (tx) => {
          const now = (await tx.get("card", card.id))!;
          // Memberships are never read ahead: this read needs the database, so the lock.
          if ((await tx.memberships()).length === 0) throw new Error("the board has its admin");
          await tx.put("card", { ...now, name: "second" });
          await tx.record(aDraft(admin.id));
        },
        { reads: readsOf(card) },
      ),
    );
    const usual = events.slice(events.indexOf("BEGIN"));
    assert.ok(usual.length > 0, events.join(" "));
    assert.equal(writesBetween(usual, "BEGIN", "READ_AHEAD"), 0, events.join(" "));
    assert.equal(writesBetween(usual, "FLUSH", "COMMIT"), 0, events.join(" "));
    assert.equal((await stores.other.loadBoard(board.id))!.cards[0]!.name, "second");
  });

  it("a board cached here and current: run before the lock, one statement in one write (decisions 0049, 0054)", async () => {
    const { board, admin, list } = await aSeededBoard(stores.store);
    const card = aCard(board.id, list.id, { name: "first" });
    await stores.store.transact(board.id, (tx) => tx.put("card", card));
    await stores.store.loadBoard(board.id);
    let before = "";
    const events = await recording(async () => {
      before = (await rename(stores.store, card, "second", admin.id)).result;
    });
    assert.equal(before, "first");
    assert.deepEqual(
      events.filter((e) => e !== "write"),
      ["ALONE"],
    );
    assert.equal(events.filter((e) => e === "write").length, 1, events.join(" "));
    assert.equal((await stores.other.loadBoard(board.id))!.cards[0]!.name, "second");
  });

  it("a cached board another process wrote: the attempt on the copy writes nothing and answers the fresh rows, the commit on them follows, then the board is held again", async () => {
    const { board, admin, list } = await aSeededBoard(stores.store);
    const card = aCard(board.id, list.id, { name: "first" });
    await stores.store.transact(board.id, (tx) => tx.put("card", card));
    await stores.store.loadBoard(board.id);
    await rename(stores.other, card, "by the other process", admin.id);
    let seen = "";
    const stale = await recording(async () => {
      seen = (await rename(stores.store, card, "third", admin.id)).result;
    });
    assert.equal(seen, "by the other process", "not the stale cached copy");
    // The attempt on the cached copy (it found the card written since and wrote nothing: one
    // statement, one write), which answered the board row and the declared rows as it locked them
    // (decision 0059), then the one-statement commit on those: no read of its own, no BEGIN, the
    // lock never held while the command ran.
    assert.deepEqual(
      stale.slice(stale.indexOf("ALONE"), stale.lastIndexOf("ALONE") + 2),
      ["ALONE", "write", "ALONE", "write"],
      stale.join(" "),
    );
    assert.ok(!stale.includes("BEGIN"), stale.join(" "));
    // A board this process writes is read whole again, in its queue (before the next transaction):
    // the next one runs before the lock, one write for all of it.
    const next = await recording(async () => {
      seen = (await rename(stores.store, card, "fourth", admin.id)).result;
    });
    assert.equal(seen, "third");
    assert.ok(!next.includes("BEGIN"), next.join(" "));
    const tx = next.slice(next.indexOf("ALONE"));
    assert.deepEqual(tx, ["ALONE", "write"], next.join(" "));
  });

  it("a flush that fails with COMMIT behind it commits nothing, answers the error, and the connection goes on", async () => {
    const { board, admin, list } = await aSeededBoard(stores.store);
    const draft = aDraft(admin.id);
    await stores.store.transact(board.id, (tx) => tx.record(draft));
    const seqBefore = (await stores.other.loadBoard(board.id))!.seq;
    const lost = aCard(board.id, list.id, { name: "must not be written" });
    await assert.rejects(
      stores.store.transact(board.id, async (tx) => {
        await tx.put("card", lost);
        await tx.record(draft); // the same action id again: the flush's insert fails
      }),
      /duplicate key/,
    );
    const after = (await stores.other.loadBoard(board.id))!;
    assert.equal(after.seq, seqBefore, "the board's seq did not move");
    assert.ok(!after.cards.some((c) => c.id === lost.id), "the card was not written");
    // The one transaction connection is reusable: the next transaction commits.
    const kept = aCard(board.id, list.id, { name: "written after" });
    await stores.store.transact(board.id, async (tx) => {
      await tx.put("card", kept);
      await tx.record(aDraft(admin.id));
    });
    const final = (await stores.other.loadBoard(board.id))!;
    assert.ok(final.cards.some((c) => c.id === kept.id));
    assert.equal(final.seq, seqBefore + 1);
  });
});
