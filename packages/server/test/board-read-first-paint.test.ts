// The web client's first board read (decision 0041-first-paint-read): Tack's `cards_per_list=N`
// carries the first N open cards of each list, says how many of each list's cards it left out,
// sends only those cards' covers; the card fronts read that completes it carries every card and
// where the board's change stream stood. Bad values get a clear 400; reads stay authorized.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  BOARD_CARD_FRONTS_QUERY,
  BOARD_FIRST_PAINT_QUERY,
  BOARD_FRONTS_QUERY,
  FIRST_PAINT_CARDS_PER_LIST,
} from "@tack/shared/board-read-query";
import { pngImage, upload } from "./attachment-helpers.ts";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

type CardFront = { id: string; idList: string; name: string; pos: number; idAttachmentCover?: string };

for (const kind of storeKinds()) {
  describe(`first paint's board read on ${kind}`, () => {
    let server: TestServer;
    let ada: Person;
    let boardId: string;
    let long: { id: string };
    let short: { id: string };
    /** The long list's open cards, in order. */
    const longCards: Array<{ id: string; name: string }> = [];
    let lateCover: string;

    before(async () => {
      server = await startServer({}, kind);
      ada = await Person.signUp(server, "ada");
      boardId = (await ada.post("/1/boards", { name: "First paint", defaultLists: false })).body.id;
      long = (await ada.post("/1/lists", { name: "Long", idBoard: boardId })).body;
      short = (await ada.post("/1/lists", { name: "Short", idBoard: boardId })).body;
      for (let i = 0; i < 7; i++)
        longCards.push((await ada.post("/1/cards", { idList: long.id, name: `Long ${i}` })).body);
      // Created last but placed first: the cut follows positions, not creation.
      longCards.unshift((await ada.post("/1/cards", { idList: long.id, name: "Long top", pos: "top" })).body);
      const archived = (await ada.post("/1/cards", { idList: long.id, name: "Archived", pos: "top" })).body;
      await ada.put(`/1/cards/${archived.id}`, { closed: true });
      for (let i = 0; i < 2; i++) await ada.post("/1/cards", { idList: short.id, name: `Short ${i}` });
      // Image covers on a card inside the cut and one beyond it.
      for (const card of [longCards[0]!, longCards.at(-1)!]) {
        const image = (await upload(ada, card.id, await pngImage(40, 30), { fileName: "c.png" })).body;
        assert.equal((await ada.put(`/1/cards/${card.id}`, { idAttachmentCover: image.id })).status, 200);
        if (card === longCards.at(-1)) lateCover = image.id;
      }
    });
    after(() => server.stop());

    test("cards_per_list=N: each list's first N open cards by position, and how many were left out", async () => {
      const read = await ada.get(`/1/boards/${boardId}?${BOARD_FRONTS_QUERY}&cards_per_list=3`);
      assert.equal(read.status, 200, JSON.stringify(read.body));
      const cards = read.body.cards as CardFront[];
      assert.deepEqual(
        cards.filter((c) => c.idList === long.id).map((c) => c.name),
        longCards.slice(0, 3).map((c) => c.name),
      );
      assert.deepEqual(
        cards.filter((c) => c.idList === short.id).map((c) => c.name),
        ["Short 0", "Short 1"],
      );
      assert.deepEqual(read.body.cardsNotSent, { [long.id]: 5 }, "the archived card is not counted");
      const covers = (read.body.attachments as Array<{ id: string }>).map((a) => a.id);
      assert.equal(covers.length, 1, "only the covers of the cards sent");
      assert.notEqual(covers[0], lateCover);
      assert.equal(read.body.lists.length, 2, "every list, label and member still comes whole");
      assert.ok(Number(read.headers.get("x-tack-seq")) > 0);
    });

    test("the web client's first read and the card fronts read that completes it", async () => {
      const first = await ada.get(`/1/boards/${boardId}?${BOARD_FIRST_PAINT_QUERY}`);
      assert.equal(first.status, 200);
      assert.ok(FIRST_PAINT_CARDS_PER_LIST >= 8, "lists this short come whole");
      assert.deepEqual(first.body.cardsNotSent, {}, "nothing left out: no second read needed");
      assert.equal(first.body.cards.length, 10);

      const rest = await ada.get(`/1/boards/${boardId}?${BOARD_CARD_FRONTS_QUERY}`);
      assert.equal(rest.status, 200);
      assert.deepEqual(Object.keys(rest.body).sort(), ["attachments", "cards", "id"]);
      assert.equal(rest.body.cards.length, 10, "every open card");
      assert.equal(rest.body.attachments.length, 2, "every open card's cover");
      assert.equal(rest.headers.get("x-tack-seq"), first.headers.get("x-tack-seq"));
      const whole = await ada.get(`/1/boards/${boardId}?${BOARD_FRONTS_QUERY}`);
      assert.deepEqual(rest.body.cards, whole.body.cards, "the same fronts as the whole read's");
      assert.equal(whole.body.cardsNotSent, undefined, "without the parameter the answer is Trello's");
    });

    test("bad values of cards_per_list get a clear 400; reads stay authorized", async () => {
      for (const bad of ["0", "-1", "abc", "1.5", "1001", "", "1e2", "3&cards_per_list=4"]) {
        const read = await ada.get(`/1/boards/${boardId}?cards=open&cards_per_list=${bad}`);
        assert.equal(read.status, 400, `cards_per_list=${bad}: ${JSON.stringify(read.body)}`);
        assert.match(JSON.stringify(read.body), /cards_per_list/);
        assert.match(JSON.stringify(read.body), /whole number from 1 to 1000/);
      }
      const bob = await Person.signUp(server, "bob");
      for (const query of [BOARD_FIRST_PAINT_QUERY, BOARD_CARD_FRONTS_QUERY]) {
        const refused = await bob.get(`/1/boards/${boardId}?${query}`);
        assert.equal(refused.status, 404, "a board the person may not read answers like a missing one");
      }
    });
  });
}
