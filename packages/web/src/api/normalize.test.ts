// A card front from the slim board read (decision 0032) becomes a whole card for the client cache:
// defaults filled back, badge counts kept as its `front`, comment and attachment counts as fields,
// no `badges` left on it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { frontOf } from "../model/card-fronts.ts";
import { cardFrontFrom } from "./normalize.ts";

const BOARD = "0123456789abcdef01234567";

test("a front with its defaults left out reads as a whole card with its front counts", () => {
  const raw = {
    id: "63a000168e0aeca0a222f0a8",
    idList: "63a0000cd87d600608022feb",
    idShort: 1,
    shortLink: "MYGgO4T8",
    name: "Card 1",
    pos: 65536,
    due: "2026-12-01T00:00:00.000Z",
    idLabels: ["63a000024c8fcfbd674ec1f1"],
    badges: { comments: 3, attachments: 1, checkItems: 4, checkItemsChecked: 2, description: true },
  };
  const card = cardFrontFrom(raw, BOARD);
  assert.equal(card.idBoard, BOARD);
  assert.equal(card.name, "Card 1");
  assert.equal(card.desc, "");
  assert.equal(card.closed, false);
  assert.equal(card.dueComplete, false);
  assert.deepEqual(card.idMembers, []);
  assert.equal(card.commentCount, 3);
  assert.equal(card.attachmentCount, 1);
  assert.equal(card.cover.color, null);
  assert.ok(!("badges" in card), "the read's badges are not kept on the card");
  assert.deepEqual(frontOf(card), { desc: true, checkItems: 4, checkItemsChecked: 2 });
  // Left out of fronts, the activity date is the creation time in the id (0x63a00016 seconds).
  assert.equal(card.dateLastActivity, new Date(0x63a00016 * 1000).toISOString());
  const sibling = cardFrontFrom({ ...raw, id: "63a000168e0aeca0a222f0a9" }, BOARD);
  assert.equal(sibling.dateLastActivity, card.dateLastActivity, "a card made in the same second");
  // The read's object is left as it was (the same answer may be read twice).
  assert.deepEqual(raw.badges, {
    comments: 3,
    attachments: 1,
    checkItems: 4,
    checkItemsChecked: 2,
    description: true,
  });
});

test("a front without badges has zero counts and no description", () => {
  const card = cardFrontFrom({ id: "63a000168e0aeca0a222f0a9", idList: "x", name: "Bare", pos: 1 }, BOARD);
  assert.equal(card.commentCount, 0);
  assert.equal(card.attachmentCount, 0);
  assert.deepEqual(frontOf(card), { desc: false, checkItems: 0, checkItemsChecked: 0 });
});
