import assert from "node:assert/strict";
import { test } from "node:test";
import { between, MIN_POSITION_GAP, POSITION_GAP, type Positioned, place } from "./positions.ts";

const items = (...positions: number[]): Positioned[] => positions.map((pos, i) => ({ id: `i${i}`, pos }));

test("placement table", () => {
  const cases: Array<[string, Positioned[], Parameters<typeof place>[1], number]> = [
    ["bottom of an empty list", [], "bottom", POSITION_GAP],
    ["top of an empty list", [], "top", POSITION_GAP],
    ["bottom after the last", items(65_536, 131_072), "bottom", 196_608],
    ["top halves the first", items(65_536, 131_072), "top", 32_768],
    ["a free number is kept", items(65_536, 131_072), 100_000, 100_000],
    ["a number past the end is kept", items(65_536), 500_000, 500_000],
    ["a colliding number goes just before its twin", items(65_536, 131_072), 131_072, 98_304],
  ];
  for (const [name, siblings, request, expected] of cases) {
    const placement = place(siblings, request);
    assert.equal(placement.kind, "fits", name);
    assert.equal(placement.pos, expected, name);
  }
});

test("no room left: the siblings are renumbered and the order is what was asked", () => {
  const tight = items(1, 1 + MIN_POSITION_GAP / 2, 2);
  const placement = place(tight, 1 + MIN_POSITION_GAP / 4);
  assert.equal(placement.kind, "renumber");
  if (placement.kind !== "renumber") return;
  const positions = new Map(tight.map((s) => [s.id, s.pos]));
  for (const r of placement.renumbered) positions.set(r.id, r.pos);
  positions.set("moving", placement.pos);
  const order = [...positions.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  assert.deepEqual(order, ["i0", "moving", "i1", "i2"]);
});

test("top with no room renumbers too", () => {
  const placement = place(items(MIN_POSITION_GAP, 1), "top");
  assert.equal(placement.kind, "renumber");
  assert.ok(placement.pos > 0);
});

test("between() is the midpoint, or bottom/top-relative at the ends", () => {
  assert.equal(between(undefined, undefined), "bottom");
  assert.equal(between(undefined, 10), 5);
  assert.equal(between(10, undefined), 10 + POSITION_GAP);
  assert.equal(between(10, 20), 15);
});
