// Store contract, search (search-store.ts).
import assert from "node:assert/strict";
import type { ContractCase } from "./store-contract.ts";
import { aCard, aSeededBoard, unique } from "./support/store-fixtures.ts";

export const searchCases: ContractCase[] = [
  [
    "matchCards finds cards by name or description, every term, any case, wildcards literal, none of the excluded",
    async (store) => {
      const mine = await aSeededBoard(store);
      const theirs = await aSeededBoard(store);
      const word = unique("Needle");
      const byName = aCard(mine.board.id, mine.list.id, { name: `the ${word} card` });
      const byDesc = aCard(mine.board.id, mine.list.id, { desc: `see ${word.toLowerCase()} here` });
      const archived = aCard(mine.board.id, mine.list.id, { name: word, closed: true });
      const percent = aCard(mine.board.id, mine.list.id, { name: `${word} 100%_done\\` });
      const lookalike = aCard(mine.board.id, mine.list.id, { name: `${word} 1000 done` });
      const other = aCard(mine.board.id, mine.list.id, { name: "unrelated", desc: "xy" });
      const foreign = aCard(theirs.board.id, theirs.list.id, { name: word });
      await store.transact(mine.board.id, async (tx) => {
        for (const card of [byName, byDesc, archived, percent, lookalike, other]) await tx.put("card", card);
      });
      await store.transact(theirs.board.id, async (tx) => tx.put("card", foreign));
      const found = async (boardIds: string[], all: string[], none: string[] = [], limit = 10) =>
        (await store.matchCards(boardIds, { all, none }, limit)).map((c) => c.id).sort();
      const ids = (...cards: { id: string }[]) => cards.map((c) => c.id).sort();
      assert.deepEqual(
        await found([mine.board.id], [word.toUpperCase()]),
        ids(byName, byDesc, archived, percent, lookalike),
      );
      assert.deepEqual(await found([mine.board.id], ["100%_done\\"]), ids(percent));
      assert.deepEqual(await found([mine.board.id], [word, "1_0"]), []);
      assert.deepEqual(await found([mine.board.id], [word, "DONE"], ["100%"]), ids(lookalike));
      // Short terms (under a trigram) still match, and a term never spans name and description.
      // (Letters outside hex: the random part of `word` is hex, and "ab" matched it now and then.)
      assert.deepEqual(await found([mine.board.id], ["xy"]), ids(other));
      assert.deepEqual(await found([mine.board.id], ["unrelated xy"]), []);
      // No terms: every card of the boards, minus the excluded.
      assert.deepEqual(await found([mine.board.id], [], [word]), ids(other));
      assert.equal((await found([mine.board.id, theirs.board.id], [word], [], 2)).length, 2);
      assert.deepEqual(await found([theirs.board.id], [word]), ids(foreign));
      assert.deepEqual(await found([], [word]), []);
      // The index follows edits and deletions.
      await store.transact(mine.board.id, async (tx) => {
        await tx.put("card", { ...other, name: `renamed ${word}` });
        await tx.remove("card", byName.id);
      });
      assert.deepEqual(await found([mine.board.id], ["renamed"]), ids(other));
      assert.deepEqual(await found([mine.board.id], [`the ${word} card`]), []);
      const [card] = await store.matchCards([mine.board.id], { all: ["100%"], none: [] }, 1);
      assert.deepEqual(card, percent);
    },
  ],
];
