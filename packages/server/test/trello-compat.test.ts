// What real Trello clients rely on, route by route (docs/trello-compatibility.md): body-less JSON
// requests, null as "not sent", today's response shapes, `type:field` action filters, and the
// routes clients call that Tack added. Every refusal is checked to change nothing.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

type Json = Record<string, any>;

for (const kind of storeKinds()) {
  describe(`Trello compatibility on ${kind}`, () => {
    let server: TestServer;
    let ada: Person;
    let eve: Person;
    let board: Json;
    let todo: Json;
    let done: Json;

    const ok = (res: { status: number; body: any }) => {
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    };

    before(async () => {
      server = await startServer({}, kind);
      ada = await Person.signUp(server, "ada");
      eve = await Person.signUp(server, "eve");
      board = ok(await ada.post("/1/boards", { name: "Compat", defaultLists: false }));
      todo = ok(await ada.post("/1/lists", { name: "To Do", idBoard: board.id }));
      done = ok(await ada.post("/1/lists", { name: "Done", idBoard: board.id, pos: "bottom" }));
    });
    after(() => server.stop());

    /** A request with `Content-Type: application/json` and no body at all, as many clients send. */
    const bodiless = (method: string, path: string) =>
      fetch(`${server.url}${path}?key=${"0".repeat(32)}&token=${ada.token}`, {
        method,
        headers: { "content-type": "application/json" },
      });

    test("a body-less JSON request reads as an empty object; broken JSON is still refused", async () => {
      const card = ok(await ada.post("/1/cards", { idList: todo.id, name: "Delete me" }));
      const deleted = await bodiless("DELETE", `/1/cards/${card.id}`);
      assert.equal(deleted.status, 200, await deleted.clone().text());
      assert.equal((await ada.get(`/1/cards/${card.id}`)).status, 404);

      const list = ok(await ada.post("/1/lists", { name: "Archive all", idBoard: board.id }));
      ok(await ada.post("/1/cards", { idList: list.id, name: "Old" }));
      assert.equal((await bodiless("POST", `/1/lists/${list.id}/archiveAllCards`)).status, 200);
      assert.deepEqual(ok(await ada.get(`/1/lists/${list.id}/cards`)), []);

      const kept = ok(await ada.post("/1/cards", { idList: todo.id, name: "Kept" }));
      const broken = await ada.call("DELETE", `/1/cards/${kept.id}`, "{not json");
      assert.equal(broken.status, 400);
      assert.equal(broken.body.error, "malformed_json");
      assert.equal((await ada.get(`/1/cards/${kept.id}`)).status, 200, "nothing was deleted");
    });

    test("null means not sent, except where a field takes null to clear it", async () => {
      const card = ok(
        await ada.post("/1/cards", { idList: todo.id, name: "Plain add", desc: null, pos: null, due: null }),
      );
      assert.equal(card.desc, "");
      assert.equal(card.due, null);
      const dated = ok(await ada.put(`/1/cards/${card.id}`, { due: "2030-01-01T00:00:00.000Z", desc: null }));
      assert.equal(dated.due, "2030-01-01T00:00:00.000Z");
      assert.equal(dated.desc, "", "a null desc changed nothing");
      assert.equal(
        ok(await ada.put(`/1/cards/${card.id}`, { due: null })).due,
        null,
        "null still clears a due date",
      );
      const link = ok(
        await ada.post(`/1/cards/${card.id}/attachments`, {
          url: "https://example.com/x",
          mimeType: null,
          setCover: null,
          name: null,
        }),
      );
      assert.equal(link.url, "https://example.com/x");
      // A required field sent as null is missing, and says so.
      const missing = await ada.post("/1/cards", { idList: null, name: "Nowhere" });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.field, "idList");
    });

    test("answers carry today's Trello shapes: descData, nameData objects; absent, not null, avatar", async () => {
      const card = ok(await ada.post("/1/cards", { idList: todo.id, name: "Shapes", desc: "d" }));
      assert.deepEqual(card.descData, { emoji: {} });
      const checklist = ok(await ada.post(`/1/cards/${card.id}/checklists`, { name: "C" }));
      const item = ok(await ada.post(`/1/checklists/${checklist.id}/checkItems`, { name: "I" }));
      assert.deepEqual(item.nameData, { emoji: {} });
      const read = ok(await ada.get(`/1/boards/${board.id}`));
      assert.deepEqual(read.descData, { emoji: {} });
      assert.equal("idOrganization" in read, false, "no workspace: left out, not null");
      const me = ok(await ada.get("/1/members/me"));
      assert.equal("avatarUrl" in me, false);
      assert.equal("avatarHash" in me, false);
      assert.equal(ok(await ada.get("/1/member/me")).id, ada.id, "Trello's singular path");
    });

    test("card actions default to comments and moves; filters take type:field", async () => {
      const card = ok(await ada.post("/1/cards", { idList: todo.id, name: "Traveller" }));
      ok(await ada.post(`/1/cards/${card.id}/actions/comments`, { text: "hello" }));
      ok(await ada.put(`/1/cards/${card.id}`, { name: "Renamed" }));
      ok(await ada.put(`/1/cards/${card.id}`, { idList: done.id }));
      const byDefault = ok(await ada.get(`/1/cards/${card.id}/actions`));
      assert.deepEqual(
        byDefault.map((a: Json) => [a.type, "idList" in (a.data.old ?? {})]),
        [
          ["updateCard", true],
          ["commentCard", false],
        ],
      );
      const renames = ok(await ada.get(`/1/cards/${card.id}/actions?filter=updateCard:name`));
      assert.deepEqual(
        renames.map((a: Json) => a.data.old.name),
        ["Traveller"],
      );
      const all = ok(await ada.get(`/1/cards/${card.id}/actions?filter=all`));
      assert.ok(all.length >= 4);
      const limited = ok(await ada.get(`/1/boards/${board.id}/actions?filter=updateCard:idList&limit=1`));
      assert.equal(limited.length, 1);
      assert.equal(limited[0].data.card.id, card.id);
    });

    test("a list's actions are the ones that name it", async () => {
      const list = ok(await ada.post("/1/lists", { name: "Watched", idBoard: board.id }));
      const card = ok(await ada.post("/1/cards", { idList: list.id, name: "In watched" }));
      ok(await ada.post("/1/cards", { idList: todo.id, name: "Elsewhere" }));
      ok(await ada.put(`/1/cards/${card.id}`, { idList: done.id }));
      const actions = ok(await ada.get(`/1/lists/${list.id}/actions`));
      assert.deepEqual(
        actions.map((a: Json) => a.type),
        ["updateCard", "createCard", "createList"],
      );
      assert.equal((await eve.get(`/1/lists/${list.id}/actions`)).status, 404, "a stranger sees no list");
    });

    test("GET /1/boards/{id}/cards/{idCard} answers the one card, of that board only", async () => {
      const card = ok(await ada.post("/1/cards", { idList: todo.id, name: "One" }));
      const one = ok(await ada.get(`/1/boards/${board.id}/cards/${card.id}`));
      assert.equal(Array.isArray(one), false);
      assert.equal(one.id, card.id);
      assert.equal(ok(await ada.get(`/1/boards/${board.id}/cards/${card.shortLink}`)).id, card.id);
      const other = ok(await ada.post("/1/boards", { name: "Other", defaultLists: false }));
      assert.equal((await ada.get(`/1/boards/${other.id}/cards/${card.id}`)).status, 404);
      assert.ok(Array.isArray(ok(await ada.get(`/1/boards/${board.id}/cards/open`))));
    });

    test("card extras: plugin data, check item states, items through their checklist, new labels, members", async () => {
      const card = ok(await ada.post("/1/cards", { idList: todo.id, name: "Extras" }));
      assert.deepEqual(ok(await ada.get(`/1/cards/${card.id}/pluginData`)), []);
      const checklist = ok(await ada.post(`/1/cards/${card.id}/checklists`, { name: "C" }));
      const first = ok(await ada.post(`/1/checklists/${checklist.id}/checkItems`, { name: "1" }));
      ok(await ada.post(`/1/checklists/${checklist.id}/checkItems`, { name: "2" }));
      const checked = ok(
        await ada.put(`/1/cards/${card.id}/checklist/${checklist.id}/checkItem/${first.id}`, {
          state: "complete",
        }),
      );
      assert.equal(checked.state, "complete");
      assert.deepEqual(ok(await ada.get(`/1/cards/${card.id}/checkItemStates`)), [
        { idCheckItem: first.id, state: "complete" },
      ]);
      // A checklist of another card is not this card's: refused, nothing changed.
      const other = ok(await ada.post("/1/cards", { idList: todo.id, name: "Other" }));
      const wrong = await ada.put(`/1/cards/${other.id}/checklist/${checklist.id}/checkItem/${first.id}`, {
        state: "incomplete",
      });
      assert.equal(wrong.status, 404);
      assert.equal(ok(await ada.get(`/1/checklists/${checklist.id}`)).checkItems[0].state, "complete");

      const label = ok(await ada.post(`/1/cards/${card.id}/labels`, { name: "Fresh", color: "sky" }));
      assert.equal(label.name, "Fresh");
      assert.deepEqual(ok(await ada.get(`/1/cards/${card.id}`)).idLabels, [label.id]);
      const labelsBefore = ok(await ada.get(`/1/boards/${board.id}/labels`)).length;
      const badColor = await ada.post(`/1/cards/${card.id}/labels`, { name: "Bad", color: "plaid" });
      assert.equal(badColor.status, 400);
      assert.equal(ok(await ada.get(`/1/boards/${board.id}/labels`)).length, labelsBefore, "no label made");

      const members = ok(await ada.post(`/1/cards/${card.id}/members`, { value: ada.id }));
      assert.deepEqual(
        members.map((m: Json) => m.id),
        [ada.id],
      );
      assert.deepEqual(ok(await ada.del(`/1/cards/${card.id}/members/${ada.id}`)), []);
      const stranger = await ada.post(`/1/cards/${card.id}/members`, { value: eve.id });
      assert.equal(stranger.status, 400, "not a board member");
      assert.deepEqual(ok(await ada.get(`/1/cards/${card.id}`)).idMembers, []);
      assert.equal((await eve.get(`/1/cards/${card.id}/pluginData`)).status, 404, "permission first");
    });

    test("one-field reads answer {_value}; an unknown field is a 400, another's object a 404", async () => {
      const card = ok(await ada.post("/1/cards", { idList: todo.id, name: "Field" }));
      assert.deepEqual(ok(await ada.get(`/1/cards/${card.id}/name`)), { _value: "Field" });
      assert.deepEqual(ok(await ada.get(`/1/lists/${todo.id}/idBoard`)), { _value: board.id });
      assert.deepEqual(ok(await ada.get(`/1/boards/${board.id}/name`)), { _value: "Compat" });
      const unknown = await ada.get(`/1/cards/${card.id}/colour`);
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.field, "field");
      assert.equal((await eve.get(`/1/cards/${card.id}/name`)).status, 404);
    });

    test("reads around an action follow the action's board", async () => {
      const card = ok(await ada.post("/1/cards", { idList: todo.id, name: "Talked about" }));
      const comment = ok(await ada.post(`/1/cards/${card.id}/actions/comments`, { text: "hi" }));
      assert.equal(ok(await ada.get(`/1/actions/${comment.id}/card`)).id, card.id);
      assert.equal(ok(await ada.get(`/1/actions/${comment.id}/list`)).id, todo.id);
      assert.equal(ok(await ada.get(`/1/actions/${comment.id}/board`)).id, board.id);
      assert.equal(ok(await ada.get(`/1/actions/${comment.id}/memberCreator`)).id, ada.id);
      assert.deepEqual(ok(await ada.get(`/1/actions/${comment.id}/type`)), { _value: "commentCard" });
      assert.equal(
        (await ada.get(`/1/actions/${comment.id}/member`)).status,
        404,
        "a comment is about no member",
      );
      for (const part of ["card", "board", "memberCreator", "type"])
        assert.equal((await eve.get(`/1/actions/${comment.id}/${part}`)).status, 404, part);
    });

    test("moving all cards of a list: same board moves them in order, a list of another board is refused", async () => {
      const from = ok(await ada.post("/1/lists", { name: "From", idBoard: board.id }));
      const to = ok(await ada.post("/1/lists", { name: "To", idBoard: board.id }));
      const a = ok(await ada.post("/1/cards", { idList: from.id, name: "a" }));
      const b = ok(await ada.post("/1/cards", { idList: from.id, name: "b" }));
      const already = ok(await ada.post("/1/cards", { idList: to.id, name: "already" }));

      const other = ok(await ada.post("/1/boards", { name: "Elsewhere", defaultLists: false }));
      const otherList = ok(await ada.post("/1/lists", { name: "L", idBoard: other.id }));
      // idBoard and idList must agree: the other board's list does not name this board.
      const refused = await ada.post(`/1/lists/${from.id}/moveAllCards`, {
        idBoard: board.id,
        idList: otherList.id,
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.field, "idList");
      assert.deepEqual(
        ok(await ada.get(`/1/lists/${from.id}/cards`)).map((c: Json) => c.id),
        [a.id, b.id],
        "nothing moved",
      );

      const moved = ok(
        await ada.post(`/1/lists/${from.id}/moveAllCards`, { idBoard: board.id, idList: to.id }),
      );
      assert.deepEqual(
        moved.map((c: Json) => c.id),
        [a.id, b.id],
      );
      assert.deepEqual(ok(await ada.get(`/1/lists/${from.id}/cards`)), []);
      assert.deepEqual(
        ok(await ada.get(`/1/lists/${to.id}/cards`)).map((c: Json) => c.id),
        [already.id, a.id, b.id],
      );
      const history = ok(await ada.get(`/1/cards/${a.id}/actions?filter=updateCard:idList`));
      assert.equal(history[0].data.listAfter.id, to.id);

      // A list moves to another board the person can write (copymove-copies.test.ts covers it whole).
      assert.equal(ok(await ada.put(`/1/lists/${from.id}/idBoard`, { value: board.id })).id, from.id);
      const listMove = await ada.put(`/1/lists/${from.id}/idBoard`, { value: other.id });
      assert.equal(listMove.status, 200, JSON.stringify(listMove.body));
      assert.equal(ok(await ada.get(`/1/lists/${from.id}`)).idBoard, other.id, "the list moved");
    });

    test("batch: up to 10 GETs, each answered or its error, each authorized as the caller", async () => {
      const card = ok(await ada.post("/1/cards", { idList: todo.id, name: "Batched" }));
      const secret = ok(await eve.post("/1/boards", { name: "Eve's", defaultLists: false }));
      const urls = [
        `/boards/${board.id}`,
        `/cards/${card.id}`,
        `/boards/${secret.id}`,
        "/members/me",
        "/batch?urls=/members/me",
      ];
      const answers = ok(await ada.get(`/1/batch?urls=${encodeURIComponent(urls.join(","))}`));
      assert.equal(answers.length, 5);
      assert.equal(answers[0]["200"].id, board.id);
      assert.equal(answers[1]["200"].id, card.id);
      assert.equal(answers[2]["404"].error, "not_found", "another's board answers like a missing one");
      assert.equal(answers[3]["200"].id, ada.id);
      assert.equal(answers[4]["400"].field, "urls", "no batch inside a batch");
      const escapes = ok(
        await ada.get(`/1/batch?urls=${encodeURIComponent("/../auth/me,/1/./batch,/cards/../batch")}`),
      );
      assert.deepEqual(
        escapes.map((a: Json) => Object.keys(a)[0]),
        ["400", "400", "400"],
        "outside the API, or a batch however spelled",
      );
      const smuggled = await ada.call("GET", "/1/batch?urls=/members/me", undefined, "token", {
        "x-tack-batch-item": "1",
      });
      assert.equal(smuggled.status, 400, "a batch item cannot itself be a batch");
      const tooMany = await ada.get(`/1/batch?urls=${Array(11).fill("/members/me").join(",")}`);
      assert.equal(tooMany.status, 400);
      assert.equal(tooMany.body.field, "urls");
      const anonymous = await ada.call("GET", `/1/batch?urls=/boards/${board.id}`, undefined, "none");
      assert.equal(anonymous.status, 200);
      assert.equal(Object.keys(anonymous.body[0])[0], "404", "no credentials, no private board");
    });
  });
}
