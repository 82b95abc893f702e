// Routes are specs (docs/decisions/0015-routes-route-spec.md): the OpenAPI document lists each
// route's params and access and keeps every operation it had; a socket write runs through the
// same spec as HTTP: the same refusals, the same per-token rate limit.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { Person, startServer, type TestServer } from "./harness.ts";
import { SocketClient } from "./support/socket-client.ts";

type Operation = {
  summary: string;
  parameters: Array<{ name: string; in: string }>;
  requestBody?: unknown;
  "x-tack-access"?: string;
  "x-tack-permission"?: string;
  "x-tack-socket"?: boolean;
};

/** Every operation of the document before routes became specs (commit 9fc5e57). */
const previous = JSON.parse(
  readFileSync(new URL("./fixtures/openapi-operations-9fc5e57.json", import.meta.url), "utf8"),
) as Record<string, { summary: string; requestBody: boolean }>;

describe("route specs", () => {
  let server: TestServer;
  let ann: Person;
  let bob: Person;
  before(async () => {
    server = await startServer({ TACK_TOKEN_RATE_LIMIT: "30" }, "sqlite");
    ann = await Person.signUp(server, "ann");
    bob = await Person.signUp(server, "bob");
  });
  after(() => server.stop());

  test("the OpenAPI document keeps every operation and adds params and access", async () => {
    const doc = (await ann.get("/1/openapi.json")).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    for (const [key, before] of Object.entries(previous)) {
      const [method, path] = key.split(" ") as [string, string];
      const operation = doc.paths[path]?.[method.toLowerCase()];
      assert.ok(operation, `${key} is still documented`);
      assert.equal(operation.summary, before.summary, key);
      assert.equal(operation.requestBody !== undefined, before.requestBody, `${key} request body`);
    }
    const rename = doc.paths["/1/cards/{id}/name"]!.put!;
    assert.deepEqual(
      rename.parameters.map((p) => [p.name, p.in]),
      [["id", "path"]],
    );
    assert.equal(rename["x-tack-access"], "card");
    assert.equal(rename["x-tack-permission"], "write");
    assert.equal(rename["x-tack-socket"], true);
    const comment = doc.paths["/1/cards/{id}/actions/comments"]!.post!;
    assert.equal(comment["x-tack-permission"], "comment");
    assert.equal(doc.paths["/1/boards/{id}"]!.delete!["x-tack-permission"], "admin");
    assert.equal(doc.paths["/1/members/me/tokens"]!.get!["x-tack-access"], "member");
    assert.equal(doc.paths["/1/boards/import/trello"]!.post!["x-tack-socket"], undefined, "HTTP only");
  });

  test("a socket write is refused as HTTP refuses it: unknown route, HTTP-only route, no permission, bad input", async () => {
    const board = (await ann.post("/1/boards", { name: "Specs", defaultLists: false })).body;
    const list = (await ann.post("/1/lists", { name: "L", idBoard: board.id })).body;
    const card = (await ann.post("/1/cards", { name: "Card", idList: list.id })).body;
    const socket = await SocketClient.open(server.url, { token: bob.token });
    await socket.next("hello");
    const write = async (id: string, method: string, path: string, body?: Record<string, unknown>) => {
      socket.send({ type: "mutation", id, method, path, ...(body && { body }) });
      return socket.next("mutation.reject", (m) => m.id === id);
    };

    const unknown = await write("spec-unknown", "PUT", "/1/nothing/here");
    assert.equal(unknown.status, 404);
    const httpOnly = await write("spec-import", "POST", "/1/boards/import/trello", {});
    assert.equal(httpOnly.status, 400);
    assert.match(httpOnly.error.message, /over HTTP/);
    // Bob cannot read Ann's private board: the card answers like a missing one, over both.
    const hidden = await write("spec-hidden", "PUT", `/1/cards/${card.id}/name`, { value: "Bob was here" });
    const overHttp = await bob.put(`/1/cards/${card.id}/name`, { value: "Bob was here" });
    assert.equal(hidden.status, 404);
    assert.equal(overHttp.status, 404);
    assert.deepEqual(hidden.error, overHttp.body);
    const bad = await write("spec-bad-value", "PUT", `/1/cards/${card.id}/closed`, { value: "maybe" });
    assert.equal(bad.status, 400);
    assert.equal(bad.error.field, "value");
    assert.equal((await ann.get(`/1/cards/${card.id}`)).body.name, "Card", "nothing changed");
    socket.ws.close();
  });

  test("a socket write whose session is gone is refused like the same cookie over HTTP", async () => {
    const board = (await bob.post("/1/boards", { name: "Session", defaultLists: false })).body;
    const socket = await SocketClient.open(server.url, { cookie: bob.cookie, origin: server.url });
    await socket.next("hello");
    // Removed from the store where this process has not heard of it yet (no session-feed event).
    const hash = createHash("sha256").update(bob.cookie.split("=")[1]!).digest("hex");
    await server.app.ctx.store.deleteSession(hash);
    server.app.ctx.credentials.forget({ sessionHash: hash });
    socket.send({
      type: "mutation",
      id: "spec-session-gone",
      method: "PUT",
      path: `/1/boards/${board.id}/name`,
      body: { value: "After logout" },
    });
    const refused = await socket.next("mutation.reject", (m) => m.id === "spec-session-gone");
    assert.equal(refused.status, 401);
    assert.equal((await bob.get(`/1/boards/${board.id}`)).body.name, "Session", "nothing changed");
    socket.ws.close();
  });

  test("socket writes and HTTP requests of one token share its rate limit", async () => {
    const board = (await ann.post("/1/boards", { name: "Limits", defaultLists: false })).body;
    const socket = await SocketClient.open(server.url, { token: ann.token });
    await socket.next("hello");
    // 40 writes against a limit of 30 per window: some are answered 429.
    for (let i = 0; i < 40; i++)
      socket.send({
        type: "mutation",
        id: `spec-limit-${i}`,
        method: "PUT",
        path: `/1/boards/${board.id}/name`,
        body: { value: `n${i}` },
      });
    const limited = await socket.next("mutation.reject", (m) => m.id.startsWith("spec-limit-"));
    assert.ok(limited, "the socket writes hit the token's limit");
    assert.equal(limited.status, 429);
    assert.equal(limited.error.error, "API_TOKEN_LIMIT_EXCEEDED");
    const overHttp = await ann.get("/1/members/me");
    assert.equal(overHttp.status, 429, "the same token is limited over HTTP too");
    assert.equal((await ann.call("GET", "/1/members/me", undefined, "session")).status, 200);
    socket.ws.close();
  });
});
