// Every bad input gets a clear 4xx JSON error naming the problem, and nothing is written.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

for (const kind of storeKinds()) {
  describe(`on ${kind}`, () => {
    let server: TestServer;
    let ada: Person;
    let board: any;
    let list: any;
    let card: any;

    before(async () => {
      server = await startServer({}, kind);
      ada = await Person.signUp(server, "ada");
      board = (await ada.post("/1/boards", { name: "Errors" })).body;
      list = (await ada.post("/1/lists", { name: "L", idBoard: board.id })).body;
      card = (await ada.post("/1/cards", { idList: list.id, name: "Card" })).body;
    });
    after(() => server.stop());

    /** The board's sequence number and card list: what must not change after a refused write. */
    async function fingerprint(): Promise<string> {
      const read = await ada.get(
        `/1/boards/${board.id}?cards=all&lists=all&labels=all&checklists=all&actions=all&actions_limit=1000`,
      );
      return JSON.stringify({
        cards: read.body.cards,
        lists: read.body.lists,
        labels: read.body.labels,
        checklists: read.body.checklists,
        actions: read.body.actions.length,
      });
    }

    async function refused(
      call: () => Promise<{ status: number; body: any }>,
      status: number,
      code: string,
      field?: string,
    ): Promise<void> {
      const before = await fingerprint();
      const res = await call();
      assert.equal(res.status, status, JSON.stringify(res.body));
      assert.equal(res.body.error, code, JSON.stringify(res.body));
      assert.equal(typeof res.body.message, "string");
      assert.ok(res.body.message.length > 0);
      if (field !== undefined) assert.equal(res.body.field, field, JSON.stringify(res.body));
      assert.equal(await fingerprint(), before, "nothing was written");
    }

    describe("bad input is refused clearly and writes nothing", () => {
      test("malformed JSON", () =>
        refused(
          () => ada.call("POST", "/1/cards", `{"idList": "${list.id}", "name": `),
          400,
          "malformed_json",
        ));

      test("a JSON body that is not an object", () =>
        refused(() => ada.call("POST", "/1/cards", "[1,2]"), 400, "invalid_input"));

      test("wrong types", async () => {
        await refused(
          () => ada.post("/1/cards", { idList: list.id, name: 42 }),
          400,
          "invalid_input",
          "name",
        );
        await refused(
          () => ada.put(`/1/cards/${card.id}`, { closed: "maybe" }),
          400,
          "invalid_input",
          "closed",
        );
        await refused(() => ada.put(`/1/cards/${card.id}`, { pos: -5 }), 400, "invalid_input", "pos");
        await refused(() => ada.put(`/1/cards/${card.id}`, { pos: "middle" }), 400, "invalid_input", "pos");
        await refused(
          () => ada.put(`/1/cards/${card.id}`, { name: "nul\u0000byte" }),
          400,
          "invalid_input",
          "name",
        );
        await refused(
          () => ada.put(`/1/cards/${card.id}`, { due: "next tuesday" }),
          400,
          "invalid_input",
          "due",
        );
        await refused(
          () => ada.post("/1/labels", { idBoard: board.id, name: "x", color: "mauve" }),
          400,
          "invalid_input",
          "color",
        );
        await refused(
          () => ada.put(`/1/cards/${card.id}/closed`, { value: "perhaps" }),
          400,
          "invalid_input",
          "value",
        );
      });

      test("missing and empty required fields", async () => {
        await refused(() => ada.post("/1/lists", { idBoard: board.id }), 400, "invalid_input", "name");
        await refused(
          () => ada.post("/1/lists", { idBoard: board.id, name: "   " }),
          400,
          "invalid_input",
          "name",
        );
        await refused(() => ada.post("/1/cards", { name: "no list" }), 400, "invalid_input", "idList");
        await refused(
          () => ada.post(`/1/cards/${card.id}/actions/comments`, { text: "" }),
          400,
          "invalid_input",
          "text",
        );
      });

      test("oversized fields and bodies", async () => {
        await refused(
          () => ada.put(`/1/cards/${card.id}`, { desc: "x".repeat(16_385) }),
          400,
          "invalid_input",
          "desc",
        );
        await refused(
          () => ada.post("/1/cards", { idList: list.id, name: "y".repeat(2_000_000) }),
          413,
          "payload_too_large",
        );
      });

      test("unknown ids and malformed ids", async () => {
        await refused(
          () => ada.put("/1/cards/0123456789abcdef01234567", { name: "ghost" }),
          404,
          "not_found",
        );
        await refused(
          () => ada.post("/1/cards", { idList: "0123456789abcdef01234567", name: "x" }),
          404,
          "not_found",
        );
        await refused(
          () => ada.put(`/1/cards/${card.id}`, { idList: "0123456789abcdef01234567" }),
          400,
          "invalid_input",
          "idList",
        );
        await refused(
          () => ada.post("/1/cards", { idList: "not-an-id", name: "x" }),
          400,
          "invalid_input",
          "idList",
        );
        await refused(
          () => ada.put(`/1/cards/${card.id}`, { idLabels: ["0123456789abcdef01234567"] }),
          400,
          "invalid_input",
          "idLabels",
        );
      });

      test("another board's ids", async () => {
        const other = (await ada.post("/1/boards", { name: "Other" })).body;
        const otherList = (await ada.post("/1/lists", { name: "OL", idBoard: other.id })).body;
        const otherLabel = (
          await ada.post("/1/labels", { idBoard: other.id, name: "foreign", color: "blue" })
        ).body;
        await refused(
          () => ada.put(`/1/cards/${card.id}`, { idList: otherList.id }),
          400,
          "invalid_input",
          "idList",
        );
        await refused(
          () => ada.post(`/1/cards/${card.id}/idLabels`, { value: otherLabel.id }),
          400,
          "invalid_input",
          "idLabels",
        );
        await refused(
          // A move to the other board names a list there, not one of this board.
          () => ada.put(`/1/cards/${card.id}`, { idBoard: other.id, idList: list.id }),
          400,
          "invalid_input",
          "idList",
        );
      });

      test("a card member must be a board member", async () => {
        const bob = await Person.signUp(server, "bob_outsider");
        await refused(
          () => ada.post(`/1/cards/${card.id}/idMembers`, { value: bob.id }),
          400,
          "invalid_input",
          "idMembers",
        );
      });

      test("unknown routes and unsupported content types", async () => {
        await refused(() => ada.get("/1/nothing-here"), 404, "not_found");
        await refused(
          () => ada.call("POST", "/1/cards", "<card/>", "token", { "content-type": "application/xml" }),
          400,
          "invalid_input",
        );
      });

      test("a bad mutation id header", () =>
        refused(
          () =>
            ada.call("POST", "/1/cards", { idList: list.id, name: "x" }, "token", {
              "x-tack-mutation-id": "no spaces allowed",
            }),
          400,
          "invalid_input",
          "X-Tack-Mutation-Id",
        ));

      test("invalid tokens and missing authentication", async () => {
        const res = await ada.call(
          "GET",
          `/1/members/me?key=${"0".repeat(32)}&token=${"f".repeat(64)}`,
          undefined,
          "none",
        );
        assert.equal(res.status, 401);
        assert.equal(res.body.error, "unauthenticated");
        await refused(
          () => ada.call("POST", "/1/cards", { idList: list.id, name: "anon" }, "none"),
          401,
          "unauthenticated",
        );
        const anonymousMe = await ada.call("GET", "/1/members/me", undefined, "none");
        assert.equal(anonymousMe.status, 401);
      });

      test("Trello's limits: a checklist takes at most 200 items", async () => {
        const checklist = (await ada.post(`/1/cards/${card.id}/checklists`, { name: "Big" })).body;
        for (let i = 0; i < 200; i++) {
          const res = await ada.post(`/1/checklists/${checklist.id}/checkItems`, { name: `item ${i}` });
          assert.equal(res.status, 200);
        }
        await refused(
          () => ada.post(`/1/checklists/${checklist.id}/checkItems`, { name: "one too many" }),
          403,
          "limit_exceeded",
        );
      });

      test("signup and login errors", async () => {
        const taken = await ada.call(
          "POST",
          "/auth/signup",
          { username: "ada", email: "other@example.test", password: "long enough pw" },
          "none",
        );
        assert.equal(taken.status, 409);
        assert.equal(taken.body.field, "username");
        const sameEmail = await ada.call(
          "POST",
          "/auth/signup",
          { username: "ada2", email: "ADA@example.test", password: "long enough pw" },
          "none",
        );
        // An e-mail address in use is not revealed: the signup succeeds without taking the address
        // (see auth-sessions.test.ts).
        assert.equal(sameEmail.status, 200);
        const weak = await ada.call(
          "POST",
          "/auth/signup",
          { username: "carol", email: "c@example.test", password: "short" },
          "none",
        );
        assert.equal(weak.status, 400);
        assert.equal(weak.body.field, "password");
        const badName = await ada.call(
          "POST",
          "/auth/signup",
          { username: "Has Spaces", email: "d@example.test", password: "long enough pw" },
          "none",
        );
        assert.equal(badName.body.field, "username");
        const wrong = await ada.call(
          "POST",
          "/auth/login",
          { username: "ada", password: "wrong password" },
          "none",
        );
        assert.equal(wrong.status, 401);
        assert.equal(wrong.body.error, "invalid_credentials");
        const nobody = await ada.call(
          "POST",
          "/auth/login",
          { username: "nobody", password: "whatever" },
          "none",
        );
        assert.equal(nobody.status, 401);
        assert.equal(nobody.body.message, wrong.body.message, "unknown accounts answer like wrong passwords");
      });
    });
  });
}
