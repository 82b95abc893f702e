// Decision 0055: a board transaction run on a process's copy of the board before the lock commits
// even when the board moved past the copy, so long as nothing it read was written since: the
// objects it found (unwritten since, still there), the ids it did not find (still absent), the
// listings it read (same rows, none written since) and the board's document (the same but for its
// `dateLastActivity`). Its seqs then follow the other process's, with no gap, and its changes are
// renumbered before anyone publishes them. Proved on a real database with three stores, as three
// processes: another process writing, this process on its copy, and a third that reads the truth;
// the other's writes reach this process's copy as JSON, when the test delivers them (as over Redis).
// Decision 0057: without a current copy, or after a stale one, the rows come from one read without
// the lock and the same one-statement commit checks them; only a second stale try takes the lock.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { BoardChange } from "@tack/shared/changes";
import { notFound } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import type { Card } from "@tack/shared/models";
import { POSITION_GAP } from "@tack/shared/positions";
import { placeUnder } from "../src/commands/placement.ts";
import type { Prefetch } from "../src/store/board-tx.ts";
import type { PostgresStore } from "../src/store/postgres.ts";
import { writesDuring } from "./support/pg-socket-writes.ts";
import { aCard, aDraft, aList, aSeededBoard, type SeededBoard } from "./support/store-fixtures.ts";
import { storesOverAHandBus } from "./support/two-stores.ts";

describe("a transaction on a copy the board moved past commits when nothing it read was written (decision 0055)", () => {
  const bus = storesOverAHandBus();
  let other: PostgresStore;
  let copy: PostgresStore;
  let truth: PostgresStore;
  const { told, deliver } = bus;
  before(() => {
    ({ writer: other, hearer: copy, truth } = bus);
  });

  /** Two lists with a card each, held by this process's copy, which has written the board once. */
  interface TwoLists extends SeededBoard {
    boardId: string;
    second: ReturnType<typeof aList>;
    /** On the first list, and on the second. */
    x: Card;
    y: Card;
  }
  async function twoLists(): Promise<TwoLists> {
    const board = await aSeededBoard(other);
    const boardId = board.board.id;
    const second = aList(boardId, { name: "Second", pos: 131_070 });
    const x = aCard(boardId, board.list.id, { name: "x" });
    const y = aCard(boardId, second.id, { name: "y" });
    await other.transact(boardId, async (tx) => {
      await tx.put("list", second);
      await tx.put("card", x);
      await tx.put("card", y);
    });
    await copy.loadBoard(boardId);
    deliver();
    // Written once on its copy, as a busy process has: it knows whether webhooks exist.
    await renameOnCopy(board, x.id, "x");
    return { ...board, boardId, second, x, y };
  }

  /** What a card's rename reads, declared as a move's are: the card, its list, its list's cards. */
  const cardReads = (cardId: string): Prefetch => ({
    ids: [cardId],
    parentsOf: [cardId],
    siblings: [{ kind: "card", of: cardId }],
  });

  /** A rename by this process, on its copy when it can: reads the card, its list and its siblings. */
  const renameOnCopy = (board: SeededBoard, cardId: string, name: string) =>
    copy.transact(
      board.board.id,
      async (tx) => {
        const card = await tx.get("card", cardId);
        if (!card) throw notFound("card");
        await tx.get("list", card.idList);
        await tx.children("card", card.idList);
        await tx.put("card", { ...card, name });
        return tx.record(aDraft(board.admin.id, { type: "updateCard" }));
      },
      { reads: cardReads(cardId) },
    );

  /** A rename by the other process, under the lock. */
  const renameByOther = (board: SeededBoard, cardId: string, name: string) =>
    other.transact(board.board.id, async (tx) => {
      const card = (await tx.get("card", cardId))!;
      await tx.put("card", { ...card, name });
      await tx.record(aDraft(board.admin.id, { type: "updateCard" }));
    });

  const outcomes = () => copy.boardCacheStats().copyWrites;
  /** The seq the database gave each action of the board, by action id, checked gapless from 1. */
  async function storedSeqs(boardId: string): Promise<{ last: number; of: Map<string, number> }> {
    const stored = await truth.changesSince(boardId, 0, 1000);
    assert.deepEqual(
      stored.map((c: BoardChange) => c.seq),
      stored.map((_, i) => i + 1),
      "gapless",
    );
    return { last: stored.length, of: new Map(stored.map((c) => [c.action.id, c.seq])) };
  }
  const cardOf = async (boardId: string, cardId: string) =>
    (await truth.loadBoard(boardId))!.cards!.find((c) => c.id === cardId);
  /** Delivers what the other process told; this process's next read of the board comes from its
   * copy, and the copy is the truth: every card, and the seq. */
  async function copyCaughtUp(boardId: string): Promise<void> {
    deliver();
    const { hits } = copy.boardCacheStats();
    const seen = (await copy.loadBoard(boardId))!;
    assert.equal(copy.boardCacheStats().hits, hits + 1, "read from the copy");
    const read = (await truth.loadBoard(boardId))!;
    const byId = (list: readonly Card[]) => [...list].sort((p, q) => p.id.localeCompare(q.id));
    assert.deepEqual(byId(seen.cards!), byId(read.cards!));
    assert.equal(seen.seq, read.seq);
  }

  it("a write on another list's card: one write, seqs after the other's, the copy carried to both", async () => {
    const board = await twoLists();
    await renameByOther(board, board.y.id, "y by the other"); // not heard yet
    const before = outcomes();
    const { result, writes } = await writesDuring(() => renameOnCopy(board, board.x.id, "x on the copy"));
    assert.equal(writes, 1, "one statement, before the lock");
    assert.deepEqual(outcomes(), { ...before, behind: before.behind + 1 });
    const { last } = await storedSeqs(board.boardId);
    // The change it answers and the one it publishes carry the seq the database gave it.
    assert.equal(result.result.seq, last);
    assert.equal(result.result.action.seq, last);
    assert.deepEqual(
      result.changes.map((c) => c.seq),
      [last],
    );
    assert.equal((await truth.loadBoard(board.boardId))!.seq, last);
    assert.equal((await cardOf(board.boardId, board.x.id))!.name, "x on the copy");
    assert.equal((await cardOf(board.boardId, board.y.id))!.name, "y by the other");
    // Its own commit waited in the copy for the other's; both arrive in order.
    await copyCaughtUp(board.boardId);
  });

  it("a write that recorded no action came between: no seq moves, and the copy still follows it", async () => {
    const board = await twoLists();
    const seq = (await truth.loadBoard(board.boardId))!.seq;
    await other.transact(board.boardId, (tx) => tx.put("card", aCard(board.boardId, board.second.id)));
    const before = outcomes();
    const { result } = await renameOnCopy(board, board.x.id, "x past a silent write");
    assert.deepEqual(outcomes(), { ...before, behind: before.behind + 1 });
    assert.equal(result.seq, seq + 1);
    await copyCaughtUp(board.boardId); // the other's card and this rename, both
  });

  it("a group of this process's writes on a copy behind: one commit, each answer numbered as stored", async () => {
    const board = await twoLists();
    const more = aCard(board.boardId, board.list.id, { name: "more" });
    await copy.transact(board.boardId, (tx) => tx.put("card", more));
    await renameByOther(board, board.y.id, "y by the other"); // not heard yet
    const before = outcomes();
    // Three at once on one board: they queue behind each other and run as a group (board-group.ts).
    const answers = await Promise.all([
      renameOnCopy(board, board.x.id, "x, grouped"),
      renameOnCopy(board, more.id, "more, grouped"),
      renameOnCopy(board, board.x.id, "x, grouped again"),
    ]);
    const after = outcomes();
    assert.equal(after.stale, before.stale, "none ran again");
    assert.equal(after.behind - before.behind, 3);
    const stored = await storedSeqs(board.boardId);
    for (const { result, changes } of answers) {
      assert.equal(result.seq, stored.of.get(result.action.id));
      assert.deepEqual(
        changes.map((c) => c.seq),
        [result.seq],
      );
    }
    assert.equal((await cardOf(board.boardId, board.x.id))!.name, "x, grouped again");
  });

  describe("a placement depends on the siblings next to it, not the whole list (decision 0056)", () => {
    /** y moved by this process to the bottom of the first list, as a move does, on its copy when it can. */
    const toBottomOnCopy = (board: TwoLists) =>
      copy.transact(
        board.boardId,
        async (tx) => {
          const card = (await tx.get("card", board.y.id))!;
          const { pos } = await placeUnder(tx, "card", board.list.id, "bottom", card.id);
          await tx.put("card", { ...card, idList: board.list.id, pos });
          await tx.record(aDraft(board.admin.id));
          return pos;
        },
        { reads: { ids: [board.y.id], positions: [{ kind: "card", of: board.list.id }] } },
      );
    /** A card put by the other process (not heard yet) into the first list at `pos`. */
    const putByOther = (board: TwoLists, pos: number) =>
      other.transact(board.boardId, (tx) => tx.put("card", aCard(board.boardId, board.list.id, { pos })));

    it("a card placed higher up since: the move to the bottom commits past the copy", async () => {
      const board = await twoLists(); // x alone on the first list, at its default position
      const x = (await cardOf(board.boardId, board.x.id))!;
      await putByOther(board, x.pos / 2); // a write that records no action: the seqs do not move
      const before = outcomes();
      const { result } = await toBottomOnCopy(board);
      assert.deepEqual(outcomes(), { ...before, behind: before.behind + 1 });
      assert.equal(result, x.pos + POSITION_GAP);
      assert.equal((await cardOf(board.boardId, board.y.id))!.pos, x.pos + POSITION_GAP);
      // The copy takes the other's write, then its own, which followed it.
      await copyCaughtUp(board.boardId);
    });

    it("two placements in one list: each keeps its own neighbours checked", async () => {
      const board = await twoLists();
      const x = (await cardOf(board.boardId, board.x.id))!;
      const z = aCard(board.boardId, board.second.id, { name: "z", pos: 1 });
      await other.transact(board.boardId, (tx) => tx.put("card", z));
      deliver();
      // Another card goes to the top of the first list (not heard yet), where this transaction puts y.
      await putByOther(board, x.pos / 4);
      const before = outcomes();
      const { result } = await copy.transact(
        board.boardId,
        async (tx) => {
          // y to the top of the first list, then z to its bottom: the second span must not hide the first.
          const y = (await tx.get("card", board.y.id))!;
          const top = await placeUnder(tx, "card", board.list.id, "top", y.id);
          await tx.put("card", { ...y, idList: board.list.id, pos: top.pos });
          const zNow = (await tx.get("card", z.id))!;
          const bottom = await placeUnder(tx, "card", board.list.id, "bottom", z.id);
          await tx.put("card", { ...zNow, idList: board.list.id, pos: bottom.pos });
          await tx.record(aDraft(board.admin.id));
          return top.pos;
        },
        { reads: { ids: [board.y.id, z.id], positions: [{ kind: "card", of: board.list.id }] } },
      );
      assert.equal(outcomes().stale, before.stale + 1, "tried on the copy, and not committed past it");
      assert.equal(result, x.pos / 8, "above the card placed at the top since");
    });

    it("a group of moves into one list, on a current copy: each reads the list once, none runs again", async () => {
      const board = await twoLists();
      const more = aCard(board.boardId, board.second.id, { name: "more", pos: 1 });
      await copy.transact(board.boardId, (tx) => tx.put("card", more));
      const x = (await cardOf(board.boardId, board.x.id))!;
      const toBottom = (cardId: string) =>
        copy.transact(
          board.boardId,
          async (tx) => {
            const card = (await tx.get("card", cardId))!;
            const { pos } = await placeUnder(tx, "card", board.list.id, "bottom", card.id);
            await tx.put("card", { ...card, idList: board.list.id, pos });
            await tx.record(aDraft(board.admin.id));
            return pos;
          },
          { reads: { ids: [cardId], positions: [{ kind: "card", of: board.list.id }] } },
        );
      const before = outcomes();
      // While a rename runs, both moves queue on the board and run as one group (board-group.ts),
      // whose read-ahead asks for the list twice.
      const [, y, m] = await Promise.all([
        renameOnCopy(board, board.x.id, "x"),
        toBottom(board.y.id),
        toBottom(more.id),
      ]);
      const after = outcomes();
      assert.equal(after.stale, before.stale, "the group's read of the list matched the table");
      assert.equal(after.committed - before.committed, 3, "all committed from the copy");
      assert.deepEqual([y.result, m.result], [x.pos + POSITION_GAP, x.pos + 2 * POSITION_GAP]);
      await copyCaughtUp(board.boardId);
    });

    it("a card placed at the bottom since, or the last one moved away: it runs again on the board as it is", async () => {
      const board = await twoLists();
      const x = (await cardOf(board.boardId, board.x.id))!;
      await putByOther(board, x.pos + 10);
      const before = outcomes();
      const { result } = await toBottomOnCopy(board);
      assert.equal(result, x.pos + 10 + POSITION_GAP, "below the card placed since");
      assert.equal(outcomes().stale, before.stale + 1);
      // Now the last card of the list leaves it: y's place was decided by it.
      const again = await twoLists();
      await other.transact(again.boardId, async (tx) => {
        const card = (await tx.get("card", again.x.id))!;
        await tx.put("card", { ...card, idList: again.second.id });
      });
      const { result: alone } = await toBottomOnCopy(again);
      assert.equal(alone, POSITION_GAP, "the list is empty but for y");
      assert.equal(outcomes().stale, before.stale + 2);
      assert.equal(outcomes().behind, before.behind);
    });
  });

  it("the card it read was written since: it runs again on the board as it is, the other's write is kept", async () => {
    const board = await twoLists();
    await renameByOther(board, board.x.id, "x by the other");
    const before = outcomes();
    await copy.transact(
      board.boardId,
      async (tx) => {
        const card = (await tx.get("card", board.x.id))!;
        await tx.put("card", { ...card, name: `${card.name}, then the copy` });
        await tx.record(aDraft(board.admin.id));
      },
      { reads: cardReads(board.x.id) },
    );
    assert.equal(outcomes().stale, before.stale + 1);
    assert.equal(outcomes().behind, before.behind);
    assert.equal((await cardOf(board.boardId, board.x.id))!.name, "x by the other, then the copy");
  });

  it("a card removed since is never brought back: the lock finds it gone", async () => {
    const board = await twoLists();
    await other.transact(board.boardId, async (tx) => {
      await tx.remove("card", board.x.id);
      await tx.record(aDraft(board.admin.id, { type: "deleteCard" }));
    });
    await assert.rejects(renameOnCopy(board, board.x.id, "resurrected?"), /card/);
    assert.equal(await cardOf(board.boardId, board.x.id), undefined);
  });

  it("a listing that gained a row, or lost one, since: it runs again on the board as it is", async () => {
    const board = await twoLists();
    const before = outcomes();
    // A card joins x's list.
    const joined = aCard(board.boardId, board.list.id, { name: "joined" });
    await other.transact(board.boardId, (tx) => tx.put("card", joined));
    await renameOnCopy(board, board.x.id, "x, one");
    deliver();
    // A card leaves x's list (moved to the second list).
    await other.transact(board.boardId, async (tx) => {
      const card = (await tx.get("card", joined.id))!;
      await tx.put("card", { ...card, idList: board.second.id });
    });
    await renameOnCopy(board, board.x.id, "x, two");
    assert.equal(outcomes().stale, before.stale + 2);
    assert.equal(outcomes().behind, before.behind);
    assert.equal((await cardOf(board.boardId, board.x.id))!.name, "x, two");
  });

  it("an id it looked for and did not find, made since: it runs again on the board as it is", async () => {
    const board = await twoLists();
    const id = newId();
    await renameByOther(board, board.y.id, "moves the board on");
    await other.transact(board.boardId, (tx) =>
      tx.put("card", aCard(board.boardId, board.second.id, { id })),
    );
    const before = outcomes();
    const { result } = await copy.transact(
      board.boardId,
      async (tx) => {
        const found = await tx.get("card", id);
        await tx.put("card", { ...board.x, name: found ? "found it" : "not there" });
        await tx.record(aDraft(board.admin.id));
        return found !== null;
      },
      { reads: { ids: [id, board.x.id] } },
    );
    assert.equal(result, true, "answered by the lock, which sees the new card");
    assert.equal(outcomes().stale, before.stale + 1);
    assert.equal((await cardOf(board.boardId, board.x.id))!.name, "found it");
  });

  it("the board's document changed since, or the transaction changes it: it runs again on the board as it is", async () => {
    const board = await twoLists();
    await other.transact(board.boardId, async (tx) => {
      await tx.putBoard({ ...tx.board(), closed: true });
      await tx.record(aDraft(board.admin.id, { type: "updateBoard" }));
    });
    const before = outcomes();
    const { result } = await copy.transact(
      board.boardId,
      async (tx) => {
        await tx.get("card", board.x.id);
        await tx.putBoard({ ...tx.board(), dateLastActivity: new Date().toISOString() });
        await tx.record(aDraft(board.admin.id));
        return tx.board().closed;
      },
      { reads: cardReads(board.x.id) },
    );
    assert.equal(result, true, "the command saw the closed board");
    assert.equal(outcomes().stale, before.stale + 1);
    deliver();
    // This process renames the board on its copy after another card moved: its own change of the
    // document is never written over a newer one.
    await renameByOther(board, board.y.id, "moves the board on");
    await copy.transact(
      board.boardId,
      async (tx) => {
        await tx.get("card", board.x.id);
        await tx.putBoard({ ...tx.board(), name: "Renamed on the copy" });
        await tx.record(aDraft(board.admin.id, { type: "updateBoard" }));
      },
      { reads: cardReads(board.x.id) },
    );
    assert.equal(outcomes().stale, before.stale + 2);
    const read = (await truth.loadBoard(board.boardId))!;
    assert.equal(read.board.name, "Renamed on the copy");
    assert.equal(read.board.closed, true);
  });

  it("a row written by a worker that does not stamp it reads as written since", async () => {
    const board = await twoLists();
    // An older worker's write, in a rolling restart: the row's version is not set by the writer.
    await truth.pool.query(
      'UPDATE objects SET doc = doc || \'{"name": "x by an older worker"}\' WHERE id = $1',
      [board.x.id],
    );
    const unstamped = newId();
    await truth.pool.query(
      "INSERT INTO objects (id, board_id, kind, parent_id, short_link, closed, doc) SELECT $1, board_id, kind, parent_id, NULL, false, doc || jsonb_build_object('id', $1::text) FROM objects WHERE id = $2",
      [unstamped, board.y.id],
    );
    const versions = await truth.pool.query<{ version: string }>(
      "SELECT version::text AS version FROM objects WHERE id = ANY($1) ORDER BY id = $2",
      [[board.x.id, unstamped], board.x.id],
    );
    assert.deepEqual(
      versions.rows.map((r) => r.version),
      ["9223372036854775807", "9223372036854775807"],
    );
    await renameByOther(board, board.y.id, "moves the board on");
    const before = outcomes();
    await renameOnCopy(board, board.x.id, "x on the copy");
    assert.equal(outcomes().stale, before.stale + 1);
    assert.equal(outcomes().behind, before.behind);
  });

  describe("without a current copy: one read without the lock, then the same commit (decision 0057)", () => {
    /** A board this process never read (no copy here): two cards on one list, written by the other. */
    async function uncached(): Promise<SeededBoard & { x: Card; y: Card }> {
      const board = await aSeededBoard(other);
      const x = aCard(board.board.id, board.list.id, { name: "x" });
      const y = aCard(board.board.id, board.list.id, { name: "y", pos: 1 });
      await other.transact(board.board.id, async (tx) => {
        await tx.put("card", x);
        await tx.put("card", y);
      });
      told.splice(0);
      return { ...board, x, y };
    }
    /** A rename by this process that reads the card and, once, lets `meanwhile` run first. */
    const renameReading = (
      board: SeededBoard,
      card: Card,
      name: string,
      meanwhile?: () => Promise<unknown>,
    ) => {
      let runs = 0;
      return copy.transact(
        board.board.id,
        async (tx) => {
          runs += 1;
          const now = (await tx.get("card", card.id))!;
          if (runs === 1 && meanwhile) await meanwhile();
          await tx.put("card", { ...now, name: `${now.name}, ${name}` });
          await tx.record(aDraft(board.admin.id));
          return runs;
        },
        { reads: { ids: [card.id] } },
      );
    };

    it("no copy: the read and the commit, two writes, the lock never taken while the command ran", async () => {
      const board = await uncached();
      const before = outcomes();
      const { result, writes } = await writesDuring(() => renameReading(board, board.x, "renamed"));
      assert.equal(result.result, 1, "ran once");
      assert.equal(writes, 2);
      assert.deepEqual(outcomes(), { ...before, read: before.read + 1 });
      assert.equal((await cardOf(board.board.id, board.x.id))!.name, "x, renamed");
    });

    it("written meanwhile: the read is found stale, and the lock decides", async () => {
      const board = await uncached();
      const before = outcomes();
      // The other process renames the card between this one's read and its commit.
      const { result } = await renameReading(board, board.x, "after the other", () =>
        renameByOther(board, board.x.id, "x by the other"),
      );
      assert.equal(result, 2, "ran again, under the lock");
      assert.equal(outcomes().read_stale, before.read_stale + 1);
      assert.equal((await cardOf(board.board.id, board.x.id))!.name, "x by the other, after the other");
    });

    it("another card written meanwhile: the read commits past it, seqs gapless", async () => {
      const board = await uncached();
      const before = outcomes();
      const { result, changes } = await renameReading(board, board.x, "past the other", () =>
        renameByOther(board, board.y.id, "y by the other"),
      );
      assert.equal(result, 1, "ran once");
      assert.equal(outcomes().read, before.read + 1);
      const { last } = await storedSeqs(board.board.id);
      assert.deepEqual(
        changes.map((c) => c.seq),
        [last],
      );
    });

    it("a group with no copy: one read, one commit, every answer its own", async () => {
      const board = await uncached();
      const before = outcomes();
      const { writes, result } = await writesDuring(() =>
        Promise.all([
          renameReading(board, board.x, "one"),
          renameReading(board, board.y, "two"),
          copy.transact(
            board.board.id,
            async (tx) => {
              if (!(await tx.get("card", "no-such-card"))) throw notFound("card");
            },
            { reads: { ids: ["no-such-card"] } },
          ),
        ]).then(
          () => "all answered",
          (error: Error) => error.message,
        ),
      );
      assert.match(result, /card/, "the refusal is that command's own answer");
      assert.equal(writes, 2, "one read and one commit for the group");
      assert.deepEqual(outcomes(), { ...before, read: before.read + 3 });
      assert.equal((await cardOf(board.board.id, board.x.id))!.name, "x, one");
      assert.equal((await cardOf(board.board.id, board.y.id))!.name, "y, two");
    });
  });

  it("both processes writing one board at once: seqs gapless, every change numbered as stored, copies exact", async () => {
    const board = await twoLists();
    const cards = [board.x, board.y];
    for (let i = 0; i < 6; i++) {
      const card = aCard(board.boardId, i % 2 ? board.second.id : board.list.id, { name: `c${i}` });
      await other.transact(board.boardId, (tx) => tx.put("card", card));
      cards.push(card);
    }
    deliver();
    const answered: BoardChange[] = [];
    for (let round = 0; round < 40; round++) {
      const mine = cards[(round * 3) % cards.length]!;
      const theirs = cards[(round * 5 + 1) % cards.length]!;
      const [a] = await Promise.all([
        renameOnCopy(board, mine.id, `mine ${round}`),
        renameByOther(board, theirs.id, `theirs ${round}`),
      ]);
      answered.push(...a.changes);
      if (round % 3 === 2) deliver(); // the bus sometimes late, sometimes on time
    }
    const stored = await storedSeqs(board.boardId);
    for (const change of answered)
      assert.equal(change.seq, stored.of.get(change.action.id), "numbered as stored");
    await copyCaughtUp(board.boardId);
  });
});
