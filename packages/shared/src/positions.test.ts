import assert from "node:assert/strict";
import { test } from "node:test";
import {
  between,
  MAX_POSITION,
  MIN_POSITION_GAP,
  POSITION_GAP,
  type Positioned,
  place,
  positionBetween,
} from "./positions.ts";

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

test("huge positions never collide: the bottom renumbers instead of adding a gap a float cannot hold", () => {
  for (const huge of [1e300, 2 ** 60, MAX_POSITION]) {
    const siblings = items(65_536, huge);
    const placement = place(siblings, "bottom");
    const positions = new Map(siblings.map((s) => [s.id, s.pos]));
    if (placement.kind === "renumber") for (const r of placement.renumbered) positions.set(r.id, r.pos);
    positions.set("moving", placement.pos);
    const order = [...positions.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
    assert.deepEqual(order, ["i0", "i1", "moving"], `after ${huge}`);
    assert.equal(new Set(positions.values()).size, 3, `distinct after ${huge}`);
    assert.ok(Math.max(...positions.values()) <= MAX_POSITION, `bounded after ${huge}`);
  }
});

test("a number past MAX_POSITION means bottom", () => {
  assert.deepEqual(place(items(65_536), 1e300), { kind: "fits", pos: 131_072 });
});

test("stored neighbours with no float between them: a request there is past the bound, so bottom", () => {
  const a = 1e300;
  const bits = new BigInt64Array(new Float64Array([a]).buffer);
  bits[0]! += 1n; // the very next float after `a`
  const b = new Float64Array(bits.buffer)[0]!;
  assert.ok(b > a);
  const siblings = items(a, b);
  const placement = place(siblings, b);
  assert.equal(placement.kind, "renumber");
  const positions = new Map(siblings.map((s) => [s.id, s.pos]));
  if (placement.kind === "renumber") for (const r of placement.renumbered) positions.set(r.id, r.pos);
  positions.set("moving", placement.pos);
  const order = [...positions.entries()].sort((x, y) => x[1] - y[1]).map(([id]) => id);
  assert.deepEqual(order, ["i0", "i1", "moving"]);
  assert.equal(new Set(positions.values()).size, 3);
});

test("positionBetween is the clients' drop position", () => {
  assert.equal(positionBetween(undefined, undefined), POSITION_GAP);
  assert.equal(positionBetween(undefined, 10), 5);
  assert.equal(positionBetween(10, 20), 15);
  assert.equal(positionBetween(1e300, undefined), MAX_POSITION + 1, "past the bound: the server's bottom");
});
