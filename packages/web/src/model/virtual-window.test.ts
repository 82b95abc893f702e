import assert from "node:assert/strict";
import { test } from "node:test";
import { windowOf } from "./virtual-window.ts";

const ids = Array.from({ length: 100 }, (_, i) => `c${i}`);

test("renders only the items in view plus the overscan, with spacers for the rest", () => {
  const w = windowOf({
    ids,
    heights: new Map(),
    estimate: 50,
    scrollTop: 1000,
    viewport: 500,
    overscan: 100,
  });
  assert.equal(w.start, 18); // 900 px down: item 18 starts there
  assert.equal(w.end, 33); // 1600 px: item 32 holds it, so up to and including 32
  assert.equal(w.before, 900);
  assert.equal(w.after, 5000 - 33 * 50);
});

test("measured heights replace the estimate", () => {
  const heights = new Map([
    ["c0", 200],
    ["c1", 200],
  ]);
  const w = windowOf({ ids, heights, estimate: 50, scrollTop: 0, viewport: 300, overscan: 0 });
  assert.deepEqual([w.start, w.end, w.before], [0, 2, 0]);
  assert.equal(w.offsets[2], 400);
  assert.equal(w.after, 98 * 50);
});

test("an empty list and a short list render everything they have", () => {
  assert.deepEqual(
    windowOf({ ids: [], heights: new Map(), estimate: 50, scrollTop: 0, viewport: 500, overscan: 0 }).end,
    0,
  );
  const w = windowOf({
    ids: ids.slice(0, 3),
    heights: new Map(),
    estimate: 50,
    scrollTop: 0,
    viewport: 500,
    overscan: 0,
  });
  assert.deepEqual([w.start, w.end, w.before, w.after], [0, 3, 0, 0]);
});

test("a scroll past the end (a list that shrank) still renders its last items", () => {
  const w = windowOf({ ids, heights: new Map(), estimate: 50, scrollTop: 99999, viewport: 500, overscan: 0 });
  assert.equal(w.end, 100);
  assert.equal(w.start, 99);
});
