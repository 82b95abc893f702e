// A write queues a notification entry only for an action that may notify someone (`mayNotify`,
// issue 16); the notifier decides who (`recipientsOf`). The first must never say no where the
// second would find someone: checked on card updates of every kind, with everyone on the board
// watching the card.
import assert from "node:assert/strict";
import { test } from "node:test";
import { newId } from "@tack/shared/ids";
import type { Action } from "@tack/shared/models";
import { mayNotify, recipientsOf } from "../src/notifications/recipients.ts";
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

const updates: Array<[what: string, data: Record<string, unknown>, notifies: boolean]> = [
  ["moved up its list", { card: { ...ref, pos: 3 }, old: { pos: 7 } }, false],
  ["relabelled", { card: { ...ref, idLabels: ["x"] }, old: { idLabels: [] } }, false],
  ["a new cover", { card: { ...ref, idAttachmentCover: "a" }, old: { idAttachmentCover: null } }, false],
  ["moved to another list", { card: { ...ref, idList: "b", pos: 1 }, old: { idList: "a", pos: 2 } }, true],
  ["renamed", { card: { ...ref, name: "New" }, old: { name: "Old" } }, true],
  ["archived", { card: { ...ref, closed: true }, old: { closed: false } }, true],
  ["given a due date", { card: { ...ref, due: "2030-01-01" }, old: { due: null } }, true],
  ["a member added", { card: { ...ref, idMembers: [joiner] }, old: { idMembers: [] } }, true],
  ["a description with a mention", { card: { ...ref, desc: "@person1 look" }, old: { desc: "" } }, true],
];

for (const [what, data, notifies] of updates) {
  test(`updateCard, ${what}: may notify = ${notifies}, and recipientsOf agrees`, () => {
    const action: Action = {
      id: newId(),
      idMemberCreator: author,
      type: "updateCard",
      date: "",
      seq: 1,
      data,
    };
    const found = recipientsOf({ action, card, people, watchers: [watcher, joiner] });
    assert.equal(mayNotify("updateCard", data), notifies, what);
    assert.equal(found.size > 0, notifies, `${what}: recipients ${JSON.stringify([...found])}`);
  });
}

test("other notifying actions always queue their entry (who hears is decided after commit)", () => {
  for (const type of ["commentCard", "addMemberToCard", "createCard", "updateCheckItem"])
    assert.equal(mayNotify(type, {}), true, type);
});
