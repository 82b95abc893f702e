// Webhooks end to end over real HTTP on both stores, with real HTTP receivers: Trello's routes and
// their refusals, the HEAD check, signatures, board order, what each model sees, retries after
// the receiver fails, switching off after repeated failures, no redirect followed, access loss and
// token revocation stopping deliveries, and callbacks to private addresses refused (SSRF).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { isForbiddenAddress } from "../src/webhooks/callback-guard.ts";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";
import { validSignature, WebhookReceiver } from "./support/webhook-receiver.ts";

const FAST = {
  TACK_AUTH_RATE_LIMIT: "1000",
  TACK_WEBHOOK_ALLOW_PRIVATE: "true",
  TACK_WEBHOOK_RETRY_DELAYS_MS: "40,40",
  TACK_WEBHOOK_DISABLE_FAILURES: "5",
  TACK_WEBHOOK_DISABLE_AFTER_MS: "0",
  TACK_WEBHOOK_POLL_MS: "20",
  TACK_WEBHOOK_TIMEOUT_MS: "2000",
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function tokenIdOf(person: Person): Promise<string> {
  const tokens = (await person.call("GET", "/1/members/me/tokens", undefined, "session")).body as any[];
  return tokens.find((t) => t.name === "tests").id;
}

async function secretOf(person: Person): Promise<string> {
  const res = await person.get(`/1/members/me/tokens/${await tokenIdOf(person)}/webhookSecret`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.match(res.body._value, /^[0-9a-f]{64}$/);
  return res.body._value;
}

for (const kind of storeKinds()) {
  describe(`webhooks on ${kind}`, () => {
    let server: TestServer;
    let receiver: WebhookReceiver;
    let alice: Person;
    let bob: Person;
    let board: any;
    let list: any;
    let card: any;
    let bobsBoard: any;

    before(async () => {
      receiver = await new WebhookReceiver().start();
      server = await startServer(FAST, kind);
      alice = await Person.signUp(server, "alice");
      bob = await Person.signUp(server, "bob");
      board = (await alice.post("/1/boards", { name: "Launch" })).body;
      list = (await alice.post("/1/lists", { name: "Doing", idBoard: board.id })).body;
      card = (await alice.post("/1/cards", { idList: list.id, name: "Press kit" })).body;
      bobsBoard = (await bob.post("/1/boards", { name: "Bob's secrets" })).body;
    });
    after(async () => {
      await server.stop();
      await receiver.stop();
    });

    test("create checks the callback with a HEAD, answers Trello's shape, and the token sees its own", async () => {
      const heads = receiver.heads().length;
      const callbackURL = `${receiver.url}/shape`;
      const res = await alice.post("/1/webhooks", { callbackURL, idModel: board.id, description: "ci" });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(receiver.heads().length, heads + 1);
      assert.deepEqual(Object.keys(res.body).sort(), [
        "active",
        "callbackURL",
        "consecutiveFailures",
        "description",
        "firstConsecutiveFailDate",
        "id",
        "idModel",
      ]);
      assert.equal(res.body.active, true);
      assert.equal(res.body.consecutiveFailures, 0);
      assert.equal(res.body.firstConsecutiveFailDate, null);
      const id = res.body.id;
      assert.deepEqual((await alice.get(`/1/webhooks/${id}`)).body, res.body);
      assert.equal((await alice.get(`/1/webhooks/${id}/description`)).body._value, "ci");
      assert.equal((await alice.get(`/1/webhooks/${id}/nonsense`)).status, 400);
      const listed = await alice.call("GET", `/1/tokens/${alice.token}/webhooks`, undefined, "none");
      assert.equal(listed.status, 200);
      assert.ok(listed.body.some((w: any) => w.id === id));
      assert.equal(
        (await alice.call("GET", `/1/tokens/${alice.token}/webhooks/${id}`, undefined, "none")).body.id,
        id,
      );
      // Another person's token, and another token of the same person, do not see it.
      assert.equal((await bob.get(`/1/webhooks/${id}`)).status, 404);
      assert.equal(
        (await bob.call("GET", `/1/tokens/${bob.token}/webhooks/${id}`, undefined, "none")).status,
        404,
      );
      assert.equal((await bob.del(`/1/webhooks/${id}`)).status, 404);
      const second = (await alice.call("POST", "/1/members/me/tokens", { name: "other" }, "session")).body
        .token;
      const other = Object.assign(new Person(server), { id: alice.id, token: second });
      assert.equal((await other.get(`/1/webhooks/${id}`)).status, 404);
      assert.deepEqual((await other.call("GET", `/1/tokens/${second}/webhooks`, undefined, "none")).body, []);
      // A browser session is not a token: webhooks belong to tokens.
      assert.equal((await alice.call("GET", `/1/webhooks/${id}`, undefined, "session")).status, 401);
      // Changing fields, one by one and together.
      assert.equal(
        (await alice.put(`/1/webhooks/${id}/description`, { value: "renamed" })).body.description,
        "renamed",
      );
      assert.equal((await alice.put(`/1/webhooks/${id}/active`, { value: false })).body.active, false);
      const both = await alice.put(`/1/webhooks/${id}`, { active: "true", description: "both" });
      assert.equal(both.status, 200);
      assert.equal(both.body.active, true);
      assert.equal(both.body.description, "both");
      const moved = await alice.call(
        "PUT",
        `/1/tokens/${alice.token}/webhooks/${id}`,
        { idModel: card.id },
        "none",
      );
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.idModel, card.id);
      // Deleted by the path token; gone after.
      assert.equal(
        (await alice.call("DELETE", `/1/tokens/${alice.token}/webhooks/${id}`, undefined, "none")).status,
        200,
      );
      assert.equal((await alice.get(`/1/webhooks/${id}`)).status, 404);
      assert.equal((await alice.del(`/1/webhooks/${id}`)).status, 404);
    });

    test("every bad input is refused with a clear error and creates nothing", async () => {
      const before = (await alice.call("GET", `/1/tokens/${alice.token}/webhooks`, undefined, "none")).body
        .length;
      const cb = `${receiver.url}/bad`;
      const cases: Array<[unknown, RegExp]> = [
        [{ idModel: board.id }, /callbackURL/],
        [{ callbackURL: cb }, /idModel/],
        [{ callbackURL: "not a url", idModel: board.id }, /callbackURL/],
        [{ callbackURL: "ftp://example.com/x", idModel: board.id }, /callbackURL/],
        [{ callbackURL: "http://user:pw@example.com/x", idModel: board.id }, /callbackURL/],
        [{ callbackURL: 42, idModel: board.id }, /callbackURL/],
        [{ callbackURL: cb, idModel: "nope" }, /idModel/],
        [{ callbackURL: cb, idModel: "0123456789abcdef01234567" }, /invalid value for idModel/],
        // Bob's private board, its lists and cards: not Alice's to watch; answered like unknown ids.
        [{ callbackURL: cb, idModel: bobsBoard.id }, /invalid value for idModel/],
        [{ callbackURL: cb, idModel: board.id, active: "maybe" }, /active/],
        [{ callbackURL: cb, idModel: board.id, description: 7 }, /description/],
      ];
      for (const [body, message] of cases) {
        const res = await alice.post("/1/webhooks", body);
        assert.equal(res.status, 400, JSON.stringify({ body, res: res.body }));
        assert.match(res.body.message, message);
      }
      const malformed = await alice.call("POST", "/1/webhooks", "{not json", "token");
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.error, "malformed_json");
      // The callback must answer the HEAD with 200.
      receiver.headStatus = 404;
      const refused = await alice.post("/1/webhooks", { callbackURL: cb, idModel: board.id });
      receiver.headStatus = 200;
      assert.equal(refused.status, 400);
      assert.equal(refused.body.message, `callbackURL: URL (${cb}) did not return 200 status code, got 404`);
      const unreachable = await alice.post("/1/webhooks", {
        callbackURL: "http://127.0.0.1:1/x",
        idModel: board.id,
      });
      assert.equal(unreachable.status, 400);
      assert.match(unreachable.body.message, /did not return 200 status code, got no answer/);
      // Not signed in; a token in the path that is no token.
      assert.equal(
        (await alice.call("POST", "/1/webhooks", { callbackURL: cb, idModel: board.id }, "none")).status,
        401,
      );
      const fake = await alice.call(
        "POST",
        `/1/tokens/${"f".repeat(64)}/webhooks`,
        { callbackURL: cb, idModel: board.id },
        "none",
      );
      assert.equal(fake.status, 401);
      assert.equal((await alice.call("GET", "/1/tokens/x/webhooks", undefined, "none")).status, 401);
      // Unknown and malformed webhook ids.
      assert.equal((await alice.get("/1/webhooks/0123456789abcdef01234567")).status, 404);
      assert.equal((await alice.get("/1/webhooks/zzz")).status, 404);
      assert.equal((await alice.put("/1/webhooks/0123456789abcdef01234567", { active: false })).status, 404);
      // Duplicates: same token, model and callback.
      const made = await alice.post("/1/webhooks", { callbackURL: cb, idModel: board.id });
      assert.equal(made.status, 200);
      const twice = await alice.post("/1/webhooks", { callbackURL: cb, idModel: board.id });
      assert.equal(twice.status, 400);
      assert.match(twice.body.message, /already exists/);
      const viaPath = await alice.call(
        "POST",
        `/1/tokens/${alice.token}/webhooks`,
        { callbackURL: cb, idModel: board.id },
        "none",
      );
      assert.equal(viaPath.status, 400);
      // A bad change leaves the webhook as it was.
      receiver.headStatus = 500;
      const repoint = await alice.put(`/1/webhooks/${made.body.id}/callbackURL`, {
        value: `${receiver.url}/elsewhere`,
      });
      receiver.headStatus = 200;
      assert.equal(repoint.status, 400);
      assert.equal(
        (await alice.put(`/1/webhooks/${made.body.id}/idModel`, { value: bobsBoard.id })).status,
        400,
      );
      assert.equal(
        (await alice.put(`/1/webhooks/${made.body.id}/active`, { value: "sometimes" })).status,
        400,
      );
      assert.deepEqual((await alice.get(`/1/webhooks/${made.body.id}`)).body, made.body);
      assert.equal((await alice.del(`/1/webhooks/${made.body.id}`)).status, 200);
      const after = (await alice.call("GET", `/1/tokens/${alice.token}/webhooks`, undefined, "none")).body
        .length;
      assert.equal(after, before);
    });

    test("deliveries are signed, in board order, with Trello's body", async () => {
      const callbackURL = `${receiver.url}/order`;
      const made = await alice.post("/1/webhooks", { callbackURL, idModel: board.id });
      assert.equal(made.status, 200);
      const writes = 12;
      for (let i = 0; i < writes; i++) await alice.put(`/1/cards/${card.id}`, { name: `Press kit ${i}` });
      const posts = await receiver.waitForPosts(writes, "/order");
      const secret = await secretOf(alice);
      for (const post of posts)
        assert.ok(validSignature(secret, post, callbackURL), "X-Trello-Webhook checks out");
      assert.ok(
        !validSignature(await secretOf(bob), posts[0]!, callbackURL),
        "another token's secret does not",
      );
      const bodies = posts.map((p) => JSON.parse(p.body));
      assert.deepEqual(
        bodies.map((b) => b.action.data.card.name),
        Array.from({ length: writes }, (_, i) => `Press kit ${i}`),
      );
      const first = bodies[0];
      assert.equal(first.action.type, "updateCard");
      assert.equal(first.action.memberCreator.username, "alice");
      assert.equal(first.model.id, board.id);
      assert.equal(first.model.name, "Launch");
      assert.equal(first.webhook.id, made.body.id);
      assert.equal(first.webhook.callbackURL, callbackURL);
      assert.equal(posts[0]!.headers["content-type"], "application/json");
      await alice.del(`/1/webhooks/${made.body.id}`);
    });

    test("list, card and member webhooks see only their model's actions, and only what their owner may read", async () => {
      const other = (await alice.post("/1/cards", { idList: list.id, name: "Other card" })).body;
      const otherList = (await alice.post("/1/lists", { name: "Later", idBoard: board.id })).body;
      const hooks = {
        card: (await alice.post("/1/webhooks", { callbackURL: `${receiver.url}/card`, idModel: card.id }))
          .body,
        list: (
          await alice.post("/1/webhooks", { callbackURL: `${receiver.url}/list`, idModel: otherList.id })
        ).body,
        member: (await alice.post("/1/webhooks", { callbackURL: `${receiver.url}/member`, idModel: bob.id }))
          .body,
      };
      assert.ok(hooks.card.id && hooks.list.id && hooks.member.id);
      await alice.post(`/1/cards/${card.id}/actions/comments`, { text: "on the watched card" });
      await alice.post(`/1/cards/${other.id}/actions/comments`, { text: "on another card" });
      await alice.put(`/1/cards/${other.id}`, { idList: otherList.id }); // touches the watched list
      // Bob on his own private board: Alice may not read it, so her member webhook hears nothing.
      const secretList = (await bob.post("/1/lists", { name: "Hidden", idBoard: bobsBoard.id })).body;
      await bob.post("/1/cards", { idList: secretList.id, name: "Bob's hidden card" });
      // Bob on Alice's board: heard.
      await alice.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "normal" });
      await bob.post(`/1/cards/${card.id}/actions/comments`, { text: "bob was here" });
      const cardPosts = await receiver.waitForPosts(2, "/card");
      const listPosts = await receiver.waitForPosts(1, "/list");
      const memberPosts = await receiver.waitForPosts(2, "/member");
      await sleep(200);
      const texts = (posts: typeof cardPosts) => posts.map((p) => JSON.parse(p.body).action);
      assert.deepEqual(
        texts(receiver.posts("/card")).map((a) => a.data.text),
        ["on the watched card", "bob was here"],
      );
      assert.equal(JSON.parse(cardPosts[0]!.body).model.id, card.id);
      assert.deepEqual(
        texts(receiver.posts("/list")).map((a) => [a.type, a.data.listAfter?.id]),
        [["updateCard", otherList.id]],
      );
      assert.equal(JSON.parse(listPosts[0]!.body).model.name, "Later");
      const memberActions = texts(receiver.posts("/member"));
      assert.deepEqual(
        memberActions.map((a) => a.type),
        ["addMemberToBoard", "commentCard"],
      );
      assert.ok(
        memberActions.every((a) => a.data.board.id === board.id),
        "nothing of Bob's private board",
      );
      assert.equal(JSON.parse(memberPosts[0]!.body).model.username, "bob");
      for (const hook of Object.values(hooks)) await alice.del(`/1/webhooks/${hook.id}`);
    });

    test("a failing receiver gets retries with backoff, later deliveries wait their turn, and success resets the count", async () => {
      const callbackURL = `${receiver.url}/retry`;
      const made = (await alice.post("/1/webhooks", { callbackURL, idModel: list.id })).body;
      receiver.plan = [500, 503];
      await alice.post("/1/cards", { idList: list.id, name: "first" });
      await alice.post("/1/cards", { idList: list.id, name: "second" });
      const posts = await receiver.waitForPosts(4, "/retry").catch((error) => {
        console.log(receiver.posts("/retry").map((p) => p.body));
        throw error;
      });
      const names = posts.map((p) => JSON.parse(p.body).action.data.card.name);
      // Two failed tries of the first, the third gets through, then the second: order kept.
      assert.deepEqual(names, ["first", "first", "first", "second"]);
      assert.equal(posts[0]!.body, posts[2]!.body, "a retry sends the same bytes");
      // The sender records what went through once the webhook's turn ends, just after the
      // receiver answers the last post: wait for that write rather than race it.
      let after: any;
      for (let i = 0; i < 200; i++) {
        after = (await alice.get(`/1/webhooks/${made.id}`)).body;
        if (after.consecutiveFailures === 0) break;
        await sleep(20);
      }
      assert.equal(after.active, true);
      assert.equal(after.consecutiveFailures, 0);
      assert.equal(after.firstConsecutiveFailDate, null);
      await alice.del(`/1/webhooks/${made.id}`);
    });

    test("a webhook failing again and again is switched off, as Trello shows it, and hears nothing more", async () => {
      const failing = await new WebhookReceiver().start();
      try {
        failing.status = 500;
        const made = (
          await alice.post("/1/webhooks", { callbackURL: `${failing.url}/down`, idModel: board.id })
        ).body;
        await alice.put(`/1/cards/${card.id}`, { desc: "one" }); // 3 tries, given up
        await alice.put(`/1/cards/${card.id}`, { desc: "two" }); // 2 more: 5 in a row, switched off
        await failing.waitForPosts(5);
        let shown: any;
        for (let i = 0; i < 200; i++) {
          shown = (await alice.get(`/1/webhooks/${made.id}`)).body;
          if (!shown.active) break;
          await sleep(20);
        }
        assert.equal(shown.active, false);
        assert.equal(shown.consecutiveFailures, 5);
        assert.ok(Date.parse(shown.firstConsecutiveFailDate) > Date.now() - 60_000);
        await alice.put(`/1/cards/${card.id}`, { desc: "three" });
        await sleep(300);
        assert.equal(failing.posts().length, 5, "a switched-off webhook is not called");
        // Switched on again, it starts counting afresh and is called again.
        failing.status = 200;
        const on = (await alice.put(`/1/webhooks/${made.id}/active`, { value: true })).body;
        assert.equal(on.consecutiveFailures, 0);
        await alice.put(`/1/cards/${card.id}`, { desc: "four" });
        const posts = await failing.waitForPosts(6);
        assert.equal(JSON.parse(posts[5]!.body).action.data.card.desc, "four");
        await alice.del(`/1/webhooks/${made.id}`);
      } finally {
        await failing.stop();
      }
    });

    test("a redirect is not followed: it counts as a failure", async () => {
      const target = await new WebhookReceiver().start();
      const redirecting = await new WebhookReceiver().start();
      try {
        redirecting.status = 302;
        redirecting.location = `${target.url}/inside`;
        const made = (
          await alice.post("/1/webhooks", { callbackURL: `${redirecting.url}/r`, idModel: card.id })
        ).body;
        await alice.post(`/1/cards/${card.id}/actions/comments`, { text: "redirected?" });
        await redirecting.waitForPosts(1);
        let shown: any;
        for (let i = 0; i < 100; i++) {
          shown = (await alice.get(`/1/webhooks/${made.id}`)).body;
          if (shown.consecutiveFailures > 0) break;
          await sleep(20);
        }
        assert.ok(shown.consecutiveFailures > 0);
        assert.equal(target.received.length, 0);
        await alice.del(`/1/webhooks/${made.id}`);
      } finally {
        await redirecting.stop();
        await target.stop();
      }
    });

    test("a webhook stops when its owner loses the board, even for deliveries already queued", async () => {
      const carol = await Person.signUp(server, "carol");
      await alice.put(`/1/boards/${board.id}/members/${carol.id}`, { type: "normal" });
      const callbackURL = `${receiver.url}/carol`;
      const made = await carol.post("/1/webhooks", { callbackURL, idModel: board.id });
      assert.equal(made.status, 200, JSON.stringify(made.body));
      // One delivery goes through; the next is queued (fanned out while Carol could read the board)
      // but not yet sent when she is removed.
      await alice.put(`/1/cards/${card.id}`, { name: "while a member" });
      await receiver.waitForPosts(1, "/carol");
      const { outbox, webhooks } = server.app.notifications;
      await webhooks.sender.stop();
      await alice.put(`/1/cards/${card.id}`, { name: "queued before removal" });
      await outbox.drain();
      const queued = await server.app.ctx.store.webhooks.pendingDeliveries(10, 1000);
      assert.ok(
        queued.some((group) => group[0]!.webhookId === made.body.id),
        "a delivery is queued",
      );
      assert.equal((await alice.del(`/1/boards/${board.id}/members/${carol.id}`)).status, 200);
      webhooks.sender.start();
      await alice.put(`/1/cards/${card.id}`, { name: "after removal" });
      await sleep(400);
      assert.equal(receiver.posts("/carol").length, 1, "the queued delivery and later actions are not sent");
    });

    test("revoking the token removes its webhooks", async () => {
      const dave = await Person.signUp(server, "dave");
      await alice.put(`/1/boards/${board.id}/members/${dave.id}`, { type: "observer" });
      const made = (
        await dave.post("/1/webhooks", { callbackURL: `${receiver.url}/dave`, idModel: board.id })
      ).body;
      const tokenId = await tokenIdOf(dave);
      assert.equal(
        (await dave.call("DELETE", `/1/members/me/tokens/${tokenId}`, undefined, "session")).status,
        200,
      );
      await alice.put(`/1/cards/${card.id}`, { name: "after revocation" });
      await sleep(300);
      assert.equal(receiver.posts("/dave").length, 0);
      assert.equal(
        (await dave.call("GET", `/1/tokens/${dave.token}/webhooks/${made.id}`, undefined, "none")).status,
        401,
      );
    });

    test("email on GET /1/members/me, only for yourself", async () => {
      const me = await alice.get("/1/members/me");
      assert.equal(me.body.email, "alice@example.test");
      assert.equal((await alice.get(`/1/members/${alice.id}`)).body.email, "alice@example.test");
      const other = await bob.get(`/1/members/${alice.id}`);
      assert.equal(other.status, 200);
      assert.equal("email" in other.body, false);
      assert.equal("email" in (await bob.get("/1/members/alice")).body, false);
    });

    test("callbacks to loopback, link-local and private addresses are refused unless allowed", async () => {
      const guarded = await startServer({ TACK_AUTH_RATE_LIMIT: "1000" }, kind);
      const allowing = await startServer(
        { TACK_AUTH_RATE_LIMIT: "1000", TACK_WEBHOOK_ALLOWED_ADDRESSES: "127.0.0.1" },
        kind,
      );
      try {
        const erin = await Person.signUp(guarded, "erin");
        const erinsBoard = (await erin.post("/1/boards", { name: "Guarded" })).body;
        const port = new URL(receiver.url).port;
        const heads = receiver.heads().length;
        for (const url of [
          `${receiver.url}/ssrf`,
          `http://localhost:${port}/ssrf`,
          `http://[::1]:${port}/ssrf`,
          `http://[::ffff:127.0.0.1]:${port}/ssrf`,
          "http://169.254.169.254/latest/meta-data",
          "http://10.1.2.3/",
          "http://192.168.0.10/",
          "http://172.20.0.1/",
          "http://0.0.0.0/",
          "http://[fd00::1]/",
          "http://2130706433/",
        ]) {
          const res = await erin.post("/1/webhooks", { callbackURL: url, idModel: erinsBoard.id });
          assert.equal(res.status, 400, `${url}: ${JSON.stringify(res.body)}`);
          assert.match(res.body.message, /private address|could not be resolved/, url);
        }
        assert.equal(receiver.heads().length, heads, "no request reached the receiver");
        assert.deepEqual(
          (await erin.call("GET", `/1/tokens/${erin.token}/webhooks`, undefined, "none")).body,
          [],
        );
        // The operator's allow-list lets 127.0.0.1 through (and only it).
        const frank = await Person.signUp(allowing, "frank");
        const franksBoard = (await frank.post("/1/boards", { name: "Allowed" })).body;
        const ok = await frank.post("/1/webhooks", {
          callbackURL: `${receiver.url}/allowed`,
          idModel: franksBoard.id,
        });
        assert.equal(ok.status, 200, JSON.stringify(ok.body));
        const no = await frank.post("/1/webhooks", {
          callbackURL: "http://10.0.0.1/",
          idModel: franksBoard.id,
        });
        assert.equal(no.status, 400);
      } finally {
        await guarded.stop();
        await allowing.stop();
      }
    });
  });
}

test("the address rule: blocked ranges, mapped IPv6, public addresses, the allow-list", () => {
  const strict = { allowPrivate: false, allowedAddresses: [] };
  for (const address of [
    "127.0.0.1",
    "127.8.9.10",
    "10.0.0.1",
    "172.16.5.4",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:a9fe:a9fe",
    "64:ff9b::7f00:1",
  ])
    assert.equal(isForbiddenAddress(address, strict), true, address);
  for (const address of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
    assert.equal(isForbiddenAddress(address, strict), false, address);
  const listed = { allowPrivate: false, allowedAddresses: ["10.0.0.0/8", "::1"] };
  assert.equal(isForbiddenAddress("10.9.9.9", listed), false);
  assert.equal(isForbiddenAddress("::1", listed), false);
  assert.equal(isForbiddenAddress("192.168.0.1", listed), true);
  assert.equal(isForbiddenAddress("192.168.0.1", { allowPrivate: true, allowedAddresses: [] }), false);
});
