import assert from "node:assert/strict";
import { test } from "node:test";
import {
  between,
  MAX_POSITION,
  MIN_POSITION_GAP,
  POSITION_GAP,
  type Positioned,
  place,
  placementSpan,
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

/** Applies a placement of `moving` to `siblings` (which exclude it): everyone's position after. */
function applied(
  siblings: readonly Positioned[],
  moving: string,
  placement: ReturnType<typeof place>,
): Positioned[] {
  const positions = new Map(siblings.map((s) => [s.id, s.pos]));
  if (placement.kind === "renumber") for (const r of placement.renumbered) positions.set(r.id, r.pos);
  positions.set(moving, placement.pos);
  return [...positions].map(([id, pos]) => ({ id, pos }));
}

test("a crowded corner of a long list renumbers a few neighbours, not the list", () => {
  const list = Array.from({ length: 1000 }, (_, i) => ({ id: `i${i}`, pos: (i + 1) * POSITION_GAP }));
  // Cards 500 and 501 squeezed together: a drop between them has no room.
  list[501] = { id: "i501", pos: list[500]!.pos + MIN_POSITION_GAP };
  const placement = place(list, list[500]!.pos + MIN_POSITION_GAP / 2);
  assert.equal(placement.kind, "renumber");
  if (placement.kind !== "renumber") return;
  assert.ok(placement.renumbered.length <= 4, `renumbered ${placement.renumbered.length}`);
  const order = applied(list, "moving", placement)
    .sort((a, b) => a.pos - b.pos)
    .map((p) => p.id);
  assert.deepEqual(order.slice(499, 503), ["i499", "i500", "moving", "i501"]);
  // Everything outside the window kept its position.
  const renumbered = new Set(placement.renumbered.map((r) => r.id));
  assert.ok(!renumbered.has("i0") && !renumbered.has("i999"));
});

test("any sequence of drops keeps a strict order within bounds, and renumbers only who changed", () => {
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  let list: Positioned[] = Array.from({ length: 200 }, (_, i) => ({
    id: `i${i}`,
    pos: (i + 1) * POSITION_GAP,
  }));
  let renumberings = 0;
  for (let op = 0; op < 4000; op++) {
    const sorted = [...list].sort((a, b) => a.pos - b.pos);
    const pick = random();
    const moving = sorted[Math.floor(random() * sorted.length)]!.id;
    const others = list.filter((s) => s.id !== moving);
    const othersSorted = sorted.filter((s) => s.id !== moving);
    // Top, bottom, the same crowded spot again and again, or a random gap between neighbours:
    // the item must land right after `after` (undefined: first), whatever was renumbered.
    const at = pick < 0.7 ? 0 : Math.floor(random() * (othersSorted.length - 1));
    const [request, after] =
      pick < 0.3
        ? (["top", undefined] as const)
        : pick < 0.4
          ? (["bottom", othersSorted.at(-1)!.id] as const)
          : ([between(othersSorted[at]!.pos, othersSorted[at + 1]!.pos), othersSorted[at]!.id] as const);
    const placement = place(others, request);
    if (placement.kind === "renumber") {
      renumberings += 1;
      const before = new Map(others.map((s) => [s.id, s.pos]));
      for (const r of placement.renumbered)
        assert.notEqual(before.get(r.id), r.pos, "a renumbered item moved");
    }
    list = applied(others, moving, placement);
    const order = [...list].sort((a, b) => a.pos - b.pos);
    const landed = order.findIndex((s) => s.id === moving);
    assert.equal(order[landed - 1]?.id, after, `op ${op}: ${String(request)} landed where asked`);
    const othersAfter = order.filter((s) => s.id !== moving).map((s) => s.id);
    assert.deepEqual(
      othersAfter,
      othersSorted.map((s) => s.id),
      `op ${op}: the others kept their order`,
    );
    assert.ok(order[0]!.pos > 0, `op ${op}: positions stay above zero`);
    for (let i = 1; i < order.length; i++) {
      assert.ok(order[i]!.pos > order[i - 1]!.pos, `op ${op}: strictly increasing`);
      assert.ok(order[i]!.pos <= MAX_POSITION, `op ${op}: within bounds`);
    }
  }
  assert.ok(renumberings > 10, `the sequence ran out of room often (${renumberings} renumberings)`);
});

test("a fitting placement's span: siblings changed outside it never change the answer, inside it may", () => {
  // A fixed pseudo-random sequence, so a failure is reproducible.
  let seed = 12_345;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const spot = () => Math.floor(next() * 8) * (POSITION_GAP / 2);
  let checked = 0;
  let changedInside = 0;
  for (let round = 0; round < 2_000; round++) {
    const siblings = Array.from({ length: Math.floor(next() * 6) }, (_, i) => ({ id: `s${i}`, pos: spot() }));
    const requests = ["top", "bottom", spot(), spot() + 1, MAX_POSITION * 2] as const;
    const request = requests[Math.floor(next() * requests.length)]!;
    const placed = place(siblings, request);
    if (placed.kind !== "fits") continue;
    const { low, high } = placementSpan(siblings, request);
    const inside = (pos: number) => (low === null || pos >= low) && (high === null || pos <= high);
    // Some siblings removed and some added, all strictly outside the span.
    const kept = siblings.filter((s) => inside(s.pos) || next() < 0.5);
    const added = Array.from({ length: Math.floor(next() * 4) }, (_, i) => ({
      id: `a${i}`,
      pos: spot(),
    })).filter((s) => !inside(s.pos));
    assert.deepEqual(
      place([...kept, ...added], request),
      placed,
      JSON.stringify({ siblings, request, kept, added }),
    );
    checked += 1;
    // One sibling added inside the span: the answer may change, which is why the span is checked.
    const within = siblings.find((s) => inside(s.pos));
    if (within && place([...siblings, { id: "x", pos: within.pos + 1 }], request).pos !== placed.pos)
      changedInside += 1;
  }
  assert.ok(checked > 500, `only ${checked} fitting placements`);
  assert.ok(changedInside > 50, "a change inside the span does change answers");
});

test("the span is the last sibling for the bottom, the first for the top, the neighbours of a number", () => {
  const siblings = items(65_536, 131_072, 196_608);
  assert.deepEqual(placementSpan(siblings, "bottom"), { low: 196_608, high: null });
  assert.deepEqual(placementSpan(siblings, MAX_POSITION + 1), { low: 196_608, high: null });
  assert.deepEqual(placementSpan(siblings, "top"), { low: null, high: 65_536 });
  assert.deepEqual(placementSpan(siblings, 100_000), { low: 65_536, high: 131_072 });
  assert.deepEqual(placementSpan(siblings, 131_072), { low: 65_536, high: 131_072 });
  assert.deepEqual(placementSpan(siblings, 300_000), { low: 196_608, high: null });
  assert.deepEqual(placementSpan([], "bottom"), { low: null, high: null });
});
