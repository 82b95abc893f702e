// Trello's limits and Tack's rate limits: past them, a clear error and nothing written.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, type TestServer } from "./harness.ts";

describe("limits", () => {
  let server: TestServer;
  let ada: Person;

  before(async () => {
    server = await startServer({ TACK_AUTH_RATE_LIMIT: "5", TACK_TOKEN_RATE_LIMIT: "40" }, "sqlite");
    ada = await Person.signUp(server, "ada");
  });
  after(() => server.stop());

  test("a board takes at most 500 open lists; archiving one makes room", async () => {
    const board = (await ada.call("POST", "/1/boards", { name: "Many lists" }, "session")).body;
    for (let i = 0; i < 500; i++) {
      const res = await ada.call("POST", "/1/lists", { name: `List ${i}`, idBoard: board.id }, "session");
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    const refused = await ada.call(
      "POST",
      "/1/lists",
      { name: "one too many", idBoard: board.id },
      "session",
    );
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error, "limit_exceeded");
    assert.match(refused.body.message, /500 open lists/);
    const lists = (await ada.call("GET", `/1/boards/${board.id}/lists`, undefined, "session")).body;
    assert.equal(lists.length, 500);
    await ada.call("PUT", `/1/lists/${lists[0].id}/closed`, { value: true }, "session");
    assert.equal(
      (await ada.call("POST", "/1/lists", { name: "fits now", idBoard: board.id }, "session")).status,
      200,
    );
    const restore = await ada.call("PUT", `/1/lists/${lists[0].id}`, { closed: false }, "session");
    assert.equal(restore.status, 403, "restoring would exceed the limit");
  });

  test("login attempts are rate limited per address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (await ada.call("POST", "/auth/login", { username: "ada", password: "wrong password" }, "none"))
          .status,
      );
    }
    assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
    const limited = await ada.call(
      "POST",
      "/auth/login",
      { username: "ada", password: "wrong password" },
      "none",
    );
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error, "API_TOKEN_LIMIT_EXCEEDED");
  });

  test("a personal token is rate limited the Trello way (429 API_TOKEN_LIMIT_EXCEEDED); cookie sessions are not", async () => {
    let limited: { status: number; body: any } | undefined;
    for (let i = 0; i < 60 && !limited; i++) {
      const res = await ada.get("/1/members/me");
      if (res.status === 429) limited = res;
    }
    assert.ok(limited, "the token hit its limit");
    assert.equal(limited.body.error, "API_TOKEN_LIMIT_EXCEEDED");
    assert.equal((await ada.call("GET", "/1/members/me", undefined, "session")).status, 200);
  });
});
