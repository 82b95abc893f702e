// Routes answer with what the command wrote (commands/command.ts), not with a read-back: a retried
// write gets the first attempt's document even after a later write changed it, and the document a
// write answers is the one stored.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { newId } from "@tack/shared/ids";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.stop())));

for (const kind of storeKinds()) {
  describe(`${kind}: writes answer with the written document`, () => {
    test("a retried rename answers the first attempt's list, label and checklist, not a later state", async () => {
      const server = await startServer({}, kind);
      servers.push(server);
      const ann = await Person.signUp(server, "ann");
      const board = (await ann.post("/1/boards", { name: "Plans", defaultLists: false })).body;
      const list = (await ann.post("/1/lists", { name: "Draft", idBoard: board.id })).body;
      const label = (await ann.post("/1/labels", { name: "draft", color: "green", idBoard: board.id })).body;
      const card = (await ann.post("/1/cards", { name: "Card", idList: list.id })).body;
      const checklist = (await ann.post("/1/checklists", { idCard: card.id, name: "Draft" })).body;

      for (const [path, first, later] of [
        [`/1/lists/${list.id}`, "Alpha", "Beta"],
        [`/1/labels/${label.id}`, "alpha", "beta"],
        [`/1/checklists/${checklist.id}`, "Alpha", "Beta"],
      ] as const) {
        const id = `rename-${newId()}`;
        const answer = await ann.call("PUT", path, { name: first }, "token", { "x-tack-mutation-id": id });
        assert.equal(answer.status, 200, path);
        assert.equal(answer.body.name, first, path);
        assert.equal((await ann.put(path, { name: later })).body.name, later, path);

        const retry = await ann.call("PUT", path, { name: first }, "token", { "x-tack-mutation-id": id });
        assert.equal(retry.status, 200, path);
        assert.deepEqual(retry.body, answer.body, `${path}: the retry answers as the first attempt did`);
        // ...and was not applied again.
        assert.equal((await ann.get(path)).body.name, later, path);
      }
    });

    test("what a write answers is what a read then shows", async () => {
      const server = await startServer({}, kind);
      servers.push(server);
      const ann = await Person.signUp(server, "ann");
      const board = (await ann.post("/1/boards", { name: "Plans", defaultLists: false })).body;
      const list = await ann.post("/1/lists", { name: "Doing", idBoard: board.id, pos: "top" });
      assert.deepEqual((await ann.get(`/1/lists/${list.body.id}`)).body, list.body);
      const label = await ann.post(`/1/boards/${board.id}/labels`, { name: "urgent", color: "red" });
      assert.deepEqual((await ann.get(`/1/labels/${label.body.id}`)).body, label.body);
      const card = (await ann.post("/1/cards", { name: "Card", idList: list.body.id })).body;
      const checklist = await ann.post(`/1/cards/${card.id}/checklists`, { name: "Steps" });
      const item = await ann.post(`/1/checklists/${checklist.body.id}/checkItems`, { name: "One" });
      const checked = await ann.put(`/1/cards/${card.id}/checkItem/${item.body.id}`, { state: "complete" });
      assert.equal(checked.body.state, "complete");
      const stored = (await ann.get(`/1/checklists/${checklist.body.id}`)).body;
      assert.deepEqual(stored.checkItems, [checked.body]);
      const comment = await ann.post(`/1/cards/${card.id}/actions/comments`, { text: "first" });
      const edited = await ann.put(`/1/cards/${card.id}/actions/${comment.body.id}/comments`, {
        text: "second",
      });
      assert.equal(edited.body.data.text, "second");
      const [read] = (await ann.get(`/1/cards/${card.id}/actions`)).body;
      assert.deepEqual(read, edited.body);
    });
  });
}
