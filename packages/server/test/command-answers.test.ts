// Routes answer with what the command wrote (commands/command.ts), not with a read-back: a retried
// write gets the first attempt's document even after a later write changed it, and the document a
// write answers is the one stored.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { newId } from "@tack/shared/ids";
import { pngImage, upload } from "./attachment-helpers.ts";
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

    test("a card update or move answers the card a read then shows: labels, checklist badges, cover", async () => {
      const server = await startServer({}, kind);
      servers.push(server);
      const ann = await Person.signUp(server, "ann");
      const board = (await ann.post("/1/boards", { name: "Plans", defaultLists: false })).body;
      const todo = (await ann.post("/1/lists", { name: "To do", idBoard: board.id })).body;
      const done = (await ann.post("/1/lists", { name: "Done", idBoard: board.id, pos: "bottom" })).body;
      const red = (await ann.post(`/1/boards/${board.id}/labels`, { name: "urgent", color: "red" })).body;
      await ann.post(`/1/boards/${board.id}/labels`, { name: "unused", color: "blue" });
      const card = (await ann.post("/1/cards", { name: "Card", idList: todo.id, idLabels: [red.id] })).body;
      for (let i = 0; i < 3; i++) await ann.post("/1/cards", { name: `Other ${i}`, idList: done.id });
      const checklist = (await ann.post(`/1/cards/${card.id}/checklists`, { name: "Steps" })).body;
      const item = (await ann.post(`/1/checklists/${checklist.id}/checkItems`, { name: "One" })).body;
      await ann.post(`/1/checklists/${checklist.id}/checkItems`, { name: "Two" });
      await ann.put(`/1/cards/${card.id}/checkItem/${item.id}`, { state: "complete" });
      const image = (await upload(ann, card.id, await pngImage(40, 30), { fileName: "i.png" })).body;

      for (const [what, input] of [
        ["a move to the top of another list", { idList: done.id, pos: "top" }],
        ["a move within its list", { pos: "bottom" }],
        ["a cover", { idAttachmentCover: image.id }],
        ["a move with a rename and labels", { idList: todo.id, pos: 1, name: "Renamed", idLabels: [] }],
        ["a plain rename", { name: "Again" }],
      ] as const) {
        const answer = await ann.put(`/1/cards/${card.id}`, input);
        assert.equal(answer.status, 200, what);
        assert.deepEqual(answer.body, (await ann.get(`/1/cards/${card.id}`)).body, what);
      }
      const answer = (await ann.put(`/1/cards/${card.id}`, { idLabels: [red.id] })).body;
      assert.deepEqual(
        answer.labels.map((l: { id: string }) => l.id),
        [red.id],
      );
      assert.deepEqual([answer.badges.checkItems, answer.badges.checkItemsChecked], [2, 1]);
      assert.equal(answer.cover.scaled.length > 0, true, "the cover's previews are in the answer");
    });
  });
}
