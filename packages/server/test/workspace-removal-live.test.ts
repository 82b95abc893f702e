// A person removed from a workspace loses its workspace-visible boards live, as a removed board
// member does: their open sockets on those boards get board.revoked and nothing after it, on
// both stores, and across processes (the socket on one process, the removal on another).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";
import { startTestRedis, type TestRedis } from "./support/redis-server.ts";
import { type ServerProcess, startServerProcess } from "./support/server-process.ts";
import { SocketClient } from "./support/socket-client.ts";
import { createTempDatabase, type TempDatabase } from "./support/temp-postgres.ts";

async function subscribe(client: SocketClient, board: string) {
  client.send({ type: "board.subscribe", board });
  return client.next("board.subscribed", (m) => m.board === board);
}

/** A workspace with a workspace-visible board, Bob in the workspace (not on the board). */
async function workspaceBoard(alice: Person, bob: Person, name: string) {
  const org = (await alice.post("/1/organizations", { displayName: name, name: `${name}_${Date.now()}` }))
    .body;
  const board = (await alice.post("/1/boards", { name: `${name} board`, idOrganization: org.id })).body;
  const list = (await alice.post("/1/lists", { name: "Doing", idBoard: board.id })).body;
  assert.equal((await alice.put(`/1/organizations/${org.id}/members/${bob.id}`, {})).status, 200);
  assert.equal((await bob.get(`/1/boards/${board.id}`)).status, 200, "the workspace opens the board to Bob");
  return { org, board, list };
}

async function expectRevokedThenNothing(
  bobs: SocketClient,
  alices: SocketClient,
  alice: Person,
  boardId: string,
  listId: string,
) {
  assert.equal((await bobs.next("board.revoked")).board, boardId);
  await alice.post("/1/cards", { idList: listId, name: "after" });
  await alices.next("board.change", (m) => m.change.models.cards?.[0]?.name === "after");
  bobs.send({ type: "ping" });
  await bobs.next("pong");
  assert.deepEqual(
    bobs.pending("board.change").filter((m) => m.change.models.cards?.[0]?.name === "after"),
    [],
    "no change after the removal reached Bob",
  );
  bobs.send({ type: "board.subscribe", board: boardId });
  assert.equal((await bobs.next("error")).error.error, "not_found", "and he cannot subscribe again");
}

for (const kind of storeKinds()) {
  describe(`workspace removal on ${kind}`, () => {
    let server: TestServer;
    let alice: Person;
    let bob: Person;
    before(async () => {
      server = await startServer({ TACK_AUTH_RATE_LIMIT: "1000" }, kind);
      alice = await Person.signUp(server, "alice");
      bob = await Person.signUp(server, "bob");
    });
    after(() => server.stop());

    test("a member removed from a workspace is dropped from its boards' sockets at once", async () => {
      const { org, board, list } = await workspaceBoard(alice, bob, "team");
      const bobs = await SocketClient.open(server.url, { token: bob.token });
      const alices = await SocketClient.open(server.url, { token: alice.token });
      await subscribe(bobs, board.id);
      await subscribe(alices, board.id);
      await alice.post("/1/cards", { idList: list.id, name: "before" });
      assert.equal((await bobs.next("board.change")).change.action.type, "createCard");

      assert.equal((await alice.del(`/1/organizations/${org.id}/members/${bob.id}`)).status, 200);
      await expectRevokedThenNothing(bobs, alices, alice, board.id, list.id);
      assert.equal((await bob.get(`/1/boards/${board.id}`)).status, 404);
      await Promise.all([bobs.close(), alices.close()]);
    });

    test("leaving a workspace drops one's own sockets on its boards too", async () => {
      const { org, board, list } = await workspaceBoard(alice, bob, "club");
      const bobs = await SocketClient.open(server.url, { token: bob.token });
      const alices = await SocketClient.open(server.url, { token: alice.token });
      await subscribe(bobs, board.id);
      await subscribe(alices, board.id);
      assert.equal((await bob.del(`/1/organizations/${org.id}/members/me`)).status, 200);
      await expectRevokedThenNothing(bobs, alices, alice, board.id, list.id);
      await Promise.all([bobs.close(), alices.close()]);
    });
  });
}

describe("workspace removal across processes", () => {
  let db: TempDatabase;
  let redis: TestRedis;
  let a: ServerProcess;
  let b: ServerProcess;
  before(async () => {
    db = await createTempDatabase();
    redis = await startTestRedis();
    const services = {
      databaseUrl: db.url,
      redisUrl: redis.url,
      redisPrefix: `tack_t_${Math.random().toString(36).slice(2, 10)}:`,
    };
    const env = { TACK_AUTH_RATE_LIMIT: "100000" };
    a = await startServerProcess("a", services, env);
    b = await startServerProcess("b", services, env);
  });
  after(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    await db?.drop();
  });

  test("removed on one process, Bob's socket on the other is dropped", async () => {
    const alice = await Person.signUp(a.asTestServer(), "alice");
    const bob = await Person.signUp(a.asTestServer(), "bob");
    const { org, board, list } = await workspaceBoard(alice, bob, "crew");
    const bobs = await SocketClient.open(b.url, { token: bob.token });
    const alices = await SocketClient.open(b.url, { token: alice.token });
    await subscribe(bobs, board.id);
    await subscribe(alices, board.id);
    await alice.post("/1/cards", { idList: list.id, name: "before" });
    await bobs.next("board.change");
    assert.equal((await alice.del(`/1/organizations/${org.id}/members/${bob.id}`)).status, 200);
    await expectRevokedThenNothing(bobs, alices, alice, board.id, list.id);
    await Promise.all([bobs.close(), alices.close()]);
  });
});
