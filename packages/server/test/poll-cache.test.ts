// A poll that finds nothing new is answered from the process's caches (decision 0031-group-commit-and-poll-cache): read
// access from the credential cache, the board's newest seq from what the change stream told the
// process. What must still hold: it asks the store nothing; a removed member, a board made private
// and a revoked token are refused at once, on every process; a change is seen by the next polls.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, storeKinds, type TestServer } from "./harness.ts";
import { type CachingServer, startCachingServer, storeCalls } from "./support/caching-server.ts";
import { type ProcessPair, startProcessPair } from "./support/process-pair.ts";
import type { ServerProcess } from "./support/server-process.ts";

const KEY = "0".repeat(32);

async function newBoard(owner: Person, permissionLevel = "private") {
  const board = (
    await owner.post("/1/boards", {
      name: "Polled",
      defaultLists: true,
      prefs_permissionLevel: permissionLevel,
    })
  ).body;
  const list = (await owner.get(`/1/boards/${board.id}/lists`)).body[0].id as string;
  const head = (await owner.get(`/1/boards/${board.id}/changes?since=0`)).body;
  return { id: board.id as string, list, seq: head.seq as number, epoch: head.epoch as string };
}

function poll(url: string, board: { id: string; seq: number; epoch: string }, token: string | null) {
  const auth = token === null ? "" : `&key=${KEY}&token=${token}`;
  return fetch(`${url}/1/boards/${board.id}/changes?since=${board.seq}&epoch=${board.epoch}${auth}`).then(
    async (res) => ({ status: res.status, body: (await res.json()) as { seq: number; changes: unknown[] } }),
  );
}

for (const kind of storeKinds()) {
  describe(`poll cache, one process (${kind})`, () => {
    let cache: CachingServer;
    let server: TestServer;
    let ada: Person;
    let bob: Person;

    before(async () => {
      cache = await startCachingServer(kind, "poll");
      ({ server } = cache);
      ada = await Person.signUp(server, "ada");
      bob = await Person.signUp(server, "bob");
    });
    after(async () => {
      await cache.stop();
    });

    test("a poll that finds nothing new asks the store nothing", async () => {
      const board = await newBoard(ada);
      assert.equal((await poll(server.url, board, ada.token)).status, 200);
      const calls = await storeCalls(server);
      for (let i = 0; i < 20; i++) {
        const res = await poll(server.url, board, ada.token);
        assert.equal(res.status, 200);
        assert.deepEqual(res.body, { epoch: board.epoch, seq: board.seq, changes: [] });
      }
      assert.equal(await storeCalls(server), calls, "no store call for 20 polls");
    });

    test("the next poll after a change answers it", async () => {
      const board = await newBoard(ada);
      assert.equal((await poll(server.url, board, ada.token)).body.changes.length, 0);
      assert.equal((await ada.post("/1/cards", { idList: board.list, name: "new" })).status, 200);
      const deadline = Date.now() + 2_000;
      let res = await poll(server.url, board, ada.token);
      while (res.body.changes.length === 0 && Date.now() < deadline)
        res = await poll(server.url, board, ada.token);
      assert.equal(res.body.seq, board.seq + 1);
      assert.equal(res.body.changes.length, 1);
    });

    test("a removed member's poll is refused as soon as the removal answered", async () => {
      const board = await newBoard(ada);
      assert.equal(
        (await ada.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "normal" })).status,
        200,
      );
      const head = (await ada.get(`/1/boards/${board.id}/changes?since=0`)).body;
      const current = { ...board, seq: head.seq };
      for (let i = 0; i < 3; i++) assert.equal((await poll(server.url, current, bob.token)).status, 200);
      assert.equal((await ada.del(`/1/boards/${board.id}/members/${bob.id}`)).status, 200);
      assert.equal((await poll(server.url, current, bob.token)).status, 404);
    });

    test("an anonymous poll of a board made private is refused as soon as the change answered", async () => {
      const board = await newBoard(ada, "public");
      for (let i = 0; i < 3; i++) assert.equal((await poll(server.url, board, null)).status, 200);
      assert.equal(
        (await ada.put(`/1/boards/${board.id}/prefs/permissionLevel`, { value: "private" })).status,
        200,
      );
      assert.equal((await poll(server.url, board, null)).status, 404);
    });

    test("a revoked token's poll is refused as soon as the revoke answered", async () => {
      const board = await newBoard(ada);
      const { id, token } = (await ada.post("/1/members/me/tokens", { name: "poller" })).body;
      assert.equal((await poll(server.url, board, token)).status, 200);
      assert.equal((await ada.del(`/1/members/me/tokens/${id}`)).status, 200);
      assert.equal((await poll(server.url, board, token)).status, 401);
    });
  });
}

describe("poll cache, two processes (PostgreSQL and Redis)", () => {
  let pair: ProcessPair;
  let a: ServerProcess;
  let b: ServerProcess;
  let ada: Person;
  let bob: Person;

  before(async () => {
    pair = await startProcessPair("poll", {
      TACK_CREDENTIAL_CACHE_MS: "60000",
      TACK_AUTH_RATE_LIMIT: "100000",
    });
    ({ a, b } = pair);
    ada = await Person.signUp(a.asTestServer(), "ada");
    bob = await Person.signUp(a.asTestServer(), "bob");
  });
  after(async () => {
    await pair?.stop();
  });

  test("a member removed on one process is refused by the other's next poll", async () => {
    for (let round = 0; round < 5; round++) {
      const board = await newBoard(ada);
      assert.equal(
        (await ada.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "normal" })).status,
        200,
      );
      const head = (await ada.get(`/1/boards/${board.id}/changes?since=0`)).body;
      const current = { ...board, seq: head.seq, epoch: head.epoch };
      for (let i = 0; i < 3; i++) assert.equal((await poll(b.url, current, bob.token)).status, 200);
      assert.equal((await ada.del(`/1/boards/${board.id}/members/${bob.id}`)).status, 200);
      assert.equal((await poll(b.url, current, bob.token)).status, 404, `round ${round}: b refuses bob`);
    }
  });

  test("a token revoked on one process is refused by the other's next poll", async () => {
    const board = await newBoard(ada);
    for (let round = 0; round < 5; round++) {
      const { id, token } = (await ada.post("/1/members/me/tokens", { name: "poller" })).body;
      for (let i = 0; i < 3; i++) assert.equal((await poll(b.url, board, token)).status, 200);
      const revoked = await fetch(`${a.url}/1/members/me/tokens/${id}?key=${KEY}&token=${ada.token}`, {
        method: "DELETE",
      });
      assert.equal(revoked.status, 200);
      assert.equal((await poll(b.url, board, token)).status, 401, `round ${round}: b refuses the token`);
    }
  });

  test("a change written on one process reaches the other's polls; nothing is skipped", async () => {
    const board = await newBoard(ada);
    let cursor = { ...board };
    assert.equal((await poll(b.url, cursor, ada.token)).body.changes.length, 0);
    const seen: number[] = [];
    for (let i = 0; i < 10; i++) {
      assert.equal((await ada.post("/1/cards", { idList: board.list, name: `c${i}` })).status, 200);
      const deadline = Date.now() + 2_000;
      for (;;) {
        const res = await poll(b.url, cursor, ada.token);
        assert.equal(res.status, 200);
        for (const change of res.body.changes as Array<{ seq: number }>) seen.push(change.seq);
        cursor = { ...cursor, seq: res.body.seq };
        if (cursor.seq === board.seq + i + 1) break;
        assert.ok(Date.now() < deadline, `change ${i} reached b's polls within 2 s`);
      }
    }
    assert.deepEqual(
      seen,
      Array.from({ length: 10 }, (_, i) => board.seq + i + 1),
    );
  });
});
