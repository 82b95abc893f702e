// Decision 0053: a process's copy of a board that is found behind the database (a transaction
// locked the board at a newer version, or writes arrived ahead of their turn) is kept and waits,
// briefly, for the writes it missed; it takes them in order and is never wrong, only stale, and
// serves no transaction while it waits. Proved on the cache itself: the writes are values, as
// they arrive over the bus (postgres-shared-copies.test.ts runs the same on a real database).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { Card } from "@tack/shared/models";
import {
  BoardObjectsCache,
  type BoardObjectsCacheOptions,
  type BoardWrites,
} from "../src/store/board-objects-cache.ts";
import { aBoard, aCard, aList } from "./support/store-fixtures.ts";

const board = aBoard({ name: "Copies" });
const list = aList(board.id);
const card = aCard(board.id, list.id, { name: "v1" });

/**
 * A cache holding the board at version 1 (one list and one card named "v1"), told that the other
 * processes' writes will be heard, as realtime.ts tells it when the bus is Redis.
 */
function aCacheAtOne(options: BoardObjectsCacheOptions = {}, hearing = true): BoardObjectsCache {
  const cache = new BoardObjectsCache({ checkShared: true, ...options });
  if (hearing) cache.hearOthers();
  cache.put(
    board.id,
    1,
    { lists: [list], cards: [card], labels: [], checklists: [], attachments: [], customFields: [] },
    { board, seq: 1 },
  );
  return cache;
}

/** The commit that moved the board from `from` to `from + 1`: the card renamed, the board too. */
const renamed = (from: number): BoardWrites => ({
  board: board.id,
  from,
  to: from + 1,
  writes: [{ op: "put", kind: "card", id: card.id, text: JSON.stringify({ ...card, name: `v${from + 1}` }) }],
  boardText: JSON.stringify({ ...board, name: `board v${from + 1}` }),
  seq: from + 1,
});

/** The copy as a transaction would use it: its version, its card's and board's names; or null. */
function copyOf(cache: BoardObjectsCache): { version: number; card: string; board: string } | null {
  const head = cache.headOf(board.id);
  if (!head) return null;
  const view = cache.peek(board.id, head.version)!;
  return {
    version: head.version,
    card: (view.object(card.id)!.doc as Card).name,
    board: head.board.name,
  };
}

describe("a copy found behind waits for the writes it missed (decision 0053)", () => {
  it("writes heard ahead of their turn wait, and are taken in order once the gap is filled", () => {
    const cache = aCacheAtOne();
    assert.equal(cache.wants(board.id, 3), true, "writes ahead of the copy are parsed, to wait");
    cache.heard(renamed(3));
    cache.heard(renamed(2));
    assert.equal(cache.holds(board.id), false, "behind: no transaction may run on it");
    assert.equal(copyOf(cache), null);
    assert.equal(cache.keeps(board.id), true, "but it is kept");
    cache.heard(renamed(1));
    assert.deepEqual(copyOf(cache), { version: 4, card: "v4", board: "board v4" });
    assert.equal(cache.holds(board.id), true);
  });

  it("writes the copy is already past are old news: not wanted, and nothing changes", () => {
    const cache = aCacheAtOne();
    cache.heard(renamed(1));
    assert.equal(cache.wants(board.id, 1), false);
    cache.heard(renamed(1));
    assert.deepEqual(copyOf(cache), { version: 2, card: "v2", board: "board v2" });
    assert.equal(cache.wants("another board", 1), false, "a board not held: dropped unparsed");
  });

  it("a version found by a transaction puts the copy behind until the writes up to it arrive", () => {
    const cache = aCacheAtOne();
    assert.equal(cache.peek(board.id, 3), null, "locked at 3, the copy is at 1");
    assert.equal(cache.holds(board.id), false);
    cache.heard(renamed(1));
    assert.equal(copyOf(cache), null, "at 2, still behind 3");
    cache.movedOn(board.id, 2); // an older finding teaches nothing
    cache.heard(renamed(2));
    assert.deepEqual(copyOf(cache), { version: 3, card: "v3", board: "board v3" });
    cache.movedOn(board.id, 3); // already there
    assert.equal(cache.holds(board.id), true);
  });

  it("a copy whose missed writes never come is dropped after the wait, and wants nothing", async () => {
    const cache = aCacheAtOne({ catchUpMs: 30 });
    cache.movedOn(board.id, 2);
    assert.equal(cache.keeps(board.id), true);
    await sleep(60);
    assert.equal(cache.keeps(board.id), false);
    assert.equal(cache.versionOf(board.id), null);
    cache.heard(renamed(1)); // too late: there is no copy to carry
    assert.equal(cache.versionOf(board.id), null);
  });

  it("a copy with too many writes waiting is dropped rather than kept without end", () => {
    const cache = aCacheAtOne();
    for (let from = 2; from < 2 + 64; from++) cache.heard(renamed(from));
    assert.equal(cache.keeps(board.id), true, "64 writes wait");
    cache.heard(renamed(2 + 64));
    assert.equal(cache.keeps(board.id), false, "the 65th drops the copy");
  });

  it("where no other process's writes are heard (no bus), a copy found behind is dropped at once", () => {
    const cache = aCacheAtOne({}, false);
    cache.movedOn(board.id, 2);
    assert.equal(cache.keeps(board.id), false, "nothing would carry it: read whole when needed");
    const stopped = aCacheAtOne();
    const stop = stopped.hearOthers();
    stop();
    stop(); // once only
    stopped.heard(renamed(2));
    assert.equal(stopped.keeps(board.id), true, "the first hearer still hears");
  });

  it("a fresh read replaces a copy that waits, and what waited with it", () => {
    const cache = aCacheAtOne();
    cache.heard(renamed(2)); // waits for 1 → 2
    cache.put(
      board.id,
      5,
      { lists: [list], cards: [card], labels: [], checklists: [], attachments: [], customFields: [] },
      { board, seq: 5 },
    );
    assert.equal(cache.holds(board.id), true);
    cache.heard(renamed(1)); // old news for the fresh copy: nothing that waited is applied
    assert.deepEqual(copyOf(cache), { version: 5, card: "v1", board: "Copies" });
  });
});
