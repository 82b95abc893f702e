// One contract for both recent-change list adapters (in-process and Redis): what a read may claim
// to cover, out-of-order appends, trimming, holes, and epochs.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { BoardChange } from "@tack/shared/changes";
import { newId } from "@tack/shared/ids";
import { Redis } from "ioredis";
import type { BusEvents, BusMessage, ChangeHead } from "../src/realtime/change-bus.ts";
import type { ChangeList } from "../src/realtime/change-list.ts";
import { MemoryChangeList } from "../src/realtime/memory-change-list.ts";
import { busEnvelope, RedisChangeBus } from "../src/realtime/redis-change-bus.ts";
import { RedisChangeList } from "../src/realtime/redis-change-list.ts";
import { redisKeys } from "../src/realtime/redis-keys.ts";

const redis = new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
const prefix = `tack_t_${Math.random().toString(36).slice(2, 10)}:`;
after(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

function change(board: string, seq: number): BoardChange {
  return {
    board,
    seq,
    action: {
      id: newId(),
      idMemberCreator: "m",
      type: "updateCard",
      date: "2026-01-01T00:00:00.000Z",
      data: {},
      seq,
    },
    models: {},
    deleted: [],
  };
}

const seqs = (changes: BoardChange[] | null) => changes?.map((c) => c.seq) ?? null;

const adapters: Array<[string, (perBoard: number) => ChangeList]> = [
  ["in-process", (perBoard) => new MemoryChangeList(perBoard)],
  ["Redis", (perBoard) => new RedisChangeList(redis, redisKeys(`${prefix}${Math.random()}:`), perBoard)],
  // What realtime.ts does with Redis: every append is the script that also publishes the change.
  [
    "Redis, appended and published in one script",
    (perBoard) => {
      const list = new RedisChangeList(redis, redisKeys(`${prefix}${Math.random()}:`), perBoard);
      return Object.assign(list, { append: (c: BoardChange) => list.appendAndPublish([c], "instance") });
    },
  ],
];

for (const [name, make] of adapters) {
  describe(`recent-change list: ${name}`, () => {
    test("covers a cursor only from an entry at the cursor (or seq 1 for cursor 0) with no holes", async () => {
      const list = make(16);
      const board = newId();
      for (let seq = 1; seq <= 5; seq++) await list.append(change(board, seq));
      assert.deepEqual(seqs((await list.since(board, 0)).changes), [1, 2, 3, 4, 5]);
      assert.deepEqual(seqs((await list.since(board, 3)).changes), [4, 5]);
      assert.deepEqual(seqs((await list.since(board, 5)).changes), []);
      assert.equal((await list.since(board, 6)).changes, null, "a cursor beyond the list proves nothing");
      assert.equal((await list.since(newId(), 0)).changes, null, "an unknown board proves nothing");
    });

    test("appends that arrive out of order read back in order", async () => {
      const list = make(16);
      const board = newId();
      for (const seq of [1, 3, 2, 5, 4]) await list.append(change(board, seq));
      assert.deepEqual(seqs((await list.since(board, 1)).changes), [2, 3, 4, 5]);
    });

    test("a hole (an append that never came) is never covered", async () => {
      const list = make(16);
      const board = newId();
      for (const seq of [1, 2, 4, 5]) await list.append(change(board, seq));
      assert.deepEqual(seqs((await list.since(board, 0)).changes), null);
      assert.deepEqual(seqs((await list.since(board, 1)).changes), null);
      assert.deepEqual(seqs((await list.since(board, 4)).changes), [5]);
    });

    test("the list keeps a fixed number of changes per board", async () => {
      const list = make(4);
      const board = newId();
      for (let seq = 1; seq <= 10; seq++) await list.append(change(board, seq));
      assert.equal((await list.since(board, 5)).changes, null, "trimmed away");
      assert.deepEqual(seqs((await list.since(board, 7)).changes), [8, 9, 10]);
    });

    test("the epoch is stable while the list lives, and the same for reads and appends", async () => {
      const list = make(4);
      const board = newId();
      const epoch = await list.append(change(board, 1));
      assert.equal(await list.epoch(), epoch);
      assert.equal((await list.since(board, 0)).epoch, epoch);
    });
  });
}

describe("recent-change list: Redis losing data", () => {
  test("a lost epoch key yields a new epoch; a lost list proves nothing; garbage is refused", async () => {
    const keys = redisKeys(`${prefix}loss:`);
    const list = new RedisChangeList(redis, keys);
    const board = newId();
    const before = await list.append(change(board, 1));
    await redis.del(keys.epoch);
    const afterLoss = await list.epoch();
    assert.notEqual(afterLoss, before);
    assert.equal(await list.append(change(board, 2)), afterLoss);
    await redis.del(keys.recent(board));
    assert.equal((await list.since(board, 1)).changes, null);
    await redis.zadd(keys.recent(board), 3, '{"not":"a change"}');
    await assert.rejects(list.since(board, 2));
  });
});

/**
 * "The other process"'s bus on its own subscriber connection, with what it hears and refuses;
 * resolves once subscribed. `events` adds to `message` and `resync`.
 */
async function listeningBus(keys: ReturnType<typeof redisKeys>, events: Partial<BusEvents> = {}) {
  const subscriber = new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
  const heard: BusMessage[] = [];
  const bad: unknown[] = [];
  let ready!: () => void;
  const subscribed = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const bus = new RedisChangeBus({
    publisher: redis,
    subscriber,
    keys,
    instanceId: "the other process",
    events: { message: (message) => heard.push(message), resync: () => ready(), ...events },
    onBadMessage: (error) => bad.push(error),
  });
  await subscribed;
  return {
    bus,
    heard,
    bad,
    async close() {
      await bus.close();
      subscriber.disconnect();
    },
  };
}

/** "This process"'s bus, for publishing only (its subscriber never connects). */
const publishingBus = (keys: ReturnType<typeof redisKeys>) =>
  new RedisChangeBus({
    publisher: redis,
    subscriber: new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 1, lazyConnect: true }),
    keys,
    instanceId: "this process",
    events: { message: () => undefined, resync: () => undefined },
    onBadMessage: () => undefined,
  });

describe("recent-change list: Redis, appended and published in one script", () => {
  test("the other processes' bus receives the change with the epoch the append returned", async () => {
    const keys = redisKeys(`${prefix}announce:`);
    const asked: Array<[string, number]> = [];
    let wanted = true;
    const other = await listeningBus(keys, {
      wantsWrites: (board, from) => {
        asked.push([board, from]);
        return wanted;
      },
    });
    const { heard, bad } = other;
    try {
      const list = new RedisChangeList(redis, keys);
      const board = newId();
      const sent = change(board, 1);
      const epoch = await list.appendAndPublish([sent], "this process");
      assert.equal(await list.epoch(), epoch);
      assert.deepEqual((await list.since(board, 0)).changes, [sent]);
      for (let i = 0; i < 100 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(heard, [{ kind: "change", epoch, change: sent }]);
      // Its own echo is dropped by the process that published it.
      const own = new RedisChangeList(redis, keys);
      await own.appendAndPublish([change(board, 2)], "the other process");
      await list.appendAndPublish([change(board, 3)], "this process");
      for (let i = 0; i < 100 && heard.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(
        heard.map((m) => (m.kind === "change" ? m.change.seq : null)),
        [1, 3],
      );
      // Dropped unread by its first characters: an echo the bus could not even parse is no
      // bad message, where the same text from another instance is one.
      await redis.publish(keys.changes, '{"instance":"the other process",not json');
      await redis.publish(keys.changes, '{"instance":"this process",not json');
      await other.bus.publish({ kind: "access", boards: [board] });
      await list.appendAndPublish([change(board, 4)], "this process");
      for (let i = 0; i < 100 && heard.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(
        heard.map((m) => (m.kind === "change" ? m.change.seq : m.kind)),
        [1, 3, 4],
        "the bus's own publish is not heard either",
      );
      assert.equal(bad.length, 1, "only the other instance's garbage is a bad message");
      // What a board transaction wrote (decision 0050) crosses whole; one of the wrong shape is a
      // bad message, heard by no one.
      const writes = {
        board,
        from: 3,
        to: 4,
        writes: [
          { op: "put" as const, kind: "card" as const, id: "c1", text: '{"id":"c1","name":"moved"}' },
          { op: "remove" as const, kind: "checklist" as const, id: "k1" },
        ],
        boardText: '{"id":"b"}',
        seq: 9,
      };
      const theirs = publishingBus(keys);
      await theirs.publish({ kind: "writes", writes });
      await redis.publish(
        keys.changes,
        JSON.stringify({ instance: "this process", kind: "writes", writes: { ...writes, from: "3" } }),
      );
      await redis.publish(
        keys.changes,
        JSON.stringify({
          instance: "this process",
          kind: "writes",
          writes: { ...writes, writes: [{ op: "put", kind: "board", id: "x", text: "{}" }] },
        }),
      );
      for (let i = 0; i < 100 && bad.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(heard.at(-1), { kind: "writes", writes });
      assert.equal(heard.length, 4);
      assert.equal(bad.length, 3, "a version that is no number, an object of no board's kind");
      // Writes for a board this process holds no copy of at their version are dropped unparsed.
      wanted = false;
      await theirs.publish({ kind: "writes", writes: { ...writes, from: 4, to: 5 } });
      await redis.publish(keys.changes, '{"instance":"this process","kind":"writes","writes":{"board":"x');
      await list.appendAndPublish([change(board, 5)], "this process");
      for (let i = 0; i < 100 && heard.length < 5; i++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(
        heard.slice(4).map((m) => m.kind),
        ["change"],
        "the unwanted writes not heard (the change after them is)",
      );
      assert.equal(bad.length, 4, "a message cut short is still a bad message");
      assert.deepEqual(
        asked,
        [
          [board, 3],
          [board, 3],
          [board, 4],
        ],
        "asked for each message that begins as writes (the one with a version in quotes does not)",
      );
    } finally {
      await other.close();
    }
  });

  test("a change of a board nobody watches here is not parsed: only its head is heard", async () => {
    const keys = redisKeys(`${prefix}heads:`);
    const heads: ChangeHead[] = [];
    const watched = new Set<string>();
    const other = await listeningBus(keys, {
      changeHeads: { wanted: (board) => watched.has(board), heard: (head) => heads.push(head) },
    });
    const { heard, bad } = other;
    const settle = async (done: () => boolean) => {
      for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
    };
    try {
      const list = new RedisChangeList(redis, keys);
      const [quiet, watchedBoard] = [newId(), newId()];
      watched.add(watchedBoard);
      // From the script (appendAndPublish) and from a plain publish (when the script failed).
      const toWatched = change(watchedBoard, 1);
      const epoch = await list.appendAndPublish([change(quiet, 1), toWatched], "this process");
      const publisher = publishingBus(keys);
      await publisher.publish({ kind: "change", epoch: "e-2", change: change(quiet, 12_345) });
      await settle(() => heads.length === 2 && heard.length === 1);
      assert.deepEqual(heads, [
        { epoch, board: quiet, seq: 1 },
        { epoch: "e-2", board: quiet, seq: 12_345 },
      ]);
      assert.deepEqual(
        heard,
        [{ kind: "change", epoch, change: toWatched }],
        "a watched board's change whole",
      );
      // A message whose head cannot be read exactly is parsed and checked whole, as before: a seq
      // that is no positive integer, an epoch with an escape, a board id that is not one.
      const envelope = (epochText: string, board: string, seq: string) =>
        `{"instance":"this process","kind":"change","epoch":"${epochText}","change":{"board":"${board}","seq":${seq},"action":{}}}`;
      await redis.publish(keys.changes, envelope("e", quiet, "0"));
      await redis.publish(keys.changes, envelope("e", quiet, "1.5"));
      await redis.publish(keys.changes, envelope('e\\"x', quiet, "2"));
      await redis.publish(keys.changes, envelope("e", quiet.toUpperCase(), "3"));
      await redis.publish(keys.changes, envelope("e", quiet, "99999999999999999"));
      await settle(() => bad.length === 5);
      assert.equal(bad.length, 5, "each one refused by the schema");
      assert.equal(heads.length, 2, "none of them taken as a head");
      assert.equal(heard.length, 1);
    } finally {
      await other.close();
    }
  });

  test("one call records and announces a batch: the messages given first, then each change in order", async () => {
    const keys = redisKeys(`${prefix}batch:`);
    const subscriber = new Redis("redis://127.0.0.1:6379", { maxRetriesPerRequest: 1 });
    const texts: string[] = [];
    subscriber.on("message", (_channel: string, text: string) => texts.push(text));
    try {
      await subscriber.subscribe(keys.changes);
      const list = new RedisChangeList(redis, keys);
      const [a, b] = [newId(), newId()];
      const batch = [change(a, 1), change(b, 1), change(a, 2)];
      const first = [busEnvelope("this process", { kind: "access", boards: [a] })];
      const epoch = await list.appendAndPublish(batch, "this process", first);
      assert.deepEqual((await list.since(a, 0)).changes, [batch[0], batch[2]]);
      assert.deepEqual((await list.since(b, 0)).changes, [batch[1]]);
      for (let i = 0; i < 100 && texts.length < 4; i++) await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(
        texts.map((text) => JSON.parse(text)),
        [
          { instance: "this process", kind: "access", boards: [a] },
          ...batch.map((sent) => ({ instance: "this process", kind: "change", epoch, change: sent })),
        ],
      );
      // Nothing to record: the messages alone.
      assert.equal(await list.appendAndPublish([], "this process", first), epoch);
      for (let i = 0; i < 100 && texts.length < 5; i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal(texts.length, 5);
    } finally {
      subscriber.disconnect();
    }
  });

  test("a failed batch leaves each of its boards' lists to be cleared once, before its next change", async () => {
    const keys = redisKeys(`${prefix}damage:`);
    const list = new RedisChangeList(redis, keys);
    const [a, b] = [newId(), newId()];
    await list.appendAndPublish([change(a, 1)], "this process");
    // b's list is not a sorted set: the script fails at b, after a's change was added (Redis does
    // not undo a script's earlier commands), so a's list may now hide a hole the seqs cannot show.
    await redis.set(keys.recent(b), "not a list");
    await assert.rejects(list.appendAndPublish([change(a, 2), change(b, 1)], "this process"));
    // Seq 3 of a was never recorded (its batch failed): had a's list been kept, 2 and 4 would read
    // as a list with a hole. Each damaged list is cleared before its board's first change of the
    // next batch only: a's changes 4 and 5 both stay.
    await list.appendAndPublish([change(a, 4), change(b, 2), change(a, 5)], "this process");
    assert.equal((await list.since(a, 1)).changes, null, "nothing before 4 is claimed");
    assert.deepEqual(seqs((await list.since(a, 4)).changes), [5]);
    assert.deepEqual(seqs((await list.since(a, 3)).changes), null, "4's predecessor is not known");
    assert.equal(await redis.zcard(keys.recent(a)), 2);
    assert.deepEqual(seqs((await list.since(b, 2)).changes), []);
    assert.equal(await redis.zcard(keys.recent(b)), 1);
    // Repaired: the next batch clears nothing.
    await list.appendAndPublish([change(a, 6)], "this process");
    assert.deepEqual(seqs((await list.since(a, 4)).changes), [5, 6]);
  });
});
