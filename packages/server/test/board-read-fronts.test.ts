// The web client's slim first board read (decision 0032-slim-board-read): Tack's
// `badge_fields` and `omit_defaults` narrow the embedded cards to what a card front shows, while
// the same read without them answers exactly Trello's shapes. The details come with the card read.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { BOARD_FRONTS_QUERY, CARD_DETAILS_QUERY } from "@tack/shared/board-read-query";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

const FULL_QUERY =
  "lists=open&cards=open&labels=all&members=all&memberships=all&checklists=all&attachments=true&actions=commentCard";

for (const kind of storeKinds()) {
  describe(`board read of card fronts on ${kind}`, () => {
    let server: TestServer;
    let ada: Person;
    let boardId: string;
    let rich: { id: string };
    let plain: { id: string };
    let checklistId: string;
    let commentId: string;

    before(async () => {
      server = await startServer({}, kind);
      ada = await Person.signUp(server, "ada");
      boardId = (await ada.post("/1/boards", { name: "Fronts", defaultLists: false })).body.id;
      const list = (await ada.post("/1/lists", { name: "To Do", idBoard: boardId })).body;
      rich = (await ada.post("/1/cards", { idList: list.id, name: "Rich", desc: "A long **description**" }))
        .body;
      plain = (await ada.post("/1/cards", { idList: list.id, name: "Plain" })).body;
      const checklist = (await ada.post(`/1/cards/${rich.id}/checklists`, { name: "Steps" })).body;
      checklistId = checklist.id;
      const item = (await ada.post(`/1/checklists/${checklist.id}/checkItems`, { name: "one" })).body;
      await ada.post(`/1/checklists/${checklist.id}/checkItems`, { name: "two" });
      await ada.put(`/1/cards/${rich.id}/checkItem/${item.id}`, { state: "complete" });
      commentId = (await ada.post(`/1/cards/${rich.id}/actions/comments`, { text: "Looks good" })).body.id;
      await ada.post(`/1/cards/${rich.id}/attachments`, { url: "https://example.com/spec", name: "Spec" });
      await ada.put(`/1/cards/${rich.id}`, { cover: { color: "red" } });
      // History after the comment, so finding the comment means reading past it.
      for (let i = 0; i < 30; i++) await ada.put(`/1/cards/${plain.id}`, { pos: i % 2 ? "top" : "bottom" });
    });
    after(() => server.stop());

    test("the fronts read carries the card fronts: no description, checklists, comments or other attachments", async () => {
      const read = await ada.get(`/1/boards/${boardId}?${BOARD_FRONTS_QUERY}`);
      assert.equal(read.status, 200, JSON.stringify(read.body));
      assert.equal(read.body.checklists, undefined);
      assert.equal(read.body.actions, undefined);
      assert.deepEqual(read.body.attachments, [], "only cover images; this cover is a color");
      const byName = new Map(read.body.cards.map((c: { name: string }) => [c.name, c]));
      const front = byName.get("Rich") as Record<string, unknown>;
      assert.equal(front.desc, undefined);
      assert.equal(front.labels, undefined, "no embedded labels: the board's labels are in the read");
      assert.deepEqual(front.badges, {
        comments: 1,
        attachments: 1,
        checkItems: 2,
        checkItemsChecked: 1,
        description: true,
      });
      assert.equal((front.cover as { color: string }).color, "red");
      // A card with nothing on it is its identity, place and name: defaults are left out.
      assert.deepEqual(Object.keys(byName.get("Plain") as object).sort(), [
        "id",
        "idList",
        "idShort",
        "name",
        "pos",
        "shortLink",
      ]);
    });

    test("the same read without Tack's parameters answers Trello's whole cards, as before", async () => {
      const read = await ada.get(`/1/boards/${boardId}?${FULL_QUERY}`);
      assert.equal(read.status, 200);
      const card = read.body.cards.find((c: { id: string }) => c.id === plain.id);
      const one = await ada.get(`/1/cards/${plain.id}`);
      assert.deepEqual(card, one.body, "the nested card is the card read's card");
      assert.deepEqual(Object.keys(card.badges).sort(), [
        "attachments",
        "checkItems",
        "checkItemsChecked",
        "comments",
        "description",
        "due",
        "dueComplete",
        "location",
        "start",
        "subscribed",
        "viewingMemberVoted",
        "votes",
      ]);
      assert.equal(card.desc, "");
      assert.equal(card.closed, false);
      assert.deepEqual(card.idMembers, []);
      assert.deepEqual(
        read.body.checklists.map((c: { id: string }) => c.id),
        [checklistId],
      );
      assert.deepEqual(
        read.body.actions.map((a: { id: string }) => a.id),
        [commentId],
        "the comment is found behind the newer history",
      );
      // `card_fields` alone still selects Trello's fields, badges whole.
      const selected = await ada.get(`/1/boards/${boardId}?cards=open&card_fields=name,badges`);
      const rich2 = selected.body.cards.find((c: { name: string }) => c.name === "Rich");
      assert.deepEqual(Object.keys(rich2).sort(), ["badges", "id", "name"]);
      assert.equal(rich2.badges.votes, 0);
    });

    test("the card's details: the whole card, its checklists and attachments", async () => {
      const details = await ada.get(`/1/cards/${rich.id}?${CARD_DETAILS_QUERY}`);
      assert.equal(details.status, 200);
      assert.equal(details.body.desc, "A long **description**");
      assert.deepEqual(
        details.body.checklists[0].checkItems.map((i: { name: string; state: string }) => [i.name, i.state]),
        [
          ["one", "complete"],
          ["two", "incomplete"],
        ],
      );
      assert.deepEqual(
        details.body.attachments.map((a: { name: string }) => a.name),
        ["Spec"],
      );
    });

    test("odd values of Tack's parameters change nothing they should not; reads stay authorized", async () => {
      const odd = await ada.get(
        `/1/boards/${boardId}?cards=open&card_fields=name,badges&badge_fields=nothing,comments&omit_defaults=maybe`,
      );
      assert.equal(odd.status, 200);
      const card = odd.body.cards.find((c: { name: string }) => c.name === "Rich");
      assert.deepEqual(card.badges, { comments: 1 });
      // Names of an object's inherited members select nothing: only a card's own fields.
      const inherited = await ada.get(
        `/1/boards/${boardId}?cards=open&card_fields=name,toString,constructor,__proto__,hasOwnProperty&badge_fields=toString,comments&omit_defaults=true`,
      );
      assert.equal(inherited.status, 200);
      const plain = inherited.body.cards.find((c: { name: string }) => c.name === "Rich");
      assert.deepEqual(Object.keys(plain).sort(), ["id", "name"]);
      const bob = await Person.signUp(server, "bob");
      const refused = await bob.get(`/1/boards/${boardId}?${BOARD_FRONTS_QUERY}`);
      assert.equal(refused.status, 404, "a board the person may not read answers like a missing one");
      const details = await bob.get(`/1/cards/${rich.id}?${CARD_DETAILS_QUERY}`);
      assert.equal(details.status, 404);
    });
  });
}
