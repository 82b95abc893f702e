// The WebSocket endpoint on one process (embedded default: in-process bus and change list):
// pushes, catch-up after a disconnect, permissions at subscribe time and on every push, and
// sessions that end.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CloseCode } from "@tack/shared/protocol";
import WebSocket from "ws";
import { Person, startServer, type TestServer } from "./harness.ts";
import { BoardReplica } from "./support/board-replica.ts";
import { SocketClient } from "./support/socket-client.ts";

let server: TestServer;
let ada: Person;
let bob: Person;

before(async () => {
  server = await startServer();
  ada = await Person.signUp(server, "ada");
  bob = await Person.signUp(server, "bob");
});
after(() => server.stop());

async function newBoard(name: string, owner: Person = ada, permissionLevel = "private") {
  const board = await owner.post("/1/boards", {
    name,
    defaultLists: true,
    prefs_permissionLevel: permissionLevel,
  });
  assert.equal(board.status, 200, JSON.stringify(board.body));
  const lists = (await owner.get(`/1/boards/${board.body.id}/lists`)).body as Array<{ id: string }>;
  return { id: board.body.id as string, list: lists[0]!.id };
}

async function subscribe(client: SocketClient, board: string, since?: { epoch: string; seq: number }) {
  client.send({ type: "board.subscribe", board, ...(since && { since }) });
  return client.next("board.subscribed", (m) => m.board === board);
}

describe("pushes", () => {
  test("a change made over HTTP reaches a subscribed socket with its epoch and seq", async () => {
    const board = await newBoard("Push");
    const socket = await SocketClient.open(server.url, { token: ada.token });
    const hello = await socket.next("hello");
    assert.equal(hello.member, ada.id);
    const subscribed = await subscribe(socket, board.id);
    assert.ok(subscribed.epoch.length > 0);
    const card = await ada.post("/1/cards", { idList: board.list, name: "Hello" });
    const pushed = await socket.next("board.change");
    assert.equal(pushed.change.seq, subscribed.seq + 1);
    assert.equal(pushed.change.action.type, "createCard");
    assert.equal(pushed.change.models.cards?.[0]?.id, card.body.id);
    // Encoded once for every socket (board-feed.ts), the change still travels as a text frame.
    assert.equal(socket.binaryFrames, 0);
    await socket.close();
  });

  test("a client cut off for a while catches up exactly, without duplicates, and stays live", async () => {
    const board = await newBoard("Catch up");
    const replica = new BoardReplica(board.id);
    let socket = await SocketClient.open(server.url, { token: ada.token });
    const first = await subscribe(socket, board.id, { epoch: "", seq: 0 });
    for (const change of first.catchUp) assert.ok(replica.apply(change));
    replica.epoch = first.epoch;
    await socket.close();
    for (let i = 0; i < 12; i++) await ada.post("/1/cards", { idList: board.list, name: `offline ${i}` });
    socket = await SocketClient.open(server.url, { token: ada.token });
    const again = await subscribe(socket, board.id, { epoch: replica.epoch, seq: replica.seq });
    assert.deepEqual(
      again.catchUp.map((c) => c.seq),
      Array.from({ length: 12 }, (_, i) => first.seq + 1 + i),
    );
    for (const change of again.catchUp) assert.ok(replica.apply(change));
    await ada.post("/1/cards", { idList: board.list, name: "live again" });
    const live = await socket.next("board.change");
    assert.ok(replica.apply(live.change));
    assert.equal(replica.duplicates, 0);
    assert.equal(replica.state?.cards.size, 13);
    await socket.close();
  });
});

describe("read permission, at subscribe time and on every push", () => {
  test("subscribing to a board one may not read, or that does not exist, answers not_found", async () => {
    const board = await newBoard("Private");
    const socket = await SocketClient.open(server.url, { token: bob.token });
    socket.send({ type: "board.subscribe", board: board.id });
    const refused = await socket.next("error");
    assert.equal(refused.error.error, "not_found");
    assert.equal(refused.error.field, "board");
    socket.send({ type: "board.subscribe", board: "0123456789abcdef01234567" });
    assert.equal((await socket.next("error")).error.error, "not_found");
    await ada.post("/1/cards", { idList: board.list, name: "secret" });
    socket.send({ type: "ping" });
    await socket.next("pong");
    assert.equal(socket.pending("board.change").length, 0, "nothing of the private board leaked");
    await socket.close();
  });

  test("a removed member gets board.revoked and nothing after it", async () => {
    const board = await newBoard("Team");
    assert.equal((await ada.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "normal" })).status, 200);
    const bobs = await SocketClient.open(server.url, { token: bob.token });
    const adas = await SocketClient.open(server.url, { token: ada.token });
    await subscribe(bobs, board.id);
    await subscribe(adas, board.id);
    await ada.post("/1/cards", { idList: board.list, name: "before" });
    assert.equal((await bobs.next("board.change")).change.action.type, "createCard");
    assert.equal((await ada.del(`/1/boards/${board.id}/members/${bob.id}`)).status, 200);
    assert.equal((await bobs.next("board.revoked")).board, board.id);
    await ada.post("/1/cards", { idList: board.list, name: "after" });
    // Ada's socket sees her change; by then Bob's would have too, had he still been subscribed.
    await adas.next("board.change", (m) => m.change.action.type === "removeMemberFromBoard");
    await adas.next("board.change", (m) => m.change.models.cards?.[0]?.name === "after");
    bobs.send({ type: "ping" });
    await bobs.next("pong");
    assert.deepEqual(bobs.pending("board.change"), [], "no change after the removal reached Bob");
    bobs.send({ type: "board.subscribe", board: board.id });
    assert.equal((await bobs.next("error")).error.error, "not_found", "and he cannot subscribe again");
    await Promise.all([bobs.close(), adas.close()]);
  });

  test("an anonymous viewer of a public board is revoked when it turns private", async () => {
    const board = await newBoard("Public", ada, "public");
    const anonymous = await SocketClient.open(server.url);
    assert.equal((await anonymous.next("hello")).member, "");
    await subscribe(anonymous, board.id);
    await ada.post("/1/cards", { idList: board.list, name: "for everyone" });
    await anonymous.next("board.change");
    assert.equal(
      (await ada.put(`/1/boards/${board.id}`, { prefs: { permissionLevel: "private" } })).status,
      200,
    );
    assert.equal((await anonymous.next("board.revoked")).board, board.id);
    await anonymous.close();
  });

  test("a deleted board is announced, then revoked", async () => {
    const board = await newBoard("Doomed");
    const socket = await SocketClient.open(server.url, { token: ada.token });
    await subscribe(socket, board.id);
    assert.equal((await ada.del(`/1/boards/${board.id}`)).status, 200);
    const gone = await socket.next("board.change");
    assert.deepEqual(gone.change.deleted, [{ kind: "board", id: board.id }]);
    assert.equal((await socket.next("board.revoked")).board, board.id);
    await socket.close();
  });
});

describe("catch-up cursors", () => {
  test("a cursor from another epoch is answered exactly from the durable log", async () => {
    const board = await newBoard("Epochs");
    const socket = await SocketClient.open(server.url, { token: ada.token });
    const subscribed = await subscribe(socket, board.id, { epoch: "some-old-epoch", seq: 2 });
    assert.deepEqual(
      subscribed.catchUp.map((c) => c.seq),
      Array.from({ length: subscribed.seq - 2 }, (_, i) => 3 + i),
    );
    assert.notEqual(subscribed.epoch, "some-old-epoch");
    await socket.close();
  });

  test("a cursor from the future is refused with an error naming since.seq", async () => {
    const board = await newBoard("Future");
    const socket = await SocketClient.open(server.url, { token: ada.token });
    socket.send({ type: "board.subscribe", board: board.id, since: { epoch: "x", seq: 999 } });
    const refused = await socket.next("error");
    assert.equal(refused.error.error, "invalid_input");
    assert.equal(refused.error.field, "since.seq");
    await ada.post("/1/cards", { idList: board.list, name: "not for a refused subscription" });
    socket.send({ type: "ping" });
    await socket.next("pong");
    assert.equal(socket.pending("board.change").length, 0);
    await socket.close();
  });
});

describe("sessions", () => {
  test("logout closes the session's sockets with 4004; the token's socket stays", async () => {
    const carol = await Person.signUp(server, "carol");
    const bySession = await SocketClient.open(server.url, { cookie: carol.cookie });
    const byToken = await SocketClient.open(server.url, { token: carol.token });
    await bySession.next("hello");
    await byToken.next("hello");
    const out = await carol.call("POST", "/auth/logout", {}, "session");
    assert.equal(out.status, 200);
    const closed = await bySession.closed;
    assert.equal(closed.code, CloseCode.sessionEnded);
    byToken.send({ type: "ping" });
    await byToken.next("pong");
    await byToken.close();
  });
});

describe("admission", () => {
  test("a cookie socket from a foreign Origin is refused with 403 before the upgrade", async () => {
    await assert.rejects(
      SocketClient.open(server.url, { cookie: ada.cookie, origin: "https://evil.example" }),
      /HTTP 403/,
    );
    const ours = await SocketClient.open(server.url, { cookie: ada.cookie, origin: server.url });
    assert.equal((await ours.next("hello")).member, ada.id);
    await ours.close();
    // A token is no ambient credential: any Origin may use it.
    const scripted = await SocketClient.open(server.url, {
      token: ada.token,
      origin: "https://elsewhere.example",
    });
    assert.equal((await scripted.next("hello")).member, ada.id);
    await scripted.close();
  });

  test("an unsupported or missing protocol version closes with 4005", async () => {
    for (const version of ["2", null]) {
      const socket = await SocketClient.open(server.url, { token: ada.token, version });
      assert.equal((await socket.closed).code, CloseCode.unsupportedVersion);
    }
  });

  test("an invalid token closes with 4001", async () => {
    const socket = await SocketClient.open(server.url, { token: "f".repeat(64) });
    const closed = await socket.closed;
    assert.equal(closed.code, CloseCode.unauthenticated);
  });

  test("another path answers 404", async () => {
    const elsewhere = new WebSocket(`${server.url.replace(/^http/, "ws")}/1/elsewhere`);
    const status = await new Promise<number>((resolve) => {
      elsewhere.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
      elsewhere.once("open", () => resolve(101));
    });
    assert.equal(status, 404);
  });
});

describe("bad frames", () => {
  test("malformed JSON, unknown types, binary and ill-shaped frames each get an error frame", async () => {
    const socket = await SocketClient.open(server.url, { token: ada.token });
    socket.send("{not json");
    assert.equal((await socket.next("error")).error.error, "malformed_json");
    socket.send({ type: "board.explode" });
    const unknown = await socket.next("error");
    assert.equal(unknown.error.error, "invalid_input");
    assert.match(unknown.error.message, /Unknown message type/);
    socket.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    assert.match((await socket.next("error")).error.message, /text frames/);
    socket.send({ type: "board.subscribe", board: "not-an-id" });
    const shape = await socket.next("error");
    assert.equal(shape.error.field, "board");
    socket.send({
      type: "board.subscribe",
      board: "0123456789abcdef01234567",
      since: { epoch: "e", seq: -1 },
    });
    assert.equal((await socket.next("error")).error.field, "since.seq");
    socket.send({ type: "ping" });
    await socket.next("pong");
    await socket.close();
  });

  test("a socket that keeps sending bad frames is closed with 1002", async () => {
    const socket = await SocketClient.open(server.url, { token: ada.token });
    for (let i = 0; i < 10; i++) socket.send("nope");
    assert.equal((await socket.closed).code, CloseCode.protocolError);
  });

  test("an oversized frame closes the socket with 1009", async () => {
    const socket = await SocketClient.open(server.url, { token: ada.token });
    await socket.next("hello");
    socket.send({ type: "ping", padding: "x".repeat(70 * 1024) });
    assert.equal((await socket.closed).code, CloseCode.tooLarge);
  });
});

describe("mutations over the socket", () => {
  test("a mutation is acked with the API's answer and pushed like any other change", async () => {
    const board = await newBoard("Socket writes");
    const socket = await SocketClient.open(server.url, { token: ada.token });
    await subscribe(socket, board.id);
    socket.send({
      type: "mutation",
      id: "m-create-1",
      method: "POST",
      path: "/1/cards",
      body: { idList: board.list, name: "via socket" },
    });
    const ack = await socket.next("mutation.ack");
    assert.equal(ack.id, "m-create-1");
    assert.equal(ack.status, 200);
    assert.equal((ack.body as { name: string }).name, "via socket");
    const pushed = await socket.next("board.change");
    assert.equal(pushed.change.models.cards?.[0]?.id, (ack.body as { id: string }).id);
    await socket.close();
  });

  test("a mutation the API refuses is rejected with its error; nothing is written", async () => {
    const board = await newBoard("Refusals");
    const before = (await ada.get(`/1/boards/${board.id}/cards`)).body.length;
    const socket = await SocketClient.open(server.url, { token: ada.token });
    socket.send({
      type: "mutation",
      id: "m-bad-0001",
      method: "POST",
      path: "/1/cards",
      body: { idList: "nope" },
    });
    const reject = await socket.next("mutation.reject");
    assert.equal(reject.status, 400);
    assert.equal(reject.error.error, "invalid_input");
    const bobs = await SocketClient.open(server.url, { token: bob.token });
    bobs.send({
      type: "mutation",
      id: "m-bad-0003",
      method: "PUT",
      path: `/1/boards/${board.id}`,
      body: { name: "hijack" },
    });
    assert.equal(
      (await bobs.next("mutation.reject")).error.error,
      "not_found",
      "permission before existence",
    );
    socket.send({
      type: "mutation",
      id: "bad id with spaces",
      method: "POST",
      path: "/1/cards",
      body: { idList: board.list, name: "n" },
    });
    assert.equal(
      (await socket.next("mutation.reject", (m) => m.id === "bad id with spaces")).error.field,
      "X-Tack-Mutation-Id",
    );
    assert.equal((await ada.get(`/1/boards/${board.id}/cards`)).body.length, before);
    await Promise.all([socket.close(), bobs.close()]);
  });

  test("a retried mutation id is applied once, also when replayed after a reconnect", async () => {
    const board = await newBoard("Once");
    const frame = {
      type: "mutation",
      id: "m-once-0001",
      method: "POST",
      path: "/1/cards",
      body: { idList: board.list, name: "only one" },
    };
    let socket = await SocketClient.open(server.url, { token: ada.token });
    const start = await subscribe(socket, board.id);
    socket.send(frame);
    socket.send(frame);
    const first = await socket.next("mutation.ack");
    const second = await socket.next("mutation.ack");
    assert.equal((first.body as { id: string }).id, (second.body as { id: string }).id);
    await socket.close();
    socket = await SocketClient.open(server.url, { token: ada.token });
    socket.send(frame);
    const replayed = await socket.next("mutation.ack");
    assert.equal((replayed.body as { id: string }).id, (first.body as { id: string }).id);
    const since = await subscribe(socket, board.id, { epoch: start.epoch, seq: start.seq });
    assert.equal(since.catchUp.length, 1, "one change, however often it was sent");
    const cards = (await ada.get(`/1/boards/${board.id}/cards`)).body as Array<{ name: string }>;
    assert.equal(cards.filter((c) => c.name === "only one").length, 1);
    await socket.close();
  });

  test("a cookie socket writes with its session's CSRF token", async () => {
    const board = await newBoard("Cookie writes");
    const socket = await SocketClient.open(server.url, { cookie: ada.cookie, origin: server.url });
    socket.send({
      type: "mutation",
      id: "m-cookie-01",
      method: "PUT",
      path: `/1/boards/${board.id}`,
      body: { name: "Renamed" },
    });
    assert.equal((await socket.next("mutation.ack")).status, 200);
    assert.equal((await ada.get(`/1/boards/${board.id}`)).body.name, "Renamed");
    await socket.close();
  });
});

describe("liveness and backpressure", () => {
  test("a peer that stops answering pings is cut after two heartbeat rounds", async () => {
    const sockets = server.app.realtime.sockets;
    const dead = await SocketClient.open(server.url, { token: ada.token, autoPong: false });
    await dead.next("hello");
    const before = sockets.stats.deadPeers;
    sockets.sweep();
    await new Promise((r) => setTimeout(r, 100));
    sockets.sweep();
    const closed = await dead.closed;
    assert.equal(closed.code, 1006, "terminated, no close handshake");
    assert.equal(sockets.stats.deadPeers, before + 1);
  });

  test("a socket that does not read is closed as too slow instead of buffering without bound", async () => {
    const board = await newBoard("Firehose");
    const slow = await SocketClient.open(server.url, { token: ada.token });
    await subscribe(slow, board.id);
    const tcp = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    tcp.pause();
    const card = (await ada.post("/1/cards", { idList: board.list, name: "big" })).body;
    const sockets = server.app.realtime.sockets;
    const before = sockets.stats.tooSlow;
    const deadline = Date.now() + 60_000;
    for (let i = 0; sockets.stats.tooSlow === before && Date.now() < deadline; i++)
      await ada.put(`/1/cards/${card.id}`, { desc: `${i} ${"x".repeat(16_000)}` });
    assert.equal(sockets.stats.tooSlow, before + 1, "closed as too slow");
    tcp.resume();
    const closed = await slow.closed;
    assert.ok([CloseCode.tooSlow, 1006].includes(closed.code as 4008 | 1006), `closed with ${closed.code}`);
  });
});
