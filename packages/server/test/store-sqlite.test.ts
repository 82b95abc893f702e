// The store contract on SQLite, on a temporary file (the embedded default's real setup).
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { SqliteStore } from "../src/store/sqlite.ts";
import { storeContract } from "./store-contract.ts";
import { aCard, aDraft, aLabel, aSeededBoard } from "./support/store-fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "tack-store-"));

storeContract("SQLite", {
  open: async () => new SqliteStore(join(dir, "tack.db"), { checkSharedObjects: true }),
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});

describe("SQLite store: board reads after this process's own writes", () => {
  const own = mkdtempSync(join(tmpdir(), "tack-store-cache-"));
  const path = join(own, "tack.db");
  let store: SqliteStore;
  before(() => {
    store = new SqliteStore(path, { checkSharedObjects: true });
  });
  after(async () => {
    await store.close();
    rmSync(own, { recursive: true, force: true });
  });

  it("a committed transaction carries the cached board forward: the next read is a hit and shows every write", async () => {
    const { board, admin, list } = await aSeededBoard(store);
    const other = await aSeededBoard(store);
    const kept = aCard(board.id, list.id, { name: "kept" });
    const changed = aCard(board.id, list.id, { name: "before" });
    const removed = aCard(board.id, list.id, { name: "removed" });
    await store.transact(board.id, async (tx) => {
      await tx.putAll("card", [kept, changed, removed]);
      await tx.record(aDraft(admin.id));
    });
    await store.loadBoard(board.id); // read once: cached from here on
    const label = aLabel(board.id);
    const { misses } = store.boardCacheStats();
    await store.transact(board.id, async (tx) => {
      await tx.put("card", { ...changed, name: "after" });
      await tx.remove("card", removed.id);
      await tx.put("label", label);
      // Another board's card id: the database leaves that row alone, so must the cache.
      await tx.put("list", { ...other.list, idBoard: board.id, name: "not mine" });
      await tx.record(aDraft(admin.id));
    });
    const read = (await store.loadBoard(board.id))!;
    assert.equal(store.boardCacheStats().misses, misses, "served from the cache, no full read");
    const names = (cards: { name: string }[]) => cards.map((c) => c.name).sort();
    assert.deepEqual(names(read.cards), ["after", "kept"]);
    assert.deepEqual(read.labels, [label]);
    assert.deepEqual(read.lists, [list]);
    assert.equal((await store.loadBoard(other.board.id))?.lists[0]?.name, other.list.name);
    // And it is what a process reading the file afresh sees.
    const fresh = new SqliteStore(path);
    try {
      const reread = (await fresh.loadBoard(board.id))!;
      assert.deepEqual(names(reread.cards), names(read.cards));
      assert.deepEqual(reread.labels, read.labels);
      assert.deepEqual(reread.lists, read.lists);
    } finally {
      await fresh.close();
    }
    // A transaction that fails changes neither the database nor the cache.
    await assert.rejects(
      store.transact(board.id, async (tx) => {
        await tx.remove("card", kept.id);
        throw new Error("the command failed");
      }),
    );
    assert.deepEqual(names((await store.loadBoard(board.id))!.cards), ["after", "kept"]);
  });
});
