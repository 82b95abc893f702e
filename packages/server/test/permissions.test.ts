// Authorization on every read and write, checked before existence: a stranger cannot tell a
// private board's ids from ids that do not exist; observers read but do not write; only admins
// manage members and settings.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

for (const kind of storeKinds()) {
  describe(`on ${kind}`, () => {
    let server: TestServer;
    let owner: Person;
    let stranger: Person;
    let observer: Person;
    let normal: Person;
    let board: any;
    let list: any;
    let card: any;

    before(async () => {
      server = await startServer({ TACK_AUTH_RATE_LIMIT: "1000" }, kind);
      owner = await Person.signUp(server, "owner");
      stranger = await Person.signUp(server, "stranger");
      observer = await Person.signUp(server, "observer");
      normal = await Person.signUp(server, "normal");
      board = (await owner.post("/1/boards", { name: "Private" })).body;
      list = (await owner.post("/1/lists", { name: "L", idBoard: board.id })).body;
      card = (await owner.post("/1/cards", { idList: list.id, name: "Secret card" })).body;
      assert.equal(
        (await owner.put(`/1/boards/${board.id}/members/${observer.id}`, { type: "observer" })).status,
        200,
      );
      assert.equal(
        (await owner.put(`/1/boards/${board.id}/members`, { username: "normal", type: "normal" })).status,
        200,
      );
    });
    after(() => server.stop());

    describe("permissions", () => {
      test("a stranger gets the same 404 for a private board's ids as for ids that do not exist", async () => {
        const missing = "0123456789abcdef01234567";
        for (const [real, path] of [
          [`/1/boards/${board.id}`, `/1/boards/${missing}`],
          [`/1/cards/${card.id}`, `/1/cards/${missing}`],
          [`/1/lists/${list.id}`, `/1/lists/${missing}`],
          [`/1/boards/${board.shortLink}`, "/1/boards/ZZZZZZZZ"],
        ] as const) {
          const a = await stranger.get(real);
          const b = await stranger.get(path);
          assert.equal(a.status, 404);
          assert.deepEqual(a.body, b.body);
        }
        const write = await stranger.put(`/1/cards/${card.id}`, { name: "hacked" });
        assert.equal(write.status, 404);
        assert.equal((await owner.get(`/1/cards/${card.id}`)).body.name, "Secret card");
        const search = await stranger.get("/1/search?query=Secret");
        assert.equal(search.body.cards.length, 0);
      });

      test("observers read and may not write or comment (comments pref: members)", async () => {
        assert.equal((await observer.get(`/1/boards/${board.id}?cards=open`)).body.cards.length, 1);
        const write = await observer.put(`/1/cards/${card.id}`, { name: "observer edit" });
        assert.equal(write.status, 403);
        assert.equal(write.body.error, "forbidden");
        assert.match(write.body.message, /Observers can only read/);
        const comment = await observer.post(`/1/cards/${card.id}/actions/comments`, { text: "hi" });
        assert.equal(comment.status, 403);
      });

      test("normal members write but cannot manage members or settings", async () => {
        assert.equal((await normal.put(`/1/cards/${card.id}`, { desc: "by normal" })).status, 200);
        assert.equal(
          (await normal.put(`/1/boards/${board.id}/members/${stranger.id}`, { type: "normal" })).status,
          403,
        );
        assert.equal((await normal.put(`/1/boards/${board.id}`, { closed: true })).status, 403);
        assert.equal(
          (await normal.put(`/1/boards/${board.id}/prefs/permissionLevel`, { value: "public" })).status,
          403,
        );
        assert.equal((await normal.del(`/1/boards/${board.id}`)).status, 403);
      });

      test("public boards are readable by anyone, writable only by members", async () => {
        const pub = (await owner.post("/1/boards", { name: "Public", prefs_permissionLevel: "public" })).body;
        const anon = await owner.call("GET", `/1/boards/${pub.id}?lists=open`, undefined, "none");
        assert.equal(anon.status, 200);
        const strangerWrite = await stranger.post("/1/lists", { name: "nope", idBoard: pub.id });
        assert.equal(strangerWrite.status, 403);
        const anonWrite = await owner.call("POST", "/1/lists", { name: "nope", idBoard: pub.id }, "none");
        assert.equal(anonWrite.status, 401);
      });

      test("workspace-visible boards are readable by workspace members only", async () => {
        const org = (await owner.post("/1/organizations", { displayName: "Team" })).body;
        assert.equal((await owner.put(`/1/organizations/${org.id}/members/${normal.id}`, {})).status, 200);
        const teamBoard = (await owner.post("/1/boards", { name: "Team board", idOrganization: org.id }))
          .body;
        assert.equal(teamBoard.prefs.permissionLevel, "org");
        assert.equal((await normal.get(`/1/boards/${teamBoard.id}`)).status, 200);
        assert.equal((await stranger.get(`/1/boards/${teamBoard.id}`)).status, 404);
        assert.equal((await stranger.get(`/1/organizations/${org.id}`)).status, 404);
      });

      test("a removed member loses access at once; the last admin cannot leave", async () => {
        const b = (await owner.post("/1/boards", { name: "Temp" })).body;
        await owner.put(`/1/boards/${b.id}/members/${stranger.id}`, { type: "normal" });
        assert.equal((await stranger.get(`/1/boards/${b.id}`)).status, 200);
        assert.equal((await owner.del(`/1/boards/${b.id}/members/${stranger.id}`)).status, 200);
        assert.equal((await stranger.get(`/1/boards/${b.id}`)).status, 404);
        const lastAdmin = await owner.del(`/1/boards/${b.id}/members/${owner.id}`);
        assert.equal(lastAdmin.status, 409);
      });

      test("comments: only the author edits; the author or an admin deletes", async () => {
        const comment = (
          await normal.post(`/1/cards/${card.id}/actions/comments`, { text: "normal's words" })
        ).body;
        const ownerEdit = await owner.put(`/1/actions/${comment.id}`, { text: "owner rewrites" });
        assert.equal(ownerEdit.status, 403);
        assert.equal(
          (await normal.put(`/1/actions/${comment.id}/text`, { value: "edited" })).body.data.text,
          "edited",
        );
        assert.equal((await owner.del(`/1/actions/${comment.id}`)).status, 200);
        assert.equal((await owner.get(`/1/actions/${comment.id}`)).status, 404);
      });

      test("cookie sessions need the CSRF token and a same-origin Origin to write; tokens do not", async () => {
        const noCsrf = await owner.call("POST", "/1/lists", { name: "x", idBoard: board.id }, "none", {
          cookie: owner.cookie,
        });
        assert.equal(noCsrf.status, 403);
        assert.equal(noCsrf.body.error, "csrf_failed");
        const foreign = await owner.call("POST", "/1/lists", { name: "x", idBoard: board.id }, "session", {
          origin: "https://evil.example",
        });
        assert.equal(foreign.status, 403);
        const good = await owner.call("POST", "/1/lists", { name: "ok", idBoard: board.id }, "session", {
          origin: server.url,
        });
        assert.equal(good.status, 200);
        const session = await owner.call("GET", "/auth/session", undefined, "session");
        assert.equal(session.body.csrfToken, owner.csrf);
      });

      test("session cookies are HttpOnly and SameSite; logout ends the session; revoked tokens stop working", async () => {
        const login = await owner.call(
          "POST",
          "/auth/login",
          { username: "owner@example.test", password: "correct horse battery" },
          "none",
        );
        assert.equal(login.status, 200);
        const cookie = login.headers.get("set-cookie") ?? "";
        assert.match(cookie, /HttpOnly/i);
        assert.match(cookie, /SameSite=Lax/i);
        const session = new Person(server);
        session.cookie = cookie.split(";")[0]!;
        session.csrf = login.body.csrfToken;
        assert.equal((await session.call("GET", "/1/members/me", undefined, "session")).status, 200);
        await session.call("POST", "/auth/logout", {}, "session");
        assert.equal((await session.call("GET", "/1/members/me", undefined, "session")).status, 401);

        const minted = (await owner.post("/1/members/me/tokens", { name: "temp" })).body;
        const temp = new Person(server);
        temp.token = minted.token;
        assert.equal((await temp.get("/1/members/me")).status, 200);
        assert.equal((await owner.del(`/1/members/me/tokens/${minted.id}`)).status, 200);
        assert.equal((await temp.get("/1/members/me")).status, 401);
      });
    });
  });
}
