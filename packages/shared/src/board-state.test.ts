import assert from "node:assert/strict";
import { test } from "node:test";
import { applyChange, type BoardSnapshot, stateFromSnapshot } from "./board-state.ts";
import type { BoardChange } from "./changes.ts";
import { type Card, defaults, readers } from "./models.ts";

const board = readers.board({ id: "b", name: "B", shortLink: "abcdefgh" });
const snapshot: BoardSnapshot = {
  board,
  seq: 3,
  lists: [],
  cards: [],
  labels: [],
  checklists: [],
  attachments: [],
  memberships: [],
  members: [],
  actions: [],
};
const card = (name: string): Card =>
  readers.card({
    id: "c",
    idBoard: "b",
    idList: "l",
    idShort: 1,
    shortLink: "s",
    name,
    cover: defaults.cover(),
  });
const change = (seq: number, name: string): BoardChange => ({
  board: "b",
  seq,
  action: {
    id: `a${seq}`,
    idMemberCreator: "m",
    type: "updateCard",
    date: "2026-01-01T00:00:00.000Z",
    data: {},
    seq,
  },
  models: { cards: [card(name)] },
  deleted: [],
});

test("the next change applies; a repeat is ignored; a gap is refused", () => {
  const state = stateFromSnapshot(snapshot);
  assert.equal(applyChange(state, change(4, "four")), true);
  assert.equal(state.cards.get("c")?.name, "four");
  assert.equal(applyChange(state, change(4, "four again")), true, "already applied: harmless");
  assert.equal(state.cards.get("c")?.name, "four");
  assert.equal(applyChange(state, change(6, "six")), false, "seq 5 is missing");
  assert.equal(state.seq, 4);
  assert.equal(state.cards.get("c")?.name, "four");
});

test("deletions remove models; comments vanish from the feed", () => {
  const state = stateFromSnapshot(snapshot);
  applyChange(state, change(4, "x"));
  applyChange(state, {
    ...change(5, "x"),
    models: {},
    deleted: [
      { kind: "card", id: "c" },
      { kind: "comment", id: "a4" },
    ],
  });
  assert.equal(state.cards.size, 0);
  assert.deepEqual(
    state.actions.map((a) => a.id),
    ["a5"],
  );
});

test("tolerant readers keep unknown fields and fill missing ones", () => {
  const raw = {
    id: "c",
    idBoard: "b",
    idList: "l",
    idShort: 1,
    shortLink: "s",
    name: "n",
    futureField: { x: 1 },
  };
  const read = readers.card(raw) as Card & { futureField?: unknown };
  assert.deepEqual(read.futureField, { x: 1 });
  assert.deepEqual(read.idLabels, []);
  assert.equal(read.cover.size, "normal");
});
