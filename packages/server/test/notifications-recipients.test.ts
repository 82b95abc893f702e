// A write queues a notification entry only for an action that may notify someone (`whoMayHear`,
// issue 16); the notifier decides who (`recipientsOf`). The first must never say no where the
// second would find someone: checked on card updates of every kind, with everyone on the board
// watching the card; and a change only watchers could hear of asks for a watch exactly when
// the card's members are at most its author.
import assert from "node:assert/strict";
import { test } from "node:test";
import { newId } from "@tack/shared/ids";
import type { Action } from "@tack/shared/models";
import { recipientsOf, whoMayHear } from "../src/notifications/recipients.ts";
import { aCard } from "./support/store-fixtures.ts";

const author = newId();
const watcher = newId();
const joiner = newId();
const people = [author, watcher, joiner].map((memberId, i) => ({
  memberId,
  username: `person${i}`,
  role: "normal" as const,
}));
const card = aCard(newId(), newId(), { idMembers: [watcher, joiner] });
const ref = { id: card.id, name: card.name, idShort: card.idShort, shortLink: card.shortLink };

const board = { id: newId(), name: "Board", shortLink: "b" };
/** An updateCard action's data, as the command records it: the board, the card's changes, `old`. */
const update = (card: object, old: object) => ({ board, card: { ...ref, ...card }, old });
const updates: Array<[what: string, data: Record<string, unknown>, notifies: boolean]> = [
  ["moved up its list", update({ pos: 3 }, { pos: 7 }), false],
  ["relabelled", update({ idLabels: ["x"] }, { idLabels: [] }), false],
  ["a new cover", update({ idAttachmentCover: "a" }, { idAttachmentCover: null }), false],
  ["moved to another list", update({ idList: "b", pos: 1 }, { idList: "a", pos: 2 }), true],
  ["renamed", update({ name: "New" }, { name: "Old" }), true],
  ["archived", update({ closed: true }, { closed: false }), true],
  ["given a due date", update({ due: "2030-01-01" }, { due: null }), true],
  ["a member added", update({ idMembers: [joiner] }, { idMembers: [] }), true],
  ["a description with a mention", update({ desc: "@person1 look" }, { desc: "" }), true],
];

const updateBy = (data: Record<string, unknown>): Action => ({
  id: newId(),
  idMemberCreator: author,
  type: "updateCard",
  date: "",
  seq: 1,
  data,
});

for (const [what, data, notifies] of updates) {
  test(`updateCard, ${what}: may notify = ${notifies}, and recipientsOf agrees`, () => {
    const found = recipientsOf({ action: updateBy(data), card, people, watchers: [watcher, joiner] });
    assert.equal(whoMayHear("updateCard", data, card, author).kind !== "no one", notifies, what);
    assert.equal(found.size > 0, notifies, `${what}: recipients ${JSON.stringify([...found])}`);
  });
}

test("a change only watchers hear of, on a card whose members are at most its author, asks for a watch", () => {
  const moved = update({ idList: "b" }, { idList: "a" });
  for (const idMembers of [[], [author]]) {
    const own = { ...card, idMembers };
    const mayHear = whoMayHear("updateCard", moved, own, author);
    assert.deepEqual(
      mayHear,
      { kind: "watchers", of: [own.id, own.idList, board.id] },
      `members ${idMembers}`,
    );
    // What the condition stands for: nobody hears without a watch by someone else, and a watcher does.
    assert.equal(recipientsOf({ action: updateBy(moved), card: own, people, watchers: [] }).size, 0);
    assert.equal(recipientsOf({ action: updateBy(moved), card: own, people, watchers: [author] }).size, 0);
    assert.deepEqual(
      [...recipientsOf({ action: updateBy(moved), card: own, people, watchers: [watcher] }).keys()],
      [watcher],
    );
  }
  // A member other than the author hears of it whoever watches: decided on delivery.
  assert.equal(
    whoMayHear("updateCard", moved, { ...card, idMembers: [author, joiner] }, author).kind,
    "anyone",
  );
  // Without the card at hand the write cannot tell.
  assert.equal(whoMayHear("updateCard", moved, undefined, author).kind, "anyone");
});

test("other notifying actions always queue their entry (who hears is decided after commit)", () => {
  for (const type of ["commentCard", "addMemberToCard", "createCard", "updateCheckItem"])
    assert.equal(whoMayHear(type, {}, card, author).kind, "anyone", type);
});
