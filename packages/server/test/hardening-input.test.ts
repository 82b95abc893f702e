// The input boundary's text rule and long file names, on both stores: a lone surrogate or a NUL
// anywhere in input (body, query, path, form) answers 400 with a message and changes nothing,
// before authentication too; every name an upload accepts downloads from its own URL.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { boardWithCard, download, upload } from "./attachment-helpers.ts";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

const LONE = "\ud800";
const NUL = "\u0000";

async function snapshot(person: Person, boardId: string): Promise<string> {
  const board = await person.get(`/1/boards/${boardId}?cards=all&lists=all&labels=all&checklists=all`);
  assert.equal(board.status, 200);
  const cards = await person.get(`/1/boards/${boardId}/cards/all?attachments=true`);
  return JSON.stringify([board.body, cards.body]);
}

function assertClean400(res: { status: number; body: { error?: string; message?: string } }, what: string) {
  assert.equal(res.status, 400, `${what}: ${res.status} ${JSON.stringify(res.body)}`);
  assert.equal(res.body.error, "invalid_input", what);
  assert.match(res.body.message ?? "", /Unicode|NUL/, what);
}

for (const kind of storeKinds()) {
  describe(`input text rule (${kind})`, () => {
    let server: TestServer;
    let alice: Person;
    before(async () => {
      server = await startServer({ TACK_AUTH_RATE_LIMIT: "1000" }, kind);
      alice = await Person.signUp(server, "alice");
    });
    after(() => server.stop());

    test("login and signup refuse a lone surrogate or a NUL before authentication", async () => {
      const anon = new Person(server);
      for (const bad of [LONE, NUL, `a${LONE}b`, `x${NUL}`]) {
        assertClean400(
          await anon.call("POST", "/auth/login", { username: bad, password: "whatever pass" }, "none"),
          `login ${JSON.stringify(bad)}`,
        );
        assertClean400(
          await anon.call("POST", "/auth/login", { username: "alice", password: bad }, "none"),
          `login password ${JSON.stringify(bad)}`,
        );
      }
      assertClean400(
        await anon.call(
          "POST",
          "/auth/signup",
          { username: "mallory", email: "m@example.test", password: "correct horse battery", fullName: LONE },
          "none",
        ),
        "signup",
      );
      // A form body is held to the same rule.
      const form = await fetch(`${server.url}/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "username=al%00ice&password=x",
      });
      assertClean400(
        { status: form.status, body: (await form.json()) as { error?: string; message?: string } },
        "form login",
      );
      // Nobody called mallory exists, and alice can still log in.
      const login = await anon.call(
        "POST",
        "/auth/login",
        { username: "alice", password: "correct horse battery" },
        "none",
      );
      assert.equal(login.status, 200);
    });

    test("a NUL in a token, a query or a path id answers 400 on lookups", async () => {
      const token = await fetch(`${server.url}/1/members/me?key=${"0".repeat(32)}&token=abc%00def`);
      assertClean400(
        { status: token.status, body: (await token.json()) as { error?: string; message?: string } },
        "token with NUL",
      );
      assertClean400(await alice.get("/1/boards/%00abc"), "path id with NUL");
      assertClean400(await alice.get("/1/members/me/boards?filter=open%00"), "query with NUL");
      assertClean400(await alice.get("/1/search?query=a%00b"), "search with NUL");
    });

    test("writes with a lone surrogate or NUL in any text answer 400 and change nothing", async () => {
      const { board, list, card } = await boardWithCard(alice);
      const before = await snapshot(alice, board.id);
      const attempts: Array<[string, string, unknown]> = [
        ["PUT", `/1/cards/${card.id}`, { name: `Card ${LONE}` }],
        ["PUT", `/1/cards/${card.id}`, { desc: `x${NUL}y` }],
        ["POST", "/1/cards", { idList: list.id, name: LONE }],
        ["POST", `/1/cards/${card.id}/actions/comments`, { text: `hi ${LONE}` }],
        ["POST", `/1/boards/${board.id}/labels`, { name: LONE, color: "red" }],
        ["PUT", `/1/boards/${board.id}`, { name: `B${LONE}` }],
        ["POST", `/1/cards/${card.id}/checklists`, { name: `C${NUL}` }],
        ["PUT", `/1/cards/${card.id}`, { [`key${LONE}`]: "value" }],
      ];
      for (const [method, path, body] of attempts)
        assertClean400(await alice.call(method, path, body), `${method} ${path} ${JSON.stringify(body)}`);
      assertClean400(
        await upload(alice, card.id, "hello", { fileName: "a.txt", fields: { name: `n${NUL}` } }),
        "multipart field with NUL",
      );
      assert.equal(await snapshot(alice, board.id), before);
    });
  });

  describe(`long file names download (${kind})`, () => {
    let server: TestServer;
    let alice: Person;
    before(async () => {
      server = await startServer({}, kind);
      alice = await Person.signUp(server, "alice");
    });
    after(() => server.stop());

    test("the longest accepted ASCII and non-ASCII names download from their own URL", async () => {
      const { card } = await boardWithCard(alice);
      const names = [
        `${"a".repeat(101)}.txt`, // the 105-character name of the report
        `${"b".repeat(252)}.txt`, // the longest ASCII name kept
        "字".repeat(256), // three UTF-8 bytes per code unit: the longest encoded URL
        "😀".repeat(128), // surrogate pairs
        `${"é".repeat(255)}😀`, // a pair cut at the limit must not leave half of it
      ];
      for (const [i, fileName] of names.entries()) {
        const bytes = `file ${i}`;
        const res = await upload(alice, card.id, bytes, { fileName, type: "text/plain" });
        assert.equal(res.status, 200, `upload ${i}: ${JSON.stringify(res.body)}`);
        assert.ok(res.body.name.length <= 256 && res.body.name.isWellFormed(), `name ${i} kept well-formed`);
        const got = await download(res.body.url, alice);
        assert.equal(got.status, 200, `download ${i} (${res.body.url.length} characters)`);
        assert.equal(got.bytes.toString(), bytes);
        // The renamed one downloads too.
        const renamed = await alice.put(`/1/cards/${card.id}/attachments/${res.body.id}`, { name: fileName });
        assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
        assert.equal((await download(renamed.body.url, alice)).status, 200);
      }
    });
  });
}
