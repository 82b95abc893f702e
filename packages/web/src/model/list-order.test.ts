import assert from "node:assert/strict";
import { test } from "node:test";
import { newId } from "@tack/shared/ids";
import { defaults, readers } from "@tack/shared/models";
import { type ListSort, sortedPositions } from "./list-order.ts";

const T0 = Date.parse("2026-03-10T12:00:00Z");
const card = (name: string, idShort: number, created: number, pos: number, due: string | null = null) =>
  readers.card({
    id: newId(created),
    idBoard: "b",
    idList: "l",
    idShort,
    name,
    desc: "",
    pos,
    due,
    cover: defaults.cover(),
  });

// Two cards made in the same second: their card numbers order them.
const cards = [
  card("banana", 2, T0, 1000, "2026-04-01T00:00:00Z"),
  card("Apple", 3, T0, 2000),
  card("cherry", 1, T0 - 5_000, 3000, "2026-03-20T00:00:00Z"),
  card("item 10", 4, T0 + 9_000, 4000),
  card("item 9", 5, T0 + 9_000, 5000),
];
const order = (how: ListSort) => {
  const moved = new Map(sortedPositions(cards, how).map((c) => [c.id, c.pos]));
  return [...cards]
    .map((c) => ({ ...c, pos: moved.get(c.id) ?? c.pos }))
    .sort((a, b) => a.pos - b.pos)
    .map((c) => c.name);
};

test("name: case-insensitive, numbers in names in numeric order", () => {
  assert.deepEqual(order("name"), ["Apple", "banana", "cherry", "item 9", "item 10"]);
});
test("date created, both ways; cards of one second by card number", () => {
  assert.deepEqual(order("oldest"), ["cherry", "banana", "Apple", "item 10", "item 9"]);
  assert.deepEqual(order("newest"), ["item 9", "item 10", "Apple", "banana", "cherry"]);
});
test("due date: soonest first, cards without one last in their order", () => {
  assert.deepEqual(order("due"), ["cherry", "banana", "Apple", "item 10", "item 9"]);
});
test("only cards whose position changes are written", () => {
  const sorted = sortedPositions(cards, "name");
  const again = sortedPositions(
    cards.map((c) => ({ ...c, pos: sorted.find((s) => s.id === c.id)?.pos ?? c.pos })),
    "name",
  );
  assert.equal(again.length, 0);
});
