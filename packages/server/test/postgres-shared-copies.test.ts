// Decision 0050: what a board transaction wrote (its rows as stored, the board row's document and
// seq, the versions before and after) goes to the other processes, whose copy of the board is
// carried forward when it is at the version the transaction started from. Proved on a real
// database with three stores (three processes: the writer, a reader whose copy is carried, and a
// third that only reads, for the truth), the writes crossing between them as JSON, as over Redis.
// The copy must never be wrong, only stale: a write heard ahead of its turn waits for the ones
// before it (decision 0053), a write never heard leaves the copy to be read whole again.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { notFound } from "@tack/shared/errors";
import type { PostgresStore } from "../src/store/postgres.ts";
import { writesDuring } from "./support/pg-socket-writes.ts";
import {
  aCard,
  aChecklist,
  aDraft,
  aLabel,
  aList,
  aSeededBoard,
  type SeededBoard,
} from "./support/store-fixtures.ts";
import { storesOverAHandBus } from "./support/two-stores.ts";

describe("a board transaction's writes carry the other processes' copies (decision 0050)", () => {
  const bus = storesOverAHandBus();
  let writer: PostgresStore;
  let reader: PostgresStore;
  let truth: PostgresStore;
  const { told, deliver } = bus;
  before(() => {
    ({ writer, hearer: reader, truth } = bus);
  });

  /** A board with a card, written by the writer and read by the reader (the reader holds it). */
  async function aReadBoard(): Promise<SeededBoard & { cardId: string }> {
    const board = await aSeededBoard(writer);
    const card = aCard(board.board.id, board.list.id, { name: "first" });
    await writer.transact(board.board.id, (tx) => tx.put("card", card));
    await reader.loadBoard(board.board.id);
    told.splice(0);
    return { ...board, cardId: card.id };
  }
  /** The board as each store reads it, objects in id order (the order of rows is not the point). */
  const sorted = <T extends { id: string }>(items: readonly T[]) =>
    [...items].sort((x, y) => x.id.localeCompare(y.id));
  async function readBy(store: PostgresStore, boardId: string) {
    const read = (await store.loadBoard(boardId))!;
    return {
      ...read,
      lists: sorted(read.lists ?? []),
      cards: sorted(read.cards ?? []),
      labels: sorted(read.labels ?? []),
      checklists: sorted(read.checklists ?? []),
      attachments: sorted(read.attachments ?? []),
      customFields: sorted(read.customFields ?? []),
    };
  }
  /** The reader's read of the board: equal to the truth, and whether its copy answered it. */
  async function readerSees(boardId: string): Promise<"from its copy" | "read whole"> {
    const { hits, misses } = reader.boardCacheStats();
    const seen = await readBy(reader, boardId);
    assert.deepEqual(seen, await readBy(truth, boardId));
    const after = reader.boardCacheStats();
    assert.equal(after.hits + after.misses, hits + misses + 1);
    return after.hits > hits ? "from its copy" : "read whole";
  }
  const renameCard = (store: PostgresStore, board: SeededBoard, cardId: string, name: string) =>
    store.transact(
      board.board.id,
      async (tx) => {
        const now = await tx.get("card", cardId);
        if (!now) throw notFound("card");
        await tx.put("card", { ...now, name });
        await tx.record(aDraft(board.admin.id, { type: "updateCard" }));
      },
      // The reader's declare what they read, as a move does, so they may run on the copy. The
      // writer's do not: no whole read of the board in the writer's background (decision 0049)
      // comes between what a test counts.
      store === reader ? { reads: { ids: [cardId], siblings: [{ kind: "card", of: cardId }] } } : {},
    );

  it("moves, new objects, removals and the board's own document reach the copy exactly", async () => {
    const board = await aReadBoard();
    const boardId = board.board.id;
    const done = aList(boardId, { name: "Done", pos: 131_070 });
    const checklist = aChecklist(boardId, board.cardId);
    const label = aLabel(boardId);
    const second = aCard(boardId, board.list.id, { name: "second", pos: 1 });
    const steps: Array<[string, () => Promise<unknown>]> = [
      [
        "a new list, card, checklist and label",
        () =>
          writer.transact(boardId, async (tx) => {
            await tx.put("list", done);
            await tx.put("card", second);
            await tx.put("checklist", checklist);
            await tx.put("label", label);
            await tx.record(aDraft(board.admin.id, { type: "createCard" }));
          }),
      ],
      [
        "a card moved to the other list",
        () =>
          writer.transact(boardId, async (tx) => {
            const card = (await tx.get("card", board.cardId))!;
            await tx.put("card", { ...card, idList: done.id, pos: 7, idLabels: [label.id] });
            await tx.record(aDraft(board.admin.id, { type: "updateCard" }));
          }),
      ],
      [
        "a card and its checklist removed",
        () =>
          writer.transact(boardId, async (tx) => {
            await tx.remove("checklist", checklist.id);
            await tx.remove("card", second.id);
            await tx.record(aDraft(board.admin.id, { type: "deleteCard" }));
          }),
      ],
      [
        "the board renamed",
        () =>
          writer.transact(boardId, async (tx) => {
            await tx.putBoard({ ...tx.board(), name: "Renamed", desc: "carried" });
            await tx.record(aDraft(board.admin.id, { type: "updateBoard" }));
          }),
      ],
    ];
    for (const [what, step] of steps) {
      await step();
      assert.equal(told.length, 1, what);
      deliver();
      assert.equal(await readerSees(boardId), "from its copy", what);
    }
    // Several commits heard in a row, then one read.
    for (const name of ["a", "b", "c"]) await renameCard(writer, board, board.cardId, name);
    deliver();
    assert.equal(await readerSees(boardId), "from its copy");
    assert.equal((await reader.loadBoard(boardId))!.board.name, "Renamed");
  });

  it("the reader's next write after hearing runs on its copy before the lock, in one write", async () => {
    const board = await aReadBoard();
    // The reader has written before (so it knows whether webhooks exist), as a busy process has.
    await renameCard(reader, board, board.cardId, "by the reader, first");
    await renameCard(writer, board, board.cardId, "by the writer");
    deliver();
    const { writes } = await writesDuring(() => renameCard(reader, board, board.cardId, "by the reader"));
    assert.equal(writes, 1);
    const cards = (await truth.loadBoard(board.board.id))!.cards!;
    assert.equal(cards.find((c) => c.id === board.cardId)!.name, "by the reader");
    assert.equal(await readerSees(board.board.id), "from its copy");
  });

  it("a read that finds writes missing reads the board whole, and the late write is old news", async () => {
    const board = await aReadBoard();
    // Two writes of different objects, so a copy that took the second without the first would
    // miss the label while claiming the version that has it.
    await writer.transact(board.board.id, (tx) => tx.put("label", aLabel(board.board.id)));
    await renameCard(writer, board, board.cardId, "two");
    const [first, second] = told.splice(0);
    reader.sharedCopies.heard(second!); // the first was lost
    assert.equal(await readerSees(board.board.id), "read whole");
    reader.sharedCopies.heard(first!); // arrives late, after the copy moved past it
    assert.equal(await readerSees(board.board.id), "from its copy");
    assert.equal((await reader.loadBoard(board.board.id))!.cards![0]!.name, "two");
  });

  it("a write that finds the board moved on keeps a copy carried forward meanwhile", async () => {
    const board = await aReadBoard();
    await renameCard(writer, board, board.cardId, "by the writer"); // not heard yet
    // The reader's move runs on its copy (now stale); the writer's writes arrive before its flush
    // answers. The flush writes nothing, the lock decides, and the copy, carried past the writer's
    // commit, is kept and carried past the reader's own.
    const heardMidway = reader.transact(
      board.board.id,
      async (tx) => {
        const now = (await tx.get("card", board.cardId))!;
        deliver();
        await tx.put("card", { ...now, name: `${now.name} and the reader` });
        await tx.record(aDraft(board.admin.id, { type: "updateCard" }));
      },
      { reads: { ids: [board.cardId], siblings: [{ kind: "card", of: board.cardId }] } },
    );
    await heardMidway;
    const cards = (await truth.loadBoard(board.board.id))!.cards!;
    assert.equal(cards[0]!.name, "by the writer and the reader", "the lock's read, not the stale copy's");
    assert.equal(await readerSees(board.board.id), "from its copy");
  });

  it("writes heard out of order are taken in order: the copy answers the next read", async () => {
    const board = await aReadBoard();
    await writer.transact(board.board.id, (tx) => tx.put("label", aLabel(board.board.id)));
    await renameCard(writer, board, board.cardId, "two");
    const [first, second] = told.splice(0);
    reader.sharedCopies.heard(second!);
    reader.sharedCopies.heard(first!);
    assert.equal(await readerSees(board.board.id), "from its copy");
  });

  it("a write that finds its copy behind keeps it: once the missed writes arrive, the next write runs on the copy", async () => {
    const board = await aReadBoard();
    // The reader has written before (so it knows whether webhooks exist), as a busy process has.
    await renameCard(reader, board, board.cardId, "by the reader, first");
    const { misses } = reader.boardCacheStats();
    await renameCard(writer, board, board.cardId, "by the writer"); // not heard yet
    // Runs on the stale copy, is refused by the version check, runs under the lock, and its own
    // commit waits in the copy for the writer's, which is still on its way.
    await renameCard(reader, board, board.cardId, "by the reader, behind");
    deliver();
    const { writes } = await writesDuring(() =>
      renameCard(reader, board, board.cardId, "by the reader, caught up"),
    );
    assert.equal(writes, 1, "before the lock, in one write");
    assert.equal(reader.boardCacheStats().misses, misses, "the board was never read whole again");
    assert.equal((await truth.loadBoard(board.board.id))!.cards![0]!.name, "by the reader, caught up");
    assert.equal(await readerSees(board.board.id), "from its copy");
  });

  it("a listener that throws does not turn a committed transaction into an error", async () => {
    const board = await aReadBoard();
    const stop = writer.sharedCopies.onCommitted(() => {
      throw new Error("the bus is down");
    });
    try {
      await renameCard(writer, board, board.cardId, "committed all the same");
    } finally {
      stop();
    }
    assert.equal((await truth.loadBoard(board.board.id))!.cards![0]!.name, "committed all the same");
    assert.equal(told.splice(0).length, 1, "the other listeners still heard it");
  });

  it("a created or deleted board, and a transaction that wrote nothing exact, tell nothing", async () => {
    const board = await aSeededBoard(writer);
    assert.deepEqual(told, [], "a new board: the others read it whole when they first need it");
    await writer.transact(board.board.id, (tx) => tx.removeBoard());
    assert.deepEqual(told, []);
  });
});
