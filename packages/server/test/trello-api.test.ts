// A Trello API client's everyday work, end to end over real HTTP: create a board, lists and cards,
// move, label, comment, check items, and read it all back in Trello's shapes.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

for (const kind of storeKinds()) {
  describe(`on ${kind}`, () => {
    let server: TestServer;
    let ada: Person;

    before(async () => {
      server = await startServer({}, kind);
      ada = await Person.signUp(server, "ada");
    });
    after(() => server.stop());

    describe("Trello REST API v1", () => {
      test("create a board with default labels, then lists and cards, and read them back nested", async () => {
        const board = await ada.post("/1/boards", { name: "Launch", defaultLists: false });
        assert.equal(board.status, 200, JSON.stringify(board.body));
        assert.match(board.body.id, /^[0-9a-f]{24}$/);
        assert.match(board.body.shortLink, /^[0-9A-Za-z]{8}$/);
        assert.equal(board.body.prefs.permissionLevel, "private");
        assert.equal(board.body.memberships[0].memberType, "admin");

        const todo = await ada.post("/1/lists", { name: "To Do", idBoard: board.body.id });
        const done = await ada.post(`/1/boards/${board.body.id}/lists`, { name: "Done", pos: "bottom" });
        assert.equal(todo.status, 200);
        assert.ok(done.body.pos > todo.body.pos, "bottom goes after the first list");

        const first = await ada.post("/1/cards", {
          idList: todo.body.id,
          name: "Write docs",
          desc: "**bold**",
        });
        const second = await ada.post("/1/cards", { idList: todo.body.id, name: "Ship it", pos: "top" });
        assert.equal(first.status, 200, JSON.stringify(first.body));
        assert.equal(first.body.idShort, 1);
        assert.equal(second.body.idShort, 2);
        assert.ok(second.body.pos < first.body.pos, "top goes first");
        assert.equal(first.body.badges.description, true);

        const nested = await ada.get(
          `/1/boards/${board.body.id}?lists=open&cards=open&labels=all&members=all&memberships=all&checklists=all&actions=all`,
        );
        assert.equal(nested.status, 200);
        assert.deepEqual(
          nested.body.lists.map((l: { name: string }) => l.name),
          ["To Do", "Done"],
        );
        assert.deepEqual(
          nested.body.cards.map((c: { name: string }) => c.name),
          ["Ship it", "Write docs"],
        );
        assert.equal(nested.body.labels.length, 6);
        assert.equal(nested.body.members[0].username, "ada");
        assert.deepEqual(
          nested.body.actions.map((a: { type: string }) => a.type),
          ["createCard", "createCard", "createList", "createList", "createBoard"],
        );
        assert.equal(nested.body.actions[0].memberCreator.username, "ada");
      });

      test("move a card to another list and to a position: one updateCard with listBefore/listAfter", async () => {
        const board = (await ada.post("/1/boards", { name: "Moves", defaultLists: true })).body;
        const lists = (await ada.get(`/1/boards/${board.id}/lists`)).body;
        assert.deepEqual(
          lists.map((l: { name: string }) => l.name),
          ["To Do", "Doing", "Done"],
        );
        const [todo, doing] = lists;
        const a = (await ada.post("/1/cards", { idList: todo.id, name: "A" })).body;
        const b = (await ada.post("/1/cards", { idList: doing.id, name: "B" })).body;
        const moved = await ada.put(`/1/cards/${a.id}`, { idList: doing.id, pos: "top" });
        assert.equal(moved.status, 200);
        assert.equal(moved.body.idList, doing.id);
        assert.ok(moved.body.pos < b.pos);
        const actions = (await ada.get(`/1/cards/${a.id}/actions?filter=updateCard`)).body;
        assert.equal(actions[0].type, "updateCard");
        assert.equal(actions[0].data.listBefore.id, todo.id);
        assert.equal(actions[0].data.listAfter.id, doing.id);
        assert.equal(actions[0].data.old.idList, todo.id);
        // Drop between two cards: a numeric pos between them.
        const c = (await ada.post("/1/cards", { idList: doing.id, name: "C" })).body;
        const between = await ada.put(`/1/cards/${c.id}`, { pos: (moved.body.pos + b.pos) / 2 });
        const order = (await ada.get(`/1/lists/${doing.id}/cards`)).body.map((x: { name: string }) => x.name);
        assert.equal(between.status, 200);
        assert.deepEqual(order, ["A", "C", "B"]);
      });

      test("repeated drops between the same two cards renumber the list and keep the order", async () => {
        const board = (await ada.post("/1/boards", { name: "Renumber" })).body;
        const list = (await ada.post("/1/lists", { name: "L", idBoard: board.id })).body;
        const first = (await ada.post("/1/cards", { idList: list.id, name: "first" })).body;
        const last = (await ada.post("/1/cards", { idList: list.id, name: "last" })).body;
        const names = ["first"];
        let prev = first;
        for (let i = 0; i < 40; i++) {
          const cards = (await ada.get(`/1/lists/${list.id}/cards`)).body;
          const lastNow = cards.find((x: { id: string }) => x.id === last.id);
          const prevNow = cards.find((x: { id: string }) => x.id === prev.id);
          const card = (
            await ada.post("/1/cards", {
              idList: list.id,
              name: `n${i}`,
              pos: (prevNow.pos + lastNow.pos) / 2,
            })
          ).body;
          names.push(`n${i}`);
          prev = card;
        }
        names.push("last");
        const order = (await ada.get(`/1/lists/${list.id}/cards`)).body.map((x: { name: string }) => x.name);
        assert.deepEqual(order, names);
      });

      test("labels, members, due dates, comments and checklists on a card", async () => {
        const board = (await ada.post("/1/boards", { name: "Details" })).body;
        const list = (await ada.post("/1/lists", { name: "L", idBoard: board.id })).body;
        const card = (await ada.post("/1/cards", { idList: list.id, name: "Card" })).body;
        const label = (await ada.post("/1/labels", { idBoard: board.id, name: "Urgent", color: "red" })).body;
        assert.equal(label.color, "red");
        assert.deepEqual((await ada.post(`/1/cards/${card.id}/idLabels`, { value: label.id })).body, [
          label.id,
        ]);
        // Trello answers a member added with the card's members (a label added: its label ids).
        const added = await ada.post(`/1/cards/${card.id}/idMembers`, { value: ada.id });
        assert.deepEqual(
          added.body.map((m: { id: string; username: string }) => [m.id, m.username]),
          [[ada.id, "ada"]],
        );
        const due = await ada.put(`/1/cards/${card.id}`, {
          due: "2030-01-02T03:04:05.000Z",
          dueComplete: "true",
        });
        assert.equal(due.body.due, "2030-01-02T03:04:05.000Z");
        assert.equal(due.body.dueComplete, true);
        assert.equal(due.body.labels[0].name, "Urgent");

        const comment = await ada.post(`/1/cards/${card.id}/actions/comments`, { text: "Looks good" });
        assert.equal(comment.status, 200);
        assert.equal(comment.body.type, "commentCard");
        assert.equal(comment.body.data.text, "Looks good");
        const edited = await ada.put(`/1/cards/${card.id}/actions/${comment.body.id}/comments`, {
          text: "Looks great",
        });
        assert.equal(edited.body.data.text, "Looks great");

        const checklist = (await ada.post(`/1/cards/${card.id}/checklists`, { name: "Steps" })).body;
        const item = (await ada.post(`/1/checklists/${checklist.id}/checkItems`, { name: "one" })).body;
        await ada.post(`/1/checklists/${checklist.id}/checkItems`, { name: "two" });
        const checked = await ada.put(`/1/cards/${card.id}/checkItem/${item.id}`, { state: "complete" });
        assert.equal(checked.body.state, "complete");

        const read = (await ada.get(`/1/cards/${card.id}`)).body;
        assert.equal(read.badges.comments, 1);
        assert.equal(read.badges.checkItems, 2);
        assert.equal(read.badges.checkItemsChecked, 1);
        assert.deepEqual(read.idChecklists, [checklist.id]);

        const removed = await ada.del(`/1/cards/${card.id}/idLabels/${label.id}`);
        assert.deepEqual(removed.body, []);
        await ada.del(`/1/cards/${card.id}/actions/${comment.body.id}/comments`);
        assert.equal((await ada.get(`/1/cards/${card.id}`)).body.badges.comments, 0);
        const types = (await ada.get(`/1/boards/${board.id}/actions?limit=20`)).body.map(
          (a: { type: string }) => a.type,
        );
        for (const t of [
          "addLabelToCard",
          "removeLabelFromCard",
          "addMemberToCard",
          "addChecklistToCard",
          "updateCheckItemStateOnCard",
          "deleteComment",
        ]) {
          assert.ok(types.includes(t), `${t} recorded`);
        }
        assert.ok(!types.includes("commentCard"), "a deleted comment leaves the activity feed");
      });

      test("field selection, short links, case-insensitive paths, form bodies and the OAuth header", async () => {
        const board = (await ada.post("/1/boards", { name: "Compat" })).body;
        const list = (await ada.post("/1/lists", { name: "L", idBoard: board.id })).body;
        const form = await ada.call(
          "POST",
          "/1/cards",
          `idList=${list.id}&name=From+a+form&pos=top`,
          "token",
          {
            "content-type": "application/x-www-form-urlencoded",
          },
        );
        assert.equal(form.status, 200, JSON.stringify(form.body));
        assert.equal(form.body.name, "From a form");
        const byShort = await ada.get(`/1/cards/${form.body.shortLink}?fields=name,idList`);
        assert.deepEqual(byShort.body, { id: form.body.id, name: "From a form", idList: list.id });
        const boardByShort = await ada.get(`/1/boards/${board.shortLink}?fields=name`);
        assert.deepEqual(boardByShort.body, { id: board.id, name: "Compat" });
        const checklist = (await ada.post("/1/checklists", { idCard: form.body.id })).body;
        const lower = await ada.get(`/1/checklists/${checklist.id}/checkitems`);
        assert.equal(lower.status, 200);
        const oauth = await ada.call("GET", "/1/members/me", undefined, "none", {
          authorization: `OAuth oauth_consumer_key="${"0".repeat(32)}", oauth_token="${ada.token}"`,
        });
        assert.equal(oauth.body.username, "ada");
        const single = await ada.put(`/1/cards/${form.body.id}/name?value=Renamed`);
        assert.equal(single.body.name, "Renamed");
      });

      test("archive and restore; my boards; search; openapi", async () => {
        const board = (await ada.post("/1/boards", { name: "Searchable board" })).body;
        const list = (await ada.post("/1/lists", { name: "L", idBoard: board.id })).body;
        const card = (await ada.post("/1/cards", { idList: list.id, name: "Find the 100% needle" })).body;
        await ada.post("/1/cards", { idList: list.id, name: "Other" });
        const found = await ada.get(`/1/search?query=${encodeURIComponent("100%")}`);
        assert.deepEqual(
          found.body.cards.map((c: { id: string }) => c.id),
          [card.id],
        );
        const none = await ada.get(`/1/search?query=${encodeURIComponent("1_0")}`);
        assert.equal(none.body.cards.length, 0, "LIKE wildcards match literally");
        await ada.put(`/1/cards/${card.id}`, { closed: true });
        assert.equal(
          (await ada.get("/1/search?query=needle")).body.cards.length,
          0,
          "archived cards are not found",
        );
        assert.deepEqual(
          (await ada.get(`/1/boards/${board.id}/cards/closed`)).body.map((c: { id: string }) => c.id),
          [card.id],
        );
        await ada.put(`/1/lists/${list.id}/closed`, { value: true });
        assert.equal((await ada.get(`/1/boards/${board.id}/lists`)).body.length, 0);
        await ada.put(`/1/lists/${list.id}`, { closed: false });
        assert.equal((await ada.get(`/1/boards/${board.id}/lists`)).body.length, 1);
        await ada.post("/1/members/me/boardStars", { idBoard: board.id });
        const starred = (await ada.get("/1/members/me/boards?filter=starred")).body;
        assert.deepEqual(
          starred.map((b: { id: string }) => b.id),
          [board.id],
        );
        const spec = await ada.get("/1/openapi.json");
        assert.equal(spec.body.openapi, "3.1.0");
        assert.ok(spec.body.paths["/1/cards/{id}"].put);
      });

      test("board settings: background color, visibility and name travel as Trello's prefs", async () => {
        const board = (await ada.post("/1/boards", { name: "Prefs", prefs_background: "orange" })).body;
        assert.equal(board.prefs.backgroundColor, "#D29034");
        const green = await ada.put(`/1/boards/${board.id}/prefs/background`, { value: "green" });
        assert.equal(green.body.prefs.background, "green");
        assert.equal(green.body.prefs.backgroundColor, "#519839");
        const both = await ada.put(`/1/boards/${board.id}`, {
          name: "Renamed",
          "prefs/permissionLevel": "public",
        });
        assert.equal(both.body.name, "Renamed");
        assert.equal(both.body.prefs.permissionLevel, "public");
        const actions = (await ada.get(`/1/boards/${board.id}/actions?filter=updateBoard`)).body;
        assert.equal(actions[0].data.old.name, "Prefs");
        assert.equal(actions[0].data.old.prefs.permissionLevel, "private");
      });

      test("a retried write with the same mutation id is applied once", async () => {
        const board = (await ada.post("/1/boards", { name: "Idempotent" })).body;
        const list = (await ada.post("/1/lists", { name: "L", idBoard: board.id })).body;
        const headers = { "x-tack-mutation-id": "retry-me-123" };
        const one = await ada.call("POST", "/1/cards", { idList: list.id, name: "Once" }, "token", headers);
        const two = await ada.call("POST", "/1/cards", { idList: list.id, name: "Once" }, "token", headers);
        assert.equal(one.status, 200);
        assert.equal(two.status, 200);
        assert.equal(two.body.id, one.body.id);
        assert.equal((await ada.get(`/1/lists/${list.id}/cards`)).body.length, 1);
      });
    });
  });
}
