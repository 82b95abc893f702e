// Scale-out: two real server processes (main.ts) sharing one PostgreSQL database and one Redis
// (a private redis-server, so this test can flush, kill and restart it). Changes cross processes
// over pub/sub; clients stay exact through FLUSHALL and a Redis restart.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CloseCode } from "@tack/shared/protocol";
import { Redis } from "ioredis";
import { openStore } from "../src/store/open-store.ts";
import type { Store } from "../src/store/store.ts";
import { Person } from "./harness.ts";
import { boardCacheReads } from "./support/board-cache-reads.ts";
import { comparableReplica, comparableServerBoard } from "./support/board-replica.ts";
import { LiveClient } from "./support/live-client.ts";
import { PollingClient } from "./support/polling-client.ts";
import { startTestRedis, type TestRedis } from "./support/redis-server.ts";
import { type ServerProcess, startServerProcess } from "./support/server-process.ts";
import { SocketClient } from "./support/socket-client.ts";
import { createTempDatabase, type TempDatabase } from "./support/temp-postgres.ts";

let db: TempDatabase;
let redis: TestRedis;
let a: ServerProcess;
let b: ServerProcess;
let store: Store;
let ada: Person;
let bob: Person;

before(async () => {
  db = await createTempDatabase();
  redis = await startTestRedis();
  const services = {
    databaseUrl: db.url,
    redisUrl: redis.url,
    redisPrefix: `tack_t_${Math.random().toString(36).slice(2, 10)}:`,
  };
  a = await startServerProcess("a", services);
  b = await startServerProcess("b", services);
  store = await openStore({ databaseUrl: db.url, sqlitePath: "" });
  ada = await Person.signUp(a.asTestServer(), "ada");
  bob = await Person.signUp(a.asTestServer(), "bob");
});
after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await store?.close();
  await redis?.stop();
  await db?.drop();
});

/** The same person talking to another process. */
function on(server: ServerProcess, person: Person): Person {
  return Object.assign(new Person(server.asTestServer()), {
    username: person.username,
    id: person.id,
    cookie: person.cookie,
    csrf: person.csrf,
    token: person.token,
  });
}

async function newBoard(name: string) {
  const board = await ada.post("/1/boards", { name, defaultLists: true });
  assert.equal(board.status, 200);
  const lists = (await ada.get(`/1/boards/${board.body.id}/lists`)).body as Array<{ id: string }>;
  return { id: board.body.id as string, lists: lists.map((l) => l.id) };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function boardSeq(board: string): Promise<number> {
  return (await store.boardById(board))?.seq ?? -1;
}

async function assertExact(board: string, clients: Array<LiveClient | PollingClient>): Promise<void> {
  const expected = await comparableServerBoard(store, board);
  for (const client of clients) {
    if (client instanceof LiveClient) assert.deepEqual(client.problems, []);
    assert.equal(client.replica.duplicates, 0, "no change arrived twice");
    assert.deepEqual(comparableReplica(client.replica), expected);
  }
}

describe("two processes, one PostgreSQL, one Redis", () => {
  test("a change made through process A reaches a client of process B", async () => {
    const board = await newBoard("Across");
    const socket = await SocketClient.open(b.url, { token: ada.token });
    assert.equal((await socket.next("hello")).instance, "b");
    socket.send({ type: "board.subscribe", board: board.id });
    const subscribed = await socket.next("board.subscribed");
    const created = await ada.post("/1/cards", { idList: board.lists[0], name: "from A" });
    const pushed = await socket.next("board.change");
    assert.equal(pushed.change.seq, subscribed.seq + 1);
    assert.equal(pushed.change.models.cards?.[0]?.id, created.body.id);
    // And back: a write on B reaches a client of A.
    const onA = await SocketClient.open(a.url, { token: bob.token });
    await ada.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "normal" });
    onA.send({ type: "board.subscribe", board: board.id });
    await onA.next("board.subscribed");
    await on(b, bob).post("/1/cards", { idList: board.lists[1], name: "from B" });
    assert.equal((await onA.next("board.change")).change.models.cards?.[0]?.name, "from B");
    await Promise.all([socket.close(), onA.close()]);
  });

  test("while Redis stalls, a change reaches the writer's own sockets at once, and the other process's when Redis answers", async () => {
    const board = await newBoard("Stalled");
    const subscribe = async (server: ServerProcess) => {
      const socket = await SocketClient.open(server.url, { token: ada.token });
      await socket.next("hello");
      socket.send({ type: "board.subscribe", board: board.id });
      return { socket, seq: (await socket.next("board.subscribed")).seq };
    };
    const here = await subscribe(a);
    const there = await subscribe(b);
    redis.pause();
    let created: { id: string };
    try {
      const made = await ada.post("/1/cards", { idList: board.lists[0], name: "while Redis stalls" });
      assert.equal(made.status, 200, JSON.stringify(made.body));
      created = made.body;
      // Delivered on A without the recent-change list's round trip (realtime.ts announce).
      const pushed = await here.socket.next("board.change", () => true, 3_000);
      assert.equal(pushed.change.seq, here.seq + 1);
      assert.equal(pushed.change.models.cards?.[0]?.id, created.id);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(there.socket.pending("board.change"), [], "B hears of it only through Redis");
    } finally {
      redis.resume();
    }
    const across = await there.socket.next("board.change");
    assert.equal(across.change.seq, there.seq + 1);
    assert.equal(across.change.models.cards?.[0]?.id, created.id);
    // A's own socket got it once: the list's answer, when it came, was not delivered again.
    await ada.put(`/1/cards/${created.id}`, { name: "after Redis" });
    const next = await here.socket.next("board.change");
    assert.equal(next.change.seq, here.seq + 2);
    assert.deepEqual(here.socket.pending("board.change"), []);
    await Promise.all([here.socket.close(), there.socket.close()]);
  });

  test("a move made on B carries A's copy of the board: A's next read comes from it, with the move", async () => {
    const board = await newBoard("Carried");
    const card = await ada.post("/1/cards", { idList: board.lists[0], name: "carried" });
    const read = () => ada.get(`/1/boards/${board.id}?cards=open&lists=open`);
    await read(); // A holds the board now
    const socket = await SocketClient.open(a.url, { token: ada.token });
    socket.send({ type: "board.subscribe", board: board.id });
    await socket.next("board.subscribed");
    const before = await boardCacheReads(a.url);
    assert.equal((await on(b, ada).put(`/1/cards/${card.body.id}`, { idList: board.lists[1] })).status, 200);
    // B sends what its transaction wrote before the change itself, on one connection: by the
    // time the change reaches A's socket, A's copy has been carried past it (decision 0050).
    await socket.next("board.change");
    const moved = (await read()).body.cards.find((c: { id: string }) => c.id === card.body.id);
    assert.equal(moved.idList, board.lists[1]);
    const after = await boardCacheReads(a.url);
    assert.deepEqual(
      { hits: after.hits - before.hits, misses: after.misses - before.misses },
      { hits: 1, misses: 0 },
      "A read its carried copy, not the board's rows",
    );
    await socket.close();
  });

  test("logout on A closes that session's socket on B; removal on A revokes on B", async () => {
    const board = await newBoard("Sessions across");
    const carol = await Person.signUp(a.asTestServer(), "carol");
    await ada.put(`/1/boards/${board.id}/members/${carol.id}`, { type: "normal" });
    const bySession = await SocketClient.open(b.url, { cookie: carol.cookie, origin: b.url });
    const byToken = await SocketClient.open(b.url, { token: carol.token });
    byToken.send({ type: "board.subscribe", board: board.id });
    await byToken.next("board.subscribed");
    await bySession.next("hello");
    assert.equal((await carol.call("POST", "/auth/logout", {}, "session")).status, 200);
    assert.equal((await bySession.closed).code, CloseCode.sessionEnded);
    assert.equal((await ada.del(`/1/boards/${board.id}/members/${carol.id}`)).status, 200);
    assert.equal((await byToken.next("board.revoked")).board, board.id);
    await ada.post("/1/cards", { idList: board.lists[0], name: "after carol left" });
    byToken.send({ type: "ping" });
    await byToken.next("pong");
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(byToken.pending("board.change"), []);
    await byToken.close();
  });

  test("a token revoked and a session ended on A stop working on B, which had both cached", async () => {
    const dave = await Person.signUp(a.asTestServer(), "dave");
    const minted = (await dave.post("/1/members/me/tokens", { name: "cached on B" })).body;
    const onB = Object.assign(on(b, dave), { token: minted.token });
    assert.equal((await onB.get("/1/members/me")).status, 200, "B checks the token and caches it");
    assert.equal(
      (await onB.call("GET", "/1/members/me", undefined, "session")).status,
      200,
      "and the session",
    );
    assert.equal((await dave.del(`/1/members/me/tokens/${minted.id}`)).status, 200);
    await until(
      "B refuses the revoked token",
      async () => (await onB.get("/1/members/me")).status === 401,
      3000,
    );
    assert.equal((await dave.call("POST", "/auth/logout", {}, "session")).status, 200);
    await until(
      "B refuses the ended session",
      async () => (await onB.call("GET", "/1/members/me", undefined, "session")).status === 401,
      3000,
    );
  });

  test("FLUSHALL loses no change: clients stay exact, the epoch changes, old cursors are served", async () => {
    const board = await newBoard("Flush");
    const live = new LiveClient(board.id, ada.token);
    await live.connect(b.url);
    const poller = new PollingClient(on(a, bob), board.id);
    await ada.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "normal" });
    for (let i = 0; i < 5; i++) await ada.post("/1/cards", { idList: board.lists[0], name: `before ${i}` });
    await poller.poll();
    const epochBefore = poller.replica.epoch;
    await until("the live client", async () => live.replica.seq === (await boardSeq(board.id)));
    const flusher = new Redis(redis.url);
    await flusher.flushall();
    flusher.disconnect();
    for (let i = 0; i < 5; i++) {
      await ada.post("/1/cards", { idList: board.lists[0], name: `after A ${i}` });
      await on(b, ada).post("/1/cards", { idList: board.lists[1], name: `after B ${i}` });
    }
    await poller.poll();
    assert.notEqual(poller.replica.epoch, epochBefore, "the flush shows as a new epoch");
    await until("the live client", async () => live.replica.seq === (await boardSeq(board.id)));
    await live.disconnect();
    await on(b, ada).post("/1/cards", { idList: board.lists[2], name: "while away" });
    await live.connect(a.url);
    await poller.poll();
    await until("the live client", async () => live.replica.seq === (await boardSeq(board.id)));
    await assertExact(board.id, [live, poller]);
    await live.disconnect();
  });

  test("a Redis restart loses no change: what is written meanwhile reaches every process", async () => {
    const board = await newBoard("Restart");
    await ada.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "normal" });
    const onB = new LiveClient(board.id, ada.token);
    const onA = new LiveClient(board.id, bob.token);
    await onB.connect(b.url);
    await onA.connect(a.url);
    const poller = new PollingClient(on(b, bob), board.id);
    await poller.poll();
    await redis.kill();
    for (let i = 0; i < 6; i++) {
      const res = await (i % 2 === 0 ? ada : on(b, ada)).post("/1/cards", {
        idList: board.lists[0],
        name: `down ${i}`,
      });
      assert.equal(res.status, 200, "writes go on without Redis");
    }
    await poller.poll(); // answered from the durable log while Redis is away
    // Without pub/sub each process's feeds read the durable log instead: slower, still exact.
    await until("both clients while Redis is down", async () => {
      const seq = await boardSeq(board.id);
      return onA.replica.seq === seq && onB.replica.seq === seq;
    });
    await redis.start();
    for (let i = 0; i < 3; i++) await ada.post("/1/cards", { idList: board.lists[1], name: `up again ${i}` });
    await poller.poll();
    await until("both clients", async () => {
      const seq = await boardSeq(board.id);
      return onA.replica.seq === seq && onB.replica.seq === seq;
    });
    await assertExact(board.id, [onA, onB, poller]);
    await Promise.all([onA.disconnect(), onB.disconnect()]);
  });
});
