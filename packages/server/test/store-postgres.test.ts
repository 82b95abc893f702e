// The store contract on PostgreSQL, on a fresh database, plus what only PostgreSQL has to prove:
// concurrent migrations, and writers in different processes (pools) sharing one board's order.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Card } from "@tack/shared/models";
import type { Positioned } from "@tack/shared/positions";
import pg from "pg";
import type { Prefetch } from "../src/store/board-tx.ts";
import { READ_AHEAD_SQL } from "../src/store/postgres/board-read-ahead.ts";
import { createPostgresStore, type PostgresStore } from "../src/store/postgres.ts";
import { POSTGRES_MIGRATIONS } from "../src/store/postgres-schema.ts";
import { storeContract } from "./store-contract.ts";
import {
  aCard,
  aChecklist,
  aDraft,
  aLabel,
  aList,
  aMembership,
  aSeededBoard,
  aStoredMember,
} from "./support/store-fixtures.ts";
import { createTempDatabase, type TempDatabase } from "./support/temp-postgres.ts";

let contractDb: TempDatabase | undefined;
storeContract("PostgreSQL", {
  open: async () => {
    contractDb = await createTempDatabase();
    return createPostgresStore(contractDb.url, { checkSharedObjects: true });
  },
  cleanup: async () => contractDb?.drop(),
});

describe("PostgreSQL store, several workers on one database", () => {
  let db: TempDatabase;
  const stores: PostgresStore[] = [];
  before(async () => {
    db = await createTempDatabase();
  });
  after(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await db.drop();
  });

  it("five workers starting at once migrate the database exactly once", async () => {
    stores.push(...(await Promise.all(Array.from({ length: 5 }, () => createPostgresStore(db.url)))));
    const { rows } = await stores[0]!.pool.query<{ version: number }>(
      "SELECT version FROM schema_migrations ORDER BY version",
    );
    assert.deepEqual(
      rows.map((r) => r.version),
      POSTGRES_MIGRATIONS.map((_, i) => i + 1),
    );
    const again = await createPostgresStore(db.url);
    stores.push(again);
    assert.equal(
      (await again.pool.query("SELECT count(*)::int AS n FROM schema_migrations")).rows[0]?.n,
      POSTGRES_MIGRATIONS.length,
    );
  });

  it("writers in five pools on one board get one gapless order", async () => {
    const { board, admin } = await aSeededBoard(stores[0]!);
    const runs = stores.slice(0, 5).flatMap((store, worker) =>
      Array.from({ length: 20 }, (_, i) =>
        store.transact(board.id, async (tx) => {
          await tx.putBoard({ ...tx.board(), cardCounter: tx.board().cardCounter + 1 });
          return (await tx.record(aDraft(admin.id, { data: { worker, i } }))).seq;
        }),
      ),
    );
    const seqs = (await Promise.all(runs)).map((r) => r.result).sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      Array.from({ length: 100 }, (_, i) => i + 2),
    );
    const head = await stores[4]!.boardById(board.id);
    assert.equal(head?.seq, 101);
    assert.equal(head?.board.cardCounter, 100, "every increment saw the one before it");
  });

  it("a worker's board read sees what another worker wrote, and what a worker unaware of versions wrote", async () => {
    const [reader, writer] = [stores[0]!, stores[1]!];
    const { board, admin, list } = await aSeededBoard(reader);
    const card = aCard(board.id, list.id, { name: "first" });
    await writer.transact(board.id, async (tx) => {
      await tx.put("card", card);
      await tx.record(aDraft(admin.id));
    });
    assert.deepEqual((await reader.loadBoard(board.id))?.cards, [card]);
    await writer.transact(board.id, async (tx) => {
      await tx.put("card", { ...card, name: "second" });
      await tx.record(aDraft(admin.id));
    });
    assert.equal((await reader.loadBoard(board.id))?.cards[0]?.name, "second");
    // An older worker during a rolling restart writes the board row without naming its version:
    // the trigger moves the version on all the same.
    await writer.pool.query(`UPDATE objects SET doc = jsonb_set(doc, '{name}', '"third"') WHERE id = $1`, [
      card.id,
    ]);
    await writer.pool.query("UPDATE boards SET seq = seq + 1 WHERE id = $1", [board.id]);
    assert.equal((await reader.loadBoard(board.id))?.cards[0]?.name, "third");
  });

  it("transactions that read through the store cannot starve each other of connections", {
    timeout: 10_000,
  }, async () => {
    const small = await createPostgresStore(db.url, { readConnections: 2, transactionConnections: 2 });
    stores.push(small);
    const seeded = await Promise.all(Array.from({ length: 10 }, () => aSeededBoard(small)));
    const runs = seeded.map(({ board, admin }) =>
      small.transact(board.id, async (tx) => {
        // Every transaction holds a connection while it waits for a read through the store.
        const member = await small.memberById(admin.id);
        await tx.record(aDraft(admin.id, { data: { name: member?.fullName } }));
      }),
    );
    const results = await Promise.all(runs);
    assert.deepEqual(
      results.map((r) => r.changes[0]?.seq),
      seeded.map(() => 2),
    );
  });
});

describe("PostgreSQL store: board reads after this process's own writes", () => {
  let db: TempDatabase;
  let store: PostgresStore;
  /** A second process's store on the same database: its reads are full reads, the truth to match. */
  let truth: PostgresStore;
  before(async () => {
    db = await createTempDatabase();
    store = await createPostgresStore(db.url, { checkSharedObjects: true });
    truth = await createPostgresStore(db.url);
  });
  after(async () => {
    await store.close();
    await truth.close();
    await db.drop();
  });

  const byId = (objects: readonly { id: string }[]) => [...objects].sort((a, b) => a.id.localeCompare(b.id));
  const placesById = (places: readonly Positioned[]) => [...places].sort((a, b) => a.id.localeCompare(b.id));
  async function assertSameAsFreshRead(boardId: string): Promise<void> {
    const mine = (await store.loadBoard(boardId))!;
    const fresh = (await truth.loadBoard(boardId))!;
    for (const group of ["lists", "cards", "labels", "checklists", "attachments", "customFields"] as const)
      assert.deepEqual(byId(mine[group] ?? []), byId(fresh[group] ?? []), group);
  }

  it("a committed transaction carries the cached board forward: no full read, the same board", async () => {
    const { board, admin, list } = await aSeededBoard(store);
    const [kept, changed, removed] = ["kept", "before", "removed"].map((name) =>
      aCard(board.id, list.id, { name }),
    ) as [Card, Card, Card];
    await store.transact(board.id, async (tx) => {
      await tx.putAll("card", [kept, changed, removed]);
      await tx.record(aDraft(admin.id));
    });
    await store.loadBoard(board.id);
    const { misses } = store.boardCacheStats();
    await store.transact(board.id, async (tx) => {
      await tx.put("card", { ...changed, name: "after" });
      await tx.remove("card", removed.id);
      await tx.put("label", aLabel(board.id));
      await tx.record(aDraft(admin.id));
    });
    await assertSameAsFreshRead(board.id);
    assert.equal(store.boardCacheStats().misses, misses, "served from the cache, no full read");
  });

  it("grouped commands, one undone at its savepoint after its writes were flushed: carried, equal to the table", async () => {
    const { board, admin, list } = await aSeededBoard(store);
    const guest = await aStoredMember(store);
    await store.loadBoard(board.id);
    const { misses } = store.boardCacheStats();
    const runs = Array.from({ length: 8 }, (_, i) =>
      store.transact(board.id, async (tx) => {
        await tx.put("card", aCard(board.id, list.id, { name: i === 3 ? "undone" : `card ${i}` }));
        if (i === 3) {
          await tx.putMembership(aMembership(guest.id, "normal")); // a direct write: a savepoint first
          await tx.countOpen("card"); // reads the table: the buffered writes are flushed first
          throw new Error("this command fails after writing");
        }
        await tx.record(aDraft(admin.id));
      }),
    );
    const settled = await Promise.allSettled(runs);
    assert.equal(settled.filter((s) => s.status === "rejected").length, 1);
    await assertSameAsFreshRead(board.id);
    const names = (await store.loadBoard(board.id))!.cards.map((c) => c.name);
    assert.equal(names.length, 7);
    assert.ok(!names.includes("undone"));
    assert.equal(store.boardCacheStats().misses, misses, "every commit carried the cache forward");
  });

  it("a write of another board's id (which the table refuses) is not carried into the cache", async () => {
    const { board, admin, list } = await aSeededBoard(store);
    const other = await aSeededBoard(store);
    await store.loadBoard(board.id);
    await store.transact(board.id, async (tx) => {
      await tx.put("card", aCard(board.id, list.id));
      await tx.put("list", { ...other.list, idBoard: board.id, name: "not mine" });
      await tx.record(aDraft(admin.id));
    });
    await assertSameAsFreshRead(board.id);
    await assertSameAsFreshRead(other.board.id);
    assert.deepEqual(
      (await store.loadBoard(board.id))!.lists.map((l) => l.id),
      [list.id],
    );
  });

  /**
   * Runs `fn` counting the read-ahead statements (postgres/board-read-ahead.ts) sent meanwhile,
   * and the single-object reads a transaction falls back to for what was not read ahead.
   */
  async function countingReadAheads<T>(
    fn: () => Promise<T>,
  ): Promise<{ result: T; readAheads: number; fallbacks: number }> {
    let readAheads = 0;
    let fallbacks = 0;
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...params: unknown[]) {
      const first = params[0] as string | { text?: string };
      const text = typeof first === "string" ? first : (first?.text ?? "");
      if (text === READ_AHEAD_SQL) readAheads += 1;
      if (text.startsWith("SELECT doc FROM objects") || text.startsWith("SELECT id, COALESCE((doc->>'pos')"))
        fallbacks += 1;
      return (original as (...p: unknown[]) => unknown).apply(this, params);
    } as typeof original;
    try {
      return { result: await fn(), readAheads, fallbacks };
    } finally {
      pg.Client.prototype.query = original;
    }
  }

  it("a transaction's read-ahead comes from the cached board when it is at the locked version: the table's answers, no statement", async () => {
    const { board, admin, list } = await aSeededBoard(store);
    const other = aList(board.id, { name: "Doing", pos: 131_070 });
    const cards = [1, 2, 3].map((n) => aCard(board.id, list.id, { name: `Card ${n}`, pos: n * 1000 }));
    const [first, second] = cards as [Card, Card, Card];
    const third = aList(board.id, { name: "Done", pos: 200_000 });
    const done = aCard(board.id, third.id, { name: "Done card" });
    const elsewhere = await aSeededBoard(store);
    const stranger = aCard(elsewhere.board.id, elsewhere.list.id);
    await store.transact(elsewhere.board.id, (tx) => tx.put("card", stranger));
    await store.transact(board.id, async (tx) => {
      await tx.putAll("card", cards);
      await tx.putAll("list", [other, third]);
      await tx.put("card", done);
      await tx.put("checklist", aChecklist(board.id, first.id));
      await tx.put("label", aLabel(board.id));
      await tx.record(aDraft(admin.id));
    });
    const reads: Prefetch = {
      ids: [first.id, other.id, stranger.id, "f".repeat(24)],
      parentsOf: [first.id],
      children: [
        { kind: "checklist", of: first.id },
        { kind: "card", of: other.id },
      ],
      siblings: [
        { kind: "card", of: second.id },
        { kind: "card", of: done.id },
      ],
      all: ["label"],
    };
    // Everything a command could ask of what was read ahead, and a move written over it.
    const answers = (on: PostgresStore) =>
      on.transact(
        board.id,
        async (tx) => {
          const seen = {
            first: await tx.get("card", first.id),
            wrongKind: await tx.get("list", first.id),
            list: await tx.get("list", list.id),
            other: await tx.get("list", other.id),
            stranger: await tx.get("card", stranger.id),
            listCards: byId(await tx.children("card", list.id)),
            otherCards: await tx.children("card", other.id),
            third: await tx.get("list", third.id), // the parent of a sibling: read ahead too
            doneCards: await tx.children("card", third.id),
            checklists: await tx.children("checklist", first.id),
            labels: await tx.all("label"),
          };
          await tx.put("card", { ...second, idList: other.id, pos: 5 });
          return { ...seen, afterMove: byId(await tx.children("card", other.id)) };
        },
        { reads },
      );
    await store.loadBoard(board.id); // this process holds the board at its current version
    const cached = await countingReadAheads(() => answers(store));
    // The other store never read the board: its read-ahead is the statement. Both moved the card,
    // so each saw the board as the other left it; compare the answers with the move undone.
    await store.transact(board.id, (tx) => tx.put("card", second));
    const fromTable = await countingReadAheads(() => answers(truth));
    assert.equal(cached.readAheads, 0, "no read-ahead statement when the cache is current");
    assert.equal(fromTable.readAheads, 1);
    assert.equal(cached.fallbacks, fromTable.fallbacks, "the cache read ahead what the statement does");
    assert.deepEqual(cached.result.result, fromTable.result.result);
    assert.deepEqual(cached.result.result.listCards, byId(cards));
    assert.equal(cached.result.result.stranger, null, "another board's card stays invisible");
    assert.equal(cached.result.result.wrongKind, null);
    assert.equal(cached.result.result.labels.length, 1);
    await assertSameAsFreshRead(board.id);
  });

  it("positions read ahead come from the cached board or the one statement alike, an empty list's too, with no further statement", async () => {
    const { board, admin, list } = await aSeededBoard(store);
    const doing = aList(board.id, { name: "Doing", pos: 131_070 });
    const empty = aList(board.id, { name: "Empty", pos: 196_605 });
    const cards = [1 / 3, 65_536, 1.5 * 65_536].map((pos) => aCard(board.id, list.id, { pos }));
    const doingCards = [1, 2].map((n) => aCard(board.id, doing.id, { pos: n * 100 }));
    await store.transact(board.id, async (tx) => {
      await tx.putAll("list", [doing, empty]);
      await tx.putAll("card", [...cards, ...doingCards]);
      await tx.record(aDraft(admin.id));
    });
    const reads: Prefetch = {
      ids: [cards[0]!.id],
      positions: [
        { kind: "card", of: empty.id },
        { kind: "card", of: doing.id },
      ],
      siblingPositions: [{ kind: "card", of: cards[1]!.id }],
    };
    const placed = (xs: readonly { id: string; pos: number }[]) => [...xs].sort((a, b) => a.pos - b.pos);
    const answers = (on: PostgresStore) =>
      on.transact(
        board.id,
        async (tx) => ({
          list: placed(await tx.positions("card", list.id)),
          doing: placed(await tx.positions("card", doing.id)),
          empty: await tx.positions("card", empty.id),
        }),
        { reads },
      );
    await store.loadBoard(board.id);
    const cached = await countingReadAheads(() => answers(store));
    const fromTable = await countingReadAheads(() => answers(truth));
    assert.deepEqual([cached.readAheads, cached.fallbacks], [0, 0], "the cache answered everything");
    assert.deepEqual(
      [fromTable.readAheads, fromTable.fallbacks],
      [1, 0],
      "the statement answered everything",
    );
    assert.deepEqual(cached.result.result, fromTable.result.result);
    const expected = (xs: readonly Card[]) => placed(xs.map(({ id, pos }) => ({ id, pos })));
    assert.deepEqual(cached.result.result, { list: expected(cards), doing: expected(doingCards), empty: [] });
  });

  it("the cached board's indexes follow this process's commits: a card moved, one removed, one added, then read ahead from the cache", async () => {
    const { board, admin, list } = await aSeededBoard(store);
    const doing = aList(board.id, { name: "Doing", pos: 131_070 });
    const cards = [1, 2, 3].map((n) => aCard(board.id, list.id, { name: `Card ${n}`, pos: n * 1000 }));
    const [moving, removed, staying] = cards as [Card, Card, Card];
    const checklist = aChecklist(board.id, moving.id);
    await store.transact(board.id, async (tx) => {
      await tx.put("list", doing);
      await tx.putAll("card", cards);
      await tx.put("checklist", checklist);
      await tx.record(aDraft(admin.id));
    });
    await store.loadBoard(board.id);
    const added = aCard(board.id, doing.id, { name: "Added", pos: 50 });
    await store.transact(board.id, async (tx) => {
      await tx.put("card", { ...moving, idList: doing.id, pos: 10 });
      await tx.remove("card", removed.id);
      await tx.put("card", added);
      await tx.record(aDraft(admin.id));
    });
    const reads: Prefetch = {
      ids: [moving.id, removed.id],
      parentsOf: [moving.id],
      children: [
        { kind: "card", of: list.id },
        { kind: "checklist", of: moving.id },
      ],
      siblings: [{ kind: "card", of: added.id }],
      positions: [{ kind: "card", of: list.id }],
      siblingPositions: [{ kind: "card", of: moving.id }],
    };
    const answers = (on: PostgresStore) =>
      on.transact(
        board.id,
        async (tx) => ({
          moving: await tx.get("card", moving.id),
          removed: await tx.get("card", removed.id),
          itsList: await tx.get("list", doing.id),
          todo: byId(await tx.children("card", list.id)),
          doing: byId(await tx.children("card", doing.id)),
          checklists: await tx.children("checklist", moving.id),
          todoPlaces: placesById(await tx.positions("card", list.id)),
          doingPlaces: placesById(await tx.positions("card", doing.id)),
        }),
        { reads },
      );
    const cached = await countingReadAheads(() => answers(store));
    const fromTable = await countingReadAheads(() => answers(truth));
    assert.deepEqual([cached.readAheads, cached.fallbacks], [0, 0], "the advanced cache answered everything");
    assert.equal(fromTable.readAheads, 1);
    assert.deepEqual(cached.result.result, fromTable.result.result);
    assert.deepEqual(cached.result.result.todo, [staying]);
    assert.deepEqual(
      cached.result.result.doingPlaces,
      placesById([
        { id: moving.id, pos: 10 },
        { id: added.id, pos: 50 },
      ]),
    );
    assert.equal(cached.result.result.removed, null);
    await assertSameAsFreshRead(board.id);
  });

  it("a read-ahead after another worker's write reads the table, not the cache it made stale", async () => {
    const { board, admin, list } = await aSeededBoard(store);
    const card = aCard(board.id, list.id, { name: "before" });
    await store.transact(board.id, (tx) => tx.put("card", card));
    await store.loadBoard(board.id);
    await truth.transact(board.id, async (tx) => {
      await tx.put("card", { ...card, name: "renamed by another worker" });
      await tx.record(aDraft(admin.id));
    });
    const { result, readAheads } = await countingReadAheads(() =>
      store.transact(board.id, (tx) => tx.get("card", card.id), {
        reads: { ids: [card.id], siblings: [{ kind: "card", of: card.id }] },
      }),
    );
    // The try on the copy found the card written since; its statement answered the rows as it
    // locked them (decision 0059), so no read-ahead statement of its own.
    assert.equal(readAheads, 0);
    assert.equal(result.result?.name, "renamed by another worker");
  });

  it("a card moved between boards in one transaction leaves both boards' reads equal to the table", async () => {
    const from = await aSeededBoard(store);
    const to = await aSeededBoard(store);
    const card = aCard(from.board.id, from.list.id);
    await store.transact(from.board.id, async (tx) => {
      await tx.put("card", card);
      await tx.record(aDraft(from.admin.id));
    });
    await store.loadBoard(from.board.id);
    await store.loadBoard(to.board.id);
    const { misses } = store.boardCacheStats();
    await store.transactPair([from.board.id, to.board.id], async ([a, b]) => {
      await a.remove("card", card.id);
      await b.put("card", { ...card, idBoard: to.board.id, idList: to.list.id });
      await a.record(aDraft(from.admin.id));
      await b.record(aDraft(from.admin.id));
    });
    await assertSameAsFreshRead(from.board.id);
    await assertSameAsFreshRead(to.board.id);
    assert.equal(store.boardCacheStats().misses, misses);
  });
});
