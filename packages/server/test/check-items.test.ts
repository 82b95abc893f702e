// Check items beyond checking: an assignee, a due date and reminder, moving between the card's
// checklists, and converting an item to a card (one transaction) — on both stores, with bad input
// refused and nothing half-written.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

const MISSING = "0123456789abcdef01234567";

for (const kind of storeKinds()) {
  describe(`check items on ${kind}`, () => {
    let server: TestServer;
    let ann: Person;
    let bob: Person;
    let olga: Person;
    let stranger: Person;
    let board: any;
    let list: any;
    let card: any;
    let otherCard: any;
    let foreignChecklist: any;

    before(async () => {
      server = await startServer({ TACK_AUTH_RATE_LIMIT: "1000" }, kind);
      ann = await Person.signUp(server, "ann");
      bob = await Person.signUp(server, "bob");
      olga = await Person.signUp(server, "olga");
      stranger = await Person.signUp(server, "stranger");
      board = (await ann.post("/1/boards", { name: "Team", defaultLists: false })).body;
      await ann.put(`/1/boards/${board.id}/members`, { username: "bob", type: "normal" });
      await ann.put(`/1/boards/${board.id}/members/${olga.id}`, { type: "observer" });
      list = (await ann.post("/1/lists", { name: "Doing", idBoard: board.id })).body;
      card = (await ann.post("/1/cards", { name: "Launch", idList: list.id })).body;
      otherCard = (await ann.post("/1/cards", { name: "Other", idList: list.id })).body;
      const theirs = (await stranger.post("/1/boards", { name: "Theirs", defaultLists: false })).body;
      const theirList = (await stranger.post("/1/lists", { name: "L", idBoard: theirs.id })).body;
      const theirCard = (await stranger.post("/1/cards", { name: "C", idList: theirList.id })).body;
      foreignChecklist = (await stranger.post("/1/checklists", { idCard: theirCard.id, name: "X" })).body;
    });
    after(() => server.stop());

    async function checklistWith(cardId: string, ...names: string[]) {
      const checklist = (await ann.post("/1/checklists", { idCard: cardId, name: "Steps" })).body;
      const items = [];
      for (const name of names)
        items.push((await ann.post(`/1/checklists/${checklist.id}/checkItems`, { name })).body);
      return { checklist, items };
    }

    test("assign an item, give it a due date and reminder, clear them (both paths)", async () => {
      const { items } = await checklistWith(card.id, "Write notes");
      const item = items[0];
      const due = "2026-12-24T17:00:00.000Z";
      const set = await ann.put(`/1/cards/${card.id}/checkItem/${item.id}`, {
        idMember: bob.id,
        due,
        dueReminder: 60,
      });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      assert.deepEqual([set.body.idMember, set.body.due, set.body.dueReminder], [bob.id, due, 60]);
      const read = (await ann.get(`/1/cards/${card.id}/checkItem/${item.id}`)).body;
      assert.deepEqual([read.idMember, read.due, read.dueReminder], [bob.id, due, 60]);
      const cleared = await ann.put(`/1/checklists/${item.idChecklist}/checkItems/${item.id}`, {
        idMember: "",
        due: null,
        dueReminder: null,
      });
      assert.deepEqual(
        [cleared.body.idMember, cleared.body.due, cleared.body.dueReminder],
        [null, null, null],
      );
      const created = await ann.post(`/1/checklists/${item.idChecklist}/checkItems`, {
        name: "Born assigned",
        idMember: ann.id,
        due,
      });
      assert.deepEqual([created.body.idMember, created.body.due], [ann.id, due]);
    });

    test("assigning refuses strangers, unknown members, wrong types; observers cannot write", async () => {
      const { checklist, items } = await checklistWith(card.id, "Guarded");
      const path = `/1/cards/${card.id}/checkItem/${items[0].id}`;
      for (const [body, field] of [
        [{ idMember: stranger.id }, /not a member of this board/],
        [{ idMember: MISSING }, /not a member of this board/],
        [{ idMember: "bob" }, /id/],
        [{ due: "next tuesday-ish" }, /due/],
        [{ dueReminder: "soon" }, /dueReminder|number/i],
        [{ dueReminder: 1.5 }, /dueReminder|integer/i],
      ] as const) {
        const res = await ann.put(path, body);
        assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.status}`);
        assert.match(JSON.stringify(res.body), field);
      }
      const created = await ann.post(`/1/checklists/${checklist.id}/checkItems`, {
        name: "x",
        idMember: stranger.id,
      });
      assert.equal(created.status, 400);
      assert.equal((await olga.put(path, { idMember: olga.id })).status, 403);
      assert.equal((await stranger.put(path, { idMember: stranger.id })).status, 404);
      const after = (await ann.get(`/1/checklists/${checklist.id}`)).body;
      assert.deepEqual(
        after.checkItems.map((i: any) => [i.name, i.idMember]),
        [["Guarded", null]],
        "nothing written",
      );
    });

    test("reorder within a checklist and move to another checklist of the card", async () => {
      const a = await checklistWith(card.id, "one", "two", "three");
      const b = await checklistWith(card.id, "alpha");
      const [one, two, three] = a.items;
      const top = await ann.put(`/1/cards/${card.id}/checkItem/${three.id}`, { pos: "top" });
      assert.equal(top.status, 200);
      const names = async (id: string) =>
        (await ann.get(`/1/checklists/${id}`)).body.checkItems.map((i: any) => i.name);
      assert.deepEqual(await names(a.checklist.id), ["three", "one", "two"]);
      // Between two items by a position, as a drag sends it.
      const between = (one.pos + two.pos) / 2;
      await ann.put(`/1/cards/${card.id}/checkItem/${three.id}`, { pos: between });
      assert.deepEqual(await names(a.checklist.id), ["one", "three", "two"]);

      const since = (await bob.get(`/1/boards/${board.id}/changes?since=0`)).body.seq;
      const moved = await ann.put(`/1/cards/${card.id}/checkItem/${two.id}`, {
        idChecklist: b.checklist.id,
        pos: "top",
      });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.idChecklist, b.checklist.id);
      assert.deepEqual(await names(a.checklist.id), ["one", "three"]);
      assert.deepEqual(await names(b.checklist.id), ["two", "alpha"]);
      const change = (await bob.get(`/1/boards/${board.id}/changes?since=${since}`)).body.changes[0];
      assert.deepEqual(
        change.models.checklists.map((c: any) => c.checkItems.length),
        [2, 2],
        "one change carries both checklists",
      );
      // The Trello path through the checklist moves too.
      const back = await ann.put(`/1/checklists/${b.checklist.id}/checkItems/${two.id}`, {
        idChecklist: a.checklist.id,
      });
      assert.equal(back.status, 200);
      assert.deepEqual(await names(a.checklist.id), ["one", "three", "two"]);

      // Not to another card's checklist, nor another board's, nor one that does not exist.
      const elsewhere = await checklistWith(otherCard.id);
      for (const idChecklist of [elsewhere.checklist.id, foreignChecklist.id, MISSING, "nope"]) {
        const res = await ann.put(`/1/cards/${card.id}/checkItem/${two.id}`, { idChecklist });
        assert.equal(res.status, 400, `${idChecklist} → ${res.status}`);
      }
      assert.deepEqual(await names(a.checklist.id), ["one", "three", "two"]);
      assert.deepEqual(await names(elsewhere.checklist.id), []);
    });

    test("convert an item to a card: same list, name, assignee and due; the item is gone", async () => {
      const due = "2027-01-05T09:00:00.000Z";
      const { checklist, items } = await checklistWith(card.id, "Book the venue", "Stay");
      await ann.put(`/1/cards/${card.id}/checkItem/${items[0].id}`, { idMember: bob.id, due });
      const since = (await bob.get(`/1/boards/${board.id}/changes?since=0`)).body.seq;
      const res = await ann.post(`/1/checklists/${checklist.id}/checkItems/${items[0].id}/convertToCard`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(
        [res.body.name, res.body.idList, res.body.idMembers, res.body.due],
        ["Book the venue", list.id, [bob.id], due],
      );
      const cards = (await ann.get(`/1/lists/${list.id}/cards`)).body.map((c: any) => c.name);
      assert.equal(cards.at(-1), "Book the venue");
      assert.deepEqual(
        (await ann.get(`/1/checklists/${checklist.id}`)).body.checkItems.map((i: any) => i.name),
        ["Stay"],
      );
      const feed = (await bob.get(`/1/boards/${board.id}/changes?since=${since}`)).body.changes;
      assert.equal(feed.length, 1, "one change: the card and the checklist together");
      assert.equal(feed[0].action.type, "convertToCardFromCheckItem");
      assert.equal(feed[0].action.data.cardSource.id, card.id);

      // Bad input: unknown item, another board's checklist, an observer; nothing is written.
      const count = async () => (await ann.get(`/1/lists/${list.id}/cards`)).body.length;
      const before = await count();
      const unknown = await ann.post(`/1/checklists/${checklist.id}/checkItems/${MISSING}/convertToCard`);
      assert.equal(unknown.status, 404);
      assert.match(unknown.body.message, /check item/);
      const foreign = await ann.post(
        `/1/checklists/${foreignChecklist.id}/checkItems/${items[1].id}/convertToCard`,
      );
      assert.equal(foreign.status, 404);
      assert.equal(
        (await olga.post(`/1/checklists/${checklist.id}/checkItems/${items[1].id}/convertToCard`)).status,
        403,
      );
      assert.equal(
        (await stranger.post(`/1/checklists/${checklist.id}/checkItems/${items[1].id}/convertToCard`)).status,
        404,
      );
      assert.equal(await count(), before);
      assert.equal((await ann.get(`/1/checklists/${checklist.id}`)).body.checkItems.length, 1);
    });
  });
}
