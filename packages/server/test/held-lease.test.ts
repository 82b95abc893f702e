// The cluster's leases asked for sparingly (cluster/held-lease.ts) on a real SQLite store, as two
// processes share one database: a holder renews once a third of the lease has passed, a process
// refused asks again at most once a second unless told the lease was freed, and the webhook
// sender, idle and polling, no longer writes the lease row on every poll (issue 16: each ask is a
// commit and a WAL flush). The store's calls are counted by a proxy that passes every call through.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { HeldLease, NON_HOLDER_RETRY_MS } from "../src/cluster/held-lease.ts";
import { loadConfig } from "../src/config.ts";
import type { NotifyStore } from "../src/store/notify-store.ts";
import { SqliteStore } from "../src/store/sqlite.ts";
import type { Store } from "../src/store/store.ts";
import { WebhookSender } from "../src/webhooks/sender.ts";
import { countedCalls } from "./support/counted-calls.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `notify` with its takeLease calls counted (every call passes through). */
function countingLeases(notify: NotifyStore): { notify: NotifyStore; asks: () => number } {
  const { counted, calls } = countedCalls(notify);
  return { notify: counted, asks: () => calls("takeLease") };
}

describe("held leases", () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tack-lease-"));
    store = new SqliteStore(join(dir, "tack.db"));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the holder renews once a third has passed; a refused process asks at most once a second, at once when freed", async () => {
    const a = countingLeases(store.notify);
    const b = countingLeases(store.notify);
    const holder = new HeldLease(a.notify, { name: "test", holder: "a", ttlMs: 900 });
    const other = new HeldLease(b.notify, { name: "test", holder: "b", ttlMs: 900 });

    assert.equal(await holder.held(), true);
    for (let i = 0; i < 20; i++) assert.equal(await holder.held(), true);
    assert.equal(a.asks(), 1, "twenty-one passes, one lease statement");

    assert.equal(await other.held(), false, "another process holds it");
    for (let i = 0; i < 20; i++) assert.equal(await other.held(), false);
    assert.equal(b.asks(), 1, "refused once, then not asked again within the second");
    assert.equal(other.refusedRecently(), true);

    await sleep(350); // past a third of 900 ms
    assert.equal(await holder.held(), true);
    assert.equal(a.asks(), 2, "renewed once a third had passed");

    await holder.release();
    other.freed();
    assert.equal(await other.held(), true, "told the lease was freed: asks at once, and gets it");
    assert.equal(b.asks(), 2);
    assert.equal(await holder.held(), false, "the old holder is refused now");
  });

  it("a refused process asks again after a second, and takes a lease that ran out", async () => {
    const b = countingLeases(store.notify);
    const holder = new HeldLease(store.notify, { name: "short", holder: "a", ttlMs: 300 });
    const other = new HeldLease(b.notify, { name: "short", holder: "b", ttlMs: 300 });
    assert.equal(await holder.held(), true);
    assert.equal(await other.held(), false);
    // The holder stops renewing (it died): its lease runs out within 300 ms.
    await sleep(NON_HOLDER_RETRY_MS + 50);
    assert.equal(await other.held(), true, "the dead holder's lease ran out and was taken");
    assert.equal(b.asks(), 2);
  });

  it("an idle webhook sender polling every 20 ms writes its lease row once a third of the lease, not on every poll", async () => {
    const counted = countingLeases(store.notify);
    const onlyLeasesCounted = new Proxy(store as Store, {
      get: (target, key, receiver) =>
        key === "notify" ? counted.notify : Reflect.get(target, key, receiver),
    });
    const config = loadConfig({ TACK_DATA_DIR: dir, TACK_WEBHOOK_POLL_MS: "20" }).webhooks;
    const errors: unknown[] = [];
    const sender = new WebhookSender(onlyLeasesCounted, {
      holder: "idle",
      config,
      leaseMs: 900,
      installSecret: async () => "secret",
      onError: (error) => errors.push(error),
    });
    sender.start();
    await sleep(500);
    await sender.stop();
    assert.deepEqual(errors, []);
    // About 25 polls in 500 ms; the lease was taken once and renewed once (at 300 ms).
    assert.ok(counted.asks() >= 1 && counted.asks() <= 3, `${counted.asks()} lease statements in 500 ms`);
  });
});
