// A write sent over the socket while its worker shuts down (a rolling restart) is never lost and
// never answered as a final failure: it is applied while the worker can still write, or refused as
// retryable (503 `unavailable`), and sending it again with the same mutation id to a worker that
// serves applies it once. (Before, such a write was tunnelled through `http.inject` after the HTTP
// server had closed and answered 500 "internal".)
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { gracefulShutdown } from "../src/ops/shutdown.ts";
import { Person, startServer, type TestServer } from "./harness.ts";
import { startSlowRequest } from "./support/slow-request.ts";
import { SocketClient } from "./support/socket-client.ts";

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.stop().catch(() => undefined))));

async function boardWithCard(ann: Person) {
  const board = (await ann.post("/1/boards", { name: "Restarts", defaultLists: false })).body;
  const list = (await ann.post("/1/lists", { name: "To do", idBoard: board.id })).body;
  const card = (await ann.post("/1/cards", { name: "Before", idList: list.id })).body;
  return { board, card };
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

test("a socket write after the HTTP listener closed, while the worker drains, is applied", async () => {
  const server = await startServer({}, "sqlite");
  servers.push(server);
  const ann = await Person.signUp(server, "ann");
  const { card } = await boardWithCard(ann);
  const socket = await SocketClient.open(server.url, { token: ann.token });
  await socket.next("hello");

  // An unfinished HTTP request keeps the drain from reaching the sockets until we finish it.
  const port = Number(new URL(server.url).port);
  const slow = await startSlowRequest(port, `/1/boards?token=${ann.token}`, JSON.stringify({ name: "Slow" }));
  await waitFor(() => server.app.ctx.lifecycle.requestsInFlight > 0);
  const shutdown = gracefulShutdown(server.app, { drainDelayMs: 0, timeoutMs: 10_000 });
  await waitFor(() => !server.app.http.server.listening);

  socket.send({
    type: "mutation",
    id: "drain-write-1",
    method: "PUT",
    path: `/1/cards/${card.id}`,
    body: { name: "Typed during the restart" },
  });
  const answer = await socket.next("mutation.ack", (m) => m.id === "drain-write-1");
  assert.equal(answer.status, 200);
  assert.equal((answer.body as { name: string }).name, "Typed during the restart");
  const stored = await server.app.ctx.store.objectById("card", card.id);
  assert.equal(stored?.name, "Typed during the restart", "the write reached the store");

  await slow.finish();
  assert.equal((await shutdown).clean, true);
});

test("a socket write the draining worker can no longer apply is refused as retryable, and applied once when sent again", async () => {
  const a = await startServer({}, "postgres");
  servers.push(a);
  // A second worker on the same database: where the client's retry lands.
  const b = await startServer({ DATABASE_URL: a.app.ctx.config.databaseUrl! }, "postgres");
  servers.push(b);
  const ann = await Person.signUp(a, "ann");
  const { board, card } = await boardWithCard(ann);
  const socket = await SocketClient.open(a.url, { token: ann.token });
  await socket.next("hello");

  // The last step of a shutdown: draining, and the store closing under a write still queued.
  a.app.ctx.lifecycle.startDraining();
  await a.app.ctx.store.close();
  socket.send({
    type: "mutation",
    id: "drain-write-2",
    method: "PUT",
    path: `/1/cards/${card.id}`,
    body: { name: "Retried" },
  });
  const refused = await socket.next("mutation.reject", (m) => m.id === "drain-write-2");
  assert.equal(refused.status, 503);
  assert.equal(refused.error.error, "unavailable");
  assert.match(refused.error.message, /send it again/);

  const onB = Object.assign(new Person({ url: b.url } as TestServer), { id: ann.id, token: ann.token });
  const card0 = (await onB.get(`/1/cards/${card.id}`)).body;
  assert.equal(card0.name, "Before", "the refused write was not applied");
  for (let attempt = 0; attempt < 2; attempt++) {
    const retried = await onB.call("PUT", `/1/cards/${card.id}`, { name: "Retried" }, "token", {
      "x-tack-mutation-id": "drain-write-2",
    });
    assert.equal(retried.status, 200);
    assert.equal(retried.body.name, "Retried");
  }
  const renames = (await onB.get(`/1/boards/${board.id}/actions?filter=updateCard`)).body.filter(
    (action: { data: { card: { name: string } } }) => action.data.card.name === "Retried",
  );
  assert.equal(renames.length, 1, "the write was applied once");
});
