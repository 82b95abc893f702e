// Ids, short links and secrets (shared/ids.ts) come from a pool of CSPRNG bytes drawn 4 KiB at a
// time: each byte must be handed out once, across refills, and the shapes stay Trello's.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { idTime, isId, isShortLink, newId, newSecret, newShortLink } from "@tack/shared/ids";

describe("ids from the random pool", () => {
  it("ids, short links and secrets keep their shapes and the creation time", () => {
    const at = Date.UTC(2026, 11, 3, 12, 0, 0);
    const id = newId(at);
    assert.ok(isId(id));
    assert.equal(idTime(id), at);
    assert.ok(isShortLink(newShortLink()));
    assert.match(newSecret(), /^[0-9a-f]{64}$/);
  });

  it("no bytes are handed out twice: thousands of draws across many refills are all distinct", () => {
    // 20,000 secrets of 64 bytes: 312 refills of the pool, each boundary crossed.
    const secrets = new Set<string>();
    for (let i = 0; i < 20_000; i++) secrets.add(newSecret());
    assert.equal(secrets.size, 20_000);
    const ids = new Set<string>();
    for (let i = 0; i < 50_000; i++) ids.add(newId(0).slice(8));
    assert.equal(ids.size, 50_000, "the random part of ids made in one second never repeats");
    // Every hex digit about equally often (a pool reused or left unfilled would skew this).
    const counts = new Map<string, number>();
    for (const secret of secrets) for (const digit of secret) counts.set(digit, (counts.get(digit) ?? 0) + 1);
    const expected = (20_000 * 64) / 16;
    for (const [digit, count] of counts)
      assert.ok(Math.abs(count - expected) < expected * 0.02, `${digit}: ${count} against ${expected}`);
  });
});
