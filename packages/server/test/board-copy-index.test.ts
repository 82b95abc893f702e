// Decision 0060: the board objects cache knows which of its copies has an object, so a write can be
// authorized with the person's access to that board, without a read. What must hold: an object is
// found only on a board whose copy has it, of the kind asked; it is gone from the index when its
// copy loses it (removed, dropped, evicted); a card moved between boards is found on the copy that
// has it, whichever copy heard of the move first.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Board, Card, List } from "@tack/shared/models";
import { type BoardObjects, BoardObjectsCache } from "../src/store/board-objects-cache.ts";
import { aBoard, aCard, aList } from "./support/store-fixtures.ts";

/** A board with one list of `cards` cards. */
function aBoardOf(cards: number): { board: Board; list: List; cards: Card[]; objects: BoardObjects } {
  const board = aBoard();
  const list = aList(board.id);
  const made = Array.from({ length: cards }, (_, i) => aCard(board.id, list.id, { name: `Card ${i}` }));
  return {
    board,
    list,
    cards: made,
    objects: { lists: [list], cards: made, labels: [], checklists: [], attachments: [], customFields: [] },
  };
}

/** A cache holding each board's copy at version 1. */
function holding(...boards: ReturnType<typeof aBoardOf>[]): BoardObjectsCache {
  const cache = new BoardObjectsCache();
  for (const { board, objects } of boards) cache.put(board.id, 1, objects);
  return cache;
}

const put = (kind: "card" | "list", doc: Card | List) =>
  ({ op: "put", kind, id: doc.id, text: JSON.stringify(doc) }) as const;

describe("which copy has an object (decision 0060)", () => {
  it("finds an object on the board whose copy has it, of the kind asked only", () => {
    const a = aBoardOf(2);
    const b = aBoardOf(1);
    const cache = holding(a, b);
    assert.equal(cache.boardHolding("card", a.cards[1]!.id), a.board.id);
    assert.equal(cache.boardHolding("list", a.list.id), a.board.id);
    assert.equal(cache.boardHolding("card", b.cards[0]!.id), b.board.id);
    assert.equal(cache.boardHolding("list", a.cards[1]!.id), null, "a card is not a list");
    assert.equal(cache.boardHolding("card", a.list.id), null, "a list is not a card");
    assert.equal(cache.boardHolding("card", "0".repeat(24)), null);
    assert.equal(cache.boardHolding("card", a.board.id), null, "the board itself is no object");
  });

  it("follows the copy's writes: a card created is found, a card removed is not", () => {
    const a = aBoardOf(1);
    const cache = holding(a);
    const created = aCard(a.board.id, a.list.id, { name: "New" });
    cache.advance(a.board.id, 1, 2, [put("card", created)]);
    assert.equal(cache.boardHolding("card", created.id), a.board.id);
    cache.advance(a.board.id, 2, 3, [{ op: "remove", kind: "card", id: a.cards[0]!.id }]);
    assert.equal(cache.boardHolding("card", a.cards[0]!.id), null);
    assert.equal(cache.stats().indexed, 2);
    assert.equal(cache.boardHolding("card", created.id), a.board.id);
  });

  it("a card moved between boards is found where a copy has it, whichever copy heard first", () => {
    for (const firstHeard of ["to", "from"] as const) {
      const from = aBoardOf(1);
      const to = aBoardOf(0);
      const cache = holding(from, to);
      const card = from.cards[0]!;
      const moved = { ...card, idBoard: to.board.id, idList: to.list.id };
      const arrive = () => cache.advance(to.board.id, 1, 2, [put("card", moved)]);
      const leave = () => cache.advance(from.board.id, 1, 2, [{ op: "remove", kind: "card", id: card.id }]);
      if (firstHeard === "to") {
        arrive();
        // The old board's copy has not heard yet: the card is on the copy that last set it.
        assert.equal(cache.boardHolding("card", card.id), to.board.id, firstHeard);
        leave();
      } else {
        leave();
        assert.equal(cache.boardHolding("card", card.id), null, "between the two, no copy has it");
        arrive();
      }
      assert.equal(cache.boardHolding("card", card.id), to.board.id, firstHeard);
    }
  });

  it("a dropped copy's objects are not found; another copy's are, a card moved to it included", () => {
    const from = aBoardOf(2);
    const to = aBoardOf(0);
    const cache = holding(from, to);
    const moved = { ...from.cards[0]!, idBoard: to.board.id, idList: to.list.id };
    cache.advance(to.board.id, 1, 2, [put("card", moved)]);
    // The old board's copy still has the card (it never heard), and is dropped.
    assert.equal(cache.stats().indexed, 4, "both lists, the old board's other card, the moved card once");
    cache.drop(from.board.id);
    assert.equal(cache.stats().indexed, 2, "the index keeps nothing of a dropped copy");
    assert.equal(cache.boardHolding("card", from.cards[1]!.id), null);
    assert.equal(cache.boardHolding("list", from.list.id), null);
    assert.equal(cache.boardHolding("card", moved.id), to.board.id);
    // Read again, the board's objects are found again.
    cache.put(from.board.id, 3, { ...from.objects, cards: [from.cards[1]!] });
    assert.equal(cache.boardHolding("card", from.cards[1]!.id), from.board.id);
    assert.equal(cache.boardHolding("card", moved.id), to.board.id);
  });

  it("an evicted copy's objects are not found", () => {
    const cache = new BoardObjectsCache({ capacity: 5 });
    const old = aBoardOf(3);
    const recent = aBoardOf(3);
    cache.put(old.board.id, 1, old.objects);
    cache.put(recent.board.id, 1, recent.objects); // 8 objects > 5: the least recent board goes
    assert.equal(cache.versionOf(old.board.id), null);
    assert.equal(cache.stats().indexed, 4, "nothing of the evicted copy stays in the index");
    for (const card of old.cards) assert.equal(cache.boardHolding("card", card.id), null);
    for (const card of recent.cards) assert.equal(cache.boardHolding("card", card.id), recent.board.id);
  });
});
