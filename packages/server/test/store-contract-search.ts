// Store contract, search (search-store.ts).
import assert from "node:assert/strict";
import type { ContractCase } from "./store-contract.ts";
import { aCard, aSeededBoard, unique } from "./support/store-fixtures.ts";

export const searchCases: ContractCase[] = [
  [
    "searchCards finds open cards by name or description, any case, wildcards literal",
    async (store) => {
      const mine = await aSeededBoard(store);
      const theirs = await aSeededBoard(store);
      const word = unique("Needle");
      const byName = aCard(mine.board.id, mine.list.id, { name: `the ${word} card` });
      const byDesc = aCard(mine.board.id, mine.list.id, { desc: `see ${word.toLowerCase()}` });
      const archived = aCard(mine.board.id, mine.list.id, { name: word, closed: true });
      const percent = aCard(mine.board.id, mine.list.id, { name: `${word} 100%_done\\` });
      const lookalike = aCard(mine.board.id, mine.list.id, { name: `${word} 1000 done` });
      const foreign = aCard(theirs.board.id, theirs.list.id, { name: word });
      await store.transact(mine.board.id, async (tx) => {
        for (const card of [byName, byDesc, archived, percent, lookalike]) await tx.put("card", card);
      });
      await store.transact(theirs.board.id, async (tx) => tx.put("card", foreign));
      const found = async (boardIds: string[], text: string, limit = 10) =>
        (await store.searchCards(boardIds, text, limit)).map((c) => c.id).sort();
      assert.deepEqual(
        await found([mine.board.id], word.toUpperCase()),
        [byName, byDesc, percent, lookalike].map((c) => c.id).sort(),
      );
      assert.deepEqual(await found([mine.board.id], "100%_done\\"), [percent.id]);
      assert.deepEqual(await found([mine.board.id], `${word} 1_0`), []);
      assert.equal((await found([mine.board.id, theirs.board.id], word, 2)).length, 2);
      assert.deepEqual(await found([theirs.board.id], word), [foreign.id]);
      assert.deepEqual(await found([], word), []);
      const [card] = await store.searchCards([mine.board.id], "100%", 1);
      assert.deepEqual(card, percent);
    },
  ],
  [
    "searchBoards finds the given boards by name, any case, wildcards literal",
    async (store) => {
      const word = unique("Plan");
      const a = await aSeededBoard(store, { name: `${word} 50%` });
      const b = await aSeededBoard(store, { name: `${word} 500` });
      const hidden = await aSeededBoard(store, { name: word });
      const found = async (text: string) =>
        (await store.searchBoards([a.board.id, b.board.id], text, 10)).map((x) => x.id).sort();
      assert.deepEqual(await found(word.toLowerCase()), [a.board.id, b.board.id].sort());
      assert.deepEqual(await found("50%"), [a.board.id]);
      assert.deepEqual(await found("5_0"), []);
      assert.deepEqual(await store.searchBoards([hidden.board.id], word, 10), [hidden.board]);
      assert.equal((await store.searchBoards([a.board.id, b.board.id], word, 1)).length, 1);
    },
  ],
];
