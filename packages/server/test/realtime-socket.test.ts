// The WebSocket endpoint on one process (embedded default: in-process bus and change list):
// pushes, catch-up after a disconnect, permissions at subscribe time and on every push, and
// sessions that end.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { CloseCode } from "@tack/shared/protocol";
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
