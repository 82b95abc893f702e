// The outbox's wake-up across processes (outbox/outbox-wake.ts) over a real Redis: a commit is
// announced to the other processes at once, the commits that follow it within the wake interval
// in one message at its end, and a later commit at once again; a process ignores its own message.
// A stopping holder's word that it gave the lease up reaches the others (and not itself).
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { OutboxWake } from "../src/outbox/outbox-wake.ts";
import { GATHER_MS } from "../src/outbox/outbox-worker.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("outbox wake-up over Redis", () => {
  it("a burst of commits is one message now and one at the interval's end; a later commit is announced at once", async () => {
    const options = { redisUrl: "redis://127.0.0.1:6379", prefix: `wake_${randomBytes(6).toString("hex")}:` };
    let committerKicks = 0;
    let holderKicks = 0;
    const committer = new OutboxWake(() => committerKicks++, { ...options, instanceId: "committer" });
    const holder = new OutboxWake(() => holderKicks++, { ...options, instanceId: "holder" });
    try {
      // Both subscribed: a message published now reaches the holder.
      for (let i = 0; i < 200 && holderKicks === 0; i++) {
        committer.committed();
        await sleep(10);
      }
      assert.ok(holderKicks > 0, "the holder hears the committer");
      await sleep(GATHER_MS * 3);
      holderKicks = 0;
      committerKicks = 0;

      for (let i = 0; i < 10; i++) committer.committed();
      assert.equal(committerKicks, 10, "the committing process is kicked on every commit");
      for (let i = 0; i < 100 && holderKicks < 1; i++) await sleep(2);
      assert.equal(holderKicks, 1, "the first commit was announced at once");
      await sleep(GATHER_MS * 5);
      assert.equal(holderKicks, 2, "the nine after it in one message at the interval's end");

      committer.committed();
      for (let i = 0; i < 100 && holderKicks < 3; i++) await sleep(2);
      assert.equal(holderKicks, 3, "a commit after a quiet interval is announced at once");
      await sleep(GATHER_MS * 3);
      assert.equal(holderKicks, 3, "nothing owed, nothing more sent");
      assert.equal(committerKicks, 11, "a process is not woken by its own message");

      // Forty commits a millisecond or two apart: at most one message per interval they span
      // (plus the one owed at the end), where each commit in a turn of its own was one message.
      holderKicks = 0;
      const started = performance.now();
      for (let i = 0; i < 40; i++) {
        committer.committed();
        await sleep(1);
      }
      const took = performance.now() - started;
      await sleep(GATHER_MS * 3);
      const intervals = Math.ceil(took / GATHER_MS) + 1;
      assert.ok(
        holderKicks >= 1 && holderKicks <= intervals,
        `${holderKicks} messages for 40 commits in ${took.toFixed(0)} ms (at most ${intervals})`,
      );
    } finally {
      committer.close();
      holder.close();
    }
  });

  it("a holder that gives the lease up tells the other processes, which are not kicked for it otherwise", async () => {
    const options = {
      redisUrl: "redis://127.0.0.1:6379",
      prefix: `freed_${randomBytes(6).toString("hex")}:`,
    };
    const heard = { stoppingFreed: 0, otherFreed: 0, otherKicks: 0 };
    const stopping = new OutboxWake(
      () => undefined,
      { ...options, instanceId: "stopping" },
      () => {
        heard.stoppingFreed++;
      },
    );
    const other = new OutboxWake(
      () => {
        heard.otherKicks++;
      },
      { ...options, instanceId: "other" },
      () => {
        heard.otherFreed++;
      },
    );
    try {
      // Both subscribed once a wake-up gets through.
      for (let i = 0; i < 200 && heard.otherKicks === 0; i++) {
        stopping.committed();
        await sleep(10);
      }
      await sleep(GATHER_MS * 3);
      const kicks = heard.otherKicks;
      await stopping.leaseFreed();
      for (let i = 0; i < 200 && heard.otherFreed === 0; i++) await sleep(5);
      assert.equal(heard.otherFreed, 1, "the other process heard the lease was given up");
      assert.equal(heard.otherKicks, kicks, "as that, not as a wake-up");
      assert.equal(heard.stoppingFreed, 0, "the sender ignores its own word");
    } finally {
      stopping.close();
      other.close();
    }
  });
});
