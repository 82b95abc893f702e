// Decision 0049: a PostgreSQL board transaction whose board this process holds cached (objects and
// row, at a version) runs its command on that copy before taking the lock, and sends BEGIN, the
// locks, its flush and COMMIT in one write; the flush writes only if the board is still at that
// version and webhooks are as last seen. Proved on a real database with two stores (two
// processes): whenever the copy could mislead, nothing of the attempt is written and the lock
// decides, with the answer and the data as if the attempt had never been made.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import type { Card } from "@tack/shared/models";
import type { BoardTx, Prefetch } from "../src/store/board-tx.ts";
import type { PostgresStore } from "../src/store/postgres.ts";
import { aToken, aWebhook } from "./store-contract-webhooks.ts";
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
import { twoProcessStores } from "./support/two-stores.ts";

describe("PostgreSQL board transactions run before the lock on a cached board (decision 0049)", () => {
  const stores = twoProcessStores();

  const readsOf = (cardId: string): Prefetch => ({ ids: [cardId], siblings: [{ kind: "card", of: cardId }] });
  /** Renames a card as a move runs (reads declared); a missing card is refused, as a move's is. */
  const rename = (
    s: PostgresStore,
    board: SeededBoard,
    cardId: string,
    name: string,
    extra?: (tx: BoardTx) => Promise<void>,
  ) =>
    s.transact(
      board.board.id,
      async (tx) => {
        const now = await tx.get("card", cardId);
        if (!now) throw notFound("card");
        await extra?.(tx);
        await tx.put("card", { ...now, name });
        await tx.record(aDraft(board.admin.id, { type: "updateCard" }));
        return now.name;
      },
      { reads: readsOf(cardId) },
    );
  /** A board with one card, written by this process and read by it: cached here and current. */
  async function aCachedBoard(): Promise<{ board: SeededBoard; card: Card }> {
    const board = await aSeededBoard(stores.store);
    const card = aCard(board.board.id, board.list.id, { name: "first" });
    await stores.store.transact(board.board.id, (tx) => tx.put("card", card));
    await stores.store.loadBoard(board.board.id);
    return { board, card };
  }
  const seqsOf = async (boardId: string) =>
    (await stores.other.changesSince(boardId, 0, 100)).map((c) => c.seq);

  it("a current copy: one write, the right answer, the board's seq and row moved once", async () => {
    const { board, card } = await aCachedBoard();
    const seqs = await seqsOf(board.board.id);
    const { result, writes } = await writesDuring(() => rename(stores.store, board, card.id, "second"));
    assert.equal(writes, 1);
    assert.equal(result.result, "first");
    assert.deepEqual(
      result.changes.map((c) => c.seq),
      [seqs.at(-1)! + 1],
    );
    const read = (await stores.other.loadBoard(board.board.id))!;
    assert.equal(read.cards[0]!.name, "second");
    assert.equal(read.seq, seqs.at(-1)! + 1);
    // And again: the commit carried the copy forward, so the next one runs before the lock too.
    assert.equal((await writesDuring(() => rename(stores.store, board, card.id, "third"))).writes, 1);
    assert.deepEqual(await seqsOf(board.board.id), [...seqs, seqs.at(-1)! + 1, seqs.at(-1)! + 2]);
  });

  it("a board this process writes but never read is read whole after a write, and the next write runs before the lock", async () => {
    const board = await aSeededBoard(stores.store);
    const card = aCard(board.board.id, board.list.id, { name: "first" });
    await stores.other.transact(board.board.id, (tx) => tx.put("card", card));
    const readsWhole = () => stores.store.boardCacheStats().misses;
    const before = readsWhole();
    const first = await writesDuring(() => rename(stores.store, board, card.id, "second"));
    assert.equal(first.result.result, "first");
    assert.ok(first.writes >= 2, "not held: BEGIN with the read-ahead, then the flush with COMMIT");
    // The whole board is read after the write answered, in the board's queue.
    for (let waited = 0; readsWhole() === before && waited < 2000; waited += 5)
      await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(readsWhole(), before + 1, "read whole once");
    const next = await writesDuring(() => rename(stores.store, board, card.id, "third"));
    assert.equal(next.result.result, "second");
    assert.equal(next.writes, 1, "held since: one write");
    assert.equal((await stores.other.loadBoard(board.board.id))!.cards[0]!.name, "third");
  });

  it("transactions asked for in one turn on a held board commit as one group in one write, a refusal among them answered alone", async () => {
    const { board, card } = await aCachedBoard();
    const seqs = await seqsOf(board.board.id);
    const names = ["a", "b", "c", "d", "e"];
    const { result: settled, writes } = await writesDuring(() =>
      Promise.allSettled([
        ...names.slice(0, 3).map((name) => rename(stores.store, board, card.id, name)),
        rename(stores.store, board, "no-such-card", "x"),
        ...names.slice(3).map((name) => rename(stores.store, board, card.id, name)),
      ]),
    );
    // The group starts a turn after the first was asked for: all six join it, one write in all
    // (before decision 0031's amendment the first ran alone and the rest as a group: two).
    assert.equal(writes, 1);
    assert.deepEqual(
      settled.map((s) => (s.status === "fulfilled" ? s.value.result : (s.reason as TackError).code)),
      ["first", "a", "b", ErrorCode.notFound, "c", "d"],
    );
    assert.equal((await stores.other.loadBoard(board.board.id))!.cards[0]!.name, "e");
    assert.deepEqual(
      await seqsOf(board.board.id),
      [...seqs, ...names.map((_, i) => seqs.at(-1)! + i + 1)],
      "five actions, no gap where the refusal was",
    );
  });

  it("a copy found stale: its statement answers every declared read as the board now is, and the next try commits on them (decision 0059)", async () => {
    const { board, card } = await aCachedBoard();
    const boardId = board.board.id;
    const other = aList(boardId, { name: "Done" });
    const gone = aCard(boardId, board.list.id, { name: "removed elsewhere", pos: 5 });
    const checklist = aChecklist(boardId, card.id, { name: "kept" });
    await stores.store.transact(boardId, async (tx) => {
      await tx.put("list", other);
      await tx.put("card", gone);
      await tx.put("checklist", checklist);
    });
    await stores.store.loadBoard(boardId); // current here again
    const added = aCard(boardId, board.list.id, { name: "added elsewhere", pos: 7 });
    const label = aLabel(boardId, { name: "made elsewhere" });
    await stores.other.transact(boardId, async (tx) => {
      await tx.put("card", { ...card, name: "renamed elsewhere" });
      await tx.remove("card", gone.id);
      await tx.put("card", added);
      await tx.put("label", label);
      await tx.put("checklist", { ...checklist, name: "renamed elsewhere" });
      await tx.record(aDraft(board.admin.id, { type: "updateCard" }));
    });
    const reads: Prefetch = {
      ids: [card.id, gone.id],
      parentsOf: [card.id],
      children: [{ kind: "checklist", of: card.id }],
      siblings: [{ kind: "card", of: card.id }],
      all: ["label"],
      positions: [{ kind: "card", of: other.id }],
      siblingPositions: [{ kind: "card", of: card.id }],
    };
    const before = stores.store.boardCacheStats().copyWrites;
    const tries: string[] = [];
    const { result } = await stores.store.transact(
      boardId,
      async (tx) => {
        const seen = {
          card: (await tx.get("card", card.id))?.name,
          gone: await tx.get("card", gone.id),
          list: (await tx.get("list", board.list.id))?.name,
          checklists: (await tx.children("checklist", card.id)).map((c) => c.name),
          cards: (await tx.children("card", board.list.id)).map((c) => c.name).sort(),
          labels: (await tx.all("label")).map((l) => l.name),
          placedThere: await tx.positions("card", other.id),
          placedHere: (await tx.positions("card", board.list.id)).map((p) => p.pos).sort(),
        };
        tries.push(seen.card ?? "");
        await tx.put("card", { ...(await tx.get("card", card.id))!, idList: other.id, pos: 1 });
        await tx.record(aDraft(board.admin.id, { type: "updateCard" }));
        return seen;
      },
      { reads },
    );
    assert.deepEqual(
      tries,
      ["first", "renamed elsewhere"],
      "the copy, then the rows the stale statement answered",
    );
    assert.deepEqual(result, {
      card: "renamed elsewhere",
      gone: null,
      list: board.list.name,
      checklists: ["renamed elsewhere"],
      cards: ["added elsewhere", "renamed elsewhere"],
      labels: ["made elsewhere"],
      placedThere: [],
      placedHere: [7, card.pos].sort(),
    });
    const after = stores.store.boardCacheStats().copyWrites;
    assert.deepEqual(
      { stale: after.stale - before.stale, read: after.read - before.read },
      { stale: 1, read: 1 },
      "found stale on the copy, then committed on the fresh rows",
    );
    const stored = (await stores.other.loadBoard(boardId))!;
    assert.equal(stored.cards.find((c) => c.id === card.id)!.idList, other.id);
  });

  it("a group on a copy found stale commits on the rows its statement answered, each answer as the lock would give it", async () => {
    const { board, card } = await aCachedBoard();
    await rename(stores.other, board, card.id, "by the other process");
    const before = stores.store.boardCacheStats().copyWrites;
    const blocker = rename(stores.store, board, card.id, "one");
    const [first, second, third] = await Promise.all([
      blocker,
      rename(stores.store, board, card.id, "two"),
      rename(stores.store, board, card.id, "three"),
    ]);
    assert.deepEqual([first.result, second.result, third.result], ["by the other process", "one", "two"]);
    assert.equal((await stores.other.loadBoard(board.board.id))!.cards[0]!.name, "three");
    const after = stores.store.boardCacheStats().copyWrites;
    assert.ok(after.stale > before.stale, "a try found its copy stale");
    assert.equal(after.read_stale, before.read_stale, "the fresh rows were current");
  });

  it("a group on a copy another process made stale runs the usual way, with the lock's answers", async () => {
    const { board, card } = await aCachedBoard();
    await rename(stores.other, board, card.id, "by the other process");
    const blocker = rename(stores.store, board, card.id, "one");
    const [first, second] = await Promise.all([
      blocker,
      rename(stores.store, board, card.id, "two"),
      rename(stores.store, board, card.id, "three"),
    ]);
    assert.equal(first.result, "by the other process");
    assert.equal(second.result, "one");
    assert.equal((await stores.other.loadBoard(board.board.id))!.cards[0]!.name, "three");
  });

  it("a refusal found on a stale copy is not the answer: a card another process made is found under the lock", async () => {
    const { board } = await aCachedBoard();
    const fresh = aCard(board.board.id, board.list.id, { name: "made elsewhere" });
    await stores.other.transact(board.board.id, async (tx) => {
      await tx.put("card", fresh);
      await tx.record(aDraft(board.admin.id, { type: "createCard" }));
    });
    const seqs = await seqsOf(board.board.id);
    const { result } = await rename(stores.store, board, fresh.id, "renamed here");
    assert.equal(result, "made elsewhere");
    assert.equal(
      (await stores.other.loadBoard(board.board.id))!.cards.find((c) => c.id === fresh.id)!.name,
      "renamed here",
    );
    assert.deepEqual(await seqsOf(board.board.id), [...seqs, seqs.at(-1)! + 1], "one action, no gap");
  });

  it("a write another process made meanwhile: the attempt writes nothing, the lock's answer stands", async () => {
    const { board, card } = await aCachedBoard();
    await rename(stores.other, board, card.id, "by the other process");
    const seqs = await seqsOf(board.board.id);
    const { result } = await rename(stores.store, board, card.id, "here");
    assert.equal(result, "by the other process", "read under the lock, not from the stale copy");
    assert.deepEqual(await seqsOf(board.board.id), [...seqs, seqs.at(-1)! + 1], "one action, no gap");
  });

  it("a board another process deleted meanwhile: the attempt finds no row to lock, and the lock answers not found", async () => {
    const { board, card } = await aCachedBoard();
    const before = stores.store.boardCacheStats().copyWrites;
    await stores.other.deleteBoard(board.board.id);
    await assert.rejects(
      rename(stores.store, board, card.id, "here"),
      (error: unknown) => error instanceof TackError && error.code === ErrorCode.notFound,
    );
    assert.equal(await stores.other.loadBoard(board.board.id), null);
    assert.equal(await stores.store.loadBoard(board.board.id), null, "no copy answers for it");
    assert.deepEqual(stores.store.boardCacheStats().copyWrites, before, "neither committed nor stale");
  });

  it("counts the transactions committed from the copy and those that found it stale (for /metrics)", async () => {
    const { board, card } = await aCachedBoard();
    const before = stores.store.boardCacheStats().copyWrites;
    await rename(stores.store, board, card.id, "from the copy");
    await rename(stores.other, board, card.id, "by the other process");
    await rename(stores.store, board, card.id, "the copy was stale");
    const after = stores.store.boardCacheStats().copyWrites;
    assert.deepEqual(
      { committed: after.committed - before.committed, stale: after.stale - before.stale },
      { committed: 1, stale: 1 },
    );
  });

  it("a read the copy cannot answer runs the command under the lock", async () => {
    const { board, card } = await aCachedBoard();
    const { result, writes } = await writesDuring(() =>
      rename(stores.store, board, card.id, "second", async (tx) => {
        assert.equal((await tx.memberships()).length, 1);
      }),
    );
    assert.equal(result.result, "first");
    assert.ok(writes >= 2, "the memberships were read under the lock");
    assert.equal((await stores.other.loadBoard(board.board.id))!.cards[0]!.name, "second");
  });

  it("a webhook made since this process last looked: nothing written before the lock, the fan-out queued under it", async () => {
    const { board, card } = await aCachedBoard();
    const tokenId = await aToken(stores.other, board.admin.id);
    assert.ok(
      await stores.other.webhooks.insertWebhook(
        aWebhook(tokenId, board.admin.id, { idModel: board.board.id }),
      ),
    );
    let written: BoardTx | undefined;
    await stores.store.transact(
      board.board.id,
      async (tx) => {
        written = tx;
        const now = (await tx.get("card", card.id))!;
        await tx.put("card", { ...now, name: "seen by a webhook" });
        const change = await tx.record(aDraft(board.admin.id, { type: "updateCard" }));
        await tx.enqueue({
          topic: "webhook",
          payload: { actions: [change.action.id] },
          onlyWithWebhooks: true,
        });
      },
      { reads: readsOf(card.id) },
    );
    assert.equal(written?.queuedOutbox, true, "the write saw the webhook");
    const topics = (await stores.other.notify.pendingOutbox(1000))
      .filter((e) => e.boardId === board.board.id)
      .map((e) => e.topic);
    assert.ok(topics.includes("webhook"), `queued: ${topics.join(", ")}`);
  });

  it("a mutation id already committed: the attempt's flush is refused by the unique index, nothing of it is written", async () => {
    const { board, card } = await aCachedBoard();
    const write = (name: string) =>
      stores.store.transact(
        board.board.id,
        async (tx) => {
          const prior = await tx.priorMutation(board.admin.id, `m-${card.id}`);
          if (prior) return "replayed";
          const now = (await tx.get("card", card.id))!;
          await tx.put("card", { ...now, name });
          await tx.record(aDraft(board.admin.id, { type: "updateCard", mutationId: `m-${card.id}` }));
          return "written";
        },
        { reads: readsOf(card.id) },
      );
    assert.equal((await write("once")).result, "written");
    const seqs = await seqsOf(board.board.id);
    // Before the lock, an earlier attempt cannot be looked up; the flush finds it. The caller
    // (commands/mutate.ts) answers a conflict on a mutation id from the earlier attempt.
    await assert.rejects(
      write("twice"),
      (error: unknown) => error instanceof TackError && error.code === ErrorCode.conflict,
    );
    assert.equal((await stores.other.loadBoard(board.board.id))!.cards[0]!.name, "once");
    assert.deepEqual(await seqsOf(board.board.id), seqs, "no action of the refused attempt");
  });
});
