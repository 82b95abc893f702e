// Store contract, batch writes (putAll, recordAll: what a Trello import writes with): the same
// result as one put / record per item, across the adapters' chunk boundaries, all or nothing.
import assert from "node:assert/strict";
import { TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import type { ContractCase } from "./store-contract.ts";
import { aBoard, aCard, aDraft, aLabel, aList, aSeededBoard } from "./support/store-fixtures.ts";

const TRICKY = 'quotes " and \\ backslashes, {braces}, commas, NULL, ünïcødé ☕ 日本語';

export const batchCases: ContractCase[] = [
  [
    "putAll writes many objects (past any chunk size) exactly as put would, and updates existing ones",
    async (store) => {
      const { board, list } = await aSeededBoard(store);
      const second = aList(board.id, { name: TRICKY, pos: 131_070 });
      const cards = Array.from({ length: 1_234 }, (_, i) =>
        aCard(board.id, i % 2 ? list.id : second.id, {
          idShort: i + 1,
          name: `${TRICKY} ${i}`,
          closed: i % 7 === 0,
        }),
      );
      const labels = [aLabel(board.id, { name: TRICKY, color: null }), aLabel(board.id)];
      await store.transact(board.id, async (tx) => {
        await tx.putAll("list", [second]);
        await tx.putAll("card", cards);
        await tx.putAll("label", labels);
        await tx.putAll("checklist", []);
        assert.equal(await tx.countOpen("card"), cards.filter((c) => !c.closed).length);
      });
      const loaded = await store.loadBoard(board.id);
      assert.equal(loaded?.cards.length, 1_234);
      assert.deepEqual(
        loaded?.cards.sort((a, b) => a.idShort - b.idShort),
        cards,
      );
      assert.deepEqual(
        loaded?.labels.sort((a, b) => a.name.localeCompare(b.name)),
        [...labels].sort((a, b) => a.name.localeCompare(b.name)),
      );
      assert.equal((await store.childrenOf("card", second.id)).length, 617);
      assert.deepEqual(await store.objectById("card", cards[5]!.shortLink), cards[5]);
      const renamed = cards.slice(0, 3).map((c) => ({ ...c, name: "renamed", idList: list.id }));
      await store.transact(board.id, (tx) => tx.putAll("card", renamed));
      assert.deepEqual(await store.objectById("card", cards[0]!.id), renamed[0]);
      assert.equal((await store.childrenOf("card", second.id)).length, 615);
    },
  ],
  [
    "putAll leaves another board's object alone, as put does",
    async (store) => {
      const mine = await aSeededBoard(store);
      const theirs = await aSeededBoard(store);
      await store.transact(mine.board.id, (tx) =>
        tx.putAll("list", [{ ...theirs.list, idBoard: mine.board.id, name: "stolen" }]),
      );
      assert.deepEqual(await store.objectById("list", theirs.list.id), theirs.list);
    },
  ],
  [
    "recordAll numbers many actions on from the board's seq, in order, like record",
    async (store) => {
      const { board, admin } = await aSeededBoard(store);
      const drafts = Array.from({ length: 1_101 }, (_, i) =>
        aDraft(admin.id, {
          type: i % 3 ? "commentCard" : "updateCard",
          data: { n: i, text: TRICKY, nested: { ids: ["a", "b"] } },
          cardId: i % 2 ? newId() : null,
          date: new Date(Date.UTC(2020, 0, 1, 0, 0, i)).toISOString(),
          ...(i === 600 && { mutationId: "batch-600", models: { cards: [aCard(board.id, newId())] } }),
        }),
      );
      const { changes } = await store.transact(board.id, async (tx) => {
        const before = await tx.record(aDraft(admin.id));
        assert.equal(before.seq, 2);
        const recorded = await tx.recordAll(drafts);
        assert.deepEqual(
          recorded.map((c) => c.seq),
          drafts.map((_, i) => i + 3),
        );
        const after = await tx.record(aDraft(admin.id));
        assert.equal(after.seq, 1_104);
      });
      assert.equal(changes.length, 1_103);
      assert.deepEqual(await store.changesSince(board.id, 1, 2_000), changes);
      assert.equal((await store.boardById(board.id))?.seq, 1_104);
      assert.deepEqual((await store.changeByMutation(admin.id, "batch-600"))?.seq, 603);
      const comment = drafts[1]!;
      const read = await store.actionById(comment.id);
      assert.equal(read?.date, comment.date);
      assert.deepEqual(read?.data, comment.data);
    },
  ],
  [
    "recordAll failing in a later chunk (a reused mutation id) writes nothing, the new board included",
    async (store) => {
      const { board, admin } = await aSeededBoard(store);
      await store.transact(board.id, (tx) => tx.record(aDraft(admin.id, { mutationId: "used-once" })));
      const fresh = aBoard();
      const drafts = Array.from({ length: 1_000 }, (_, i) =>
        aDraft(admin.id, i === 999 ? { mutationId: "used-once" } : {}),
      );
      await assert.rejects(
        store.transact(
          fresh.id,
          async (tx) => {
            await tx.putAll("card", [aCard(fresh.id, newId())]);
            await tx.recordAll(drafts);
          },
          { create: fresh },
        ),
        (error: unknown) => error instanceof TackError && error.code === "conflict",
      );
      assert.equal(await store.boardById(fresh.id), null);
      assert.equal(await store.actionById(drafts[0]!.id), null);
      assert.deepEqual(await store.changesSince(fresh.id, 0, 10), []);
    },
  ],
];
