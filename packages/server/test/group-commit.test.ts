// Concurrent writes to one board over HTTP (grouped into shared transactions on PostgreSQL:
// decision 0031-group-commit-and-poll-cache): each request gets its own answer or its own error, a retried mutation id
// applies once, and the board's changes keep one order without gaps.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

for (const kind of storeKinds()) {
  describe(`concurrent writes to one board (${kind})`, () => {
    let server: TestServer;
    let ada: Person;

    before(async () => {
      server = await startServer({ TACK_TOKEN_RATE_LIMIT: "100000" }, kind);
      ada = await Person.signUp(server, "ada");
    });
    after(() => server.stop());

    test("40 moves at once: each answered for itself, mutation ids once, seqs without gaps", async () => {
      const board = (await ada.post("/1/boards", { name: "Busy", defaultLists: true })).body;
      const lists = (await ada.get(`/1/boards/${board.id}/lists`)).body.map((l: { id: string }) => l.id);
      const other = (await ada.post("/1/boards", { name: "Other", defaultLists: true })).body;
      const foreignList = (await ada.get(`/1/boards/${other.id}/lists`)).body[0].id;
      const cards: string[] = [];
      for (let i = 0; i < 30; i++)
        cards.push((await ada.post("/1/cards", { idList: lists[0], name: `c${i}` })).body.id);
      const start = (await ada.get(`/1/boards/${board.id}/changes?since=0`)).body.seq as number;

      const move = (i: number, mutationId: string) =>
        ada.call("PUT", `/1/cards/${cards[i]}`, { idList: lists[i % 3], pos: 1000 * (i + 1) }, "token", {
          "x-tack-mutation-id": mutationId,
        });
      const moves = cards.map((_, i) => move(i, `group-move-${i}`));
      // The same mutation sent twice at once (a retry racing its first attempt).
      const twin = move(0, "group-move-0");
      // Another board's list: refused, and only this request.
      const refused = [0, 1, 2].map((k) =>
        ada.call("PUT", `/1/cards/${cards[k]}`, { idList: foreignList }, "token", {
          "x-tack-mutation-id": `group-refused-${k}`,
        }),
      );
      const answers = await Promise.all(moves);
      const twinAnswer = await twin;
      for (const res of await Promise.all(refused)) assert.equal(res.status, 400);

      answers.forEach((res, i) => {
        assert.equal(res.status, 200, `move ${i}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.id, cards[i]);
        assert.equal(res.body.idList, lists[i % 3]);
        assert.equal(res.body.pos, 1000 * (i + 1));
      });
      assert.equal(twinAnswer.status, 200);
      assert.deepEqual(twinAnswer.body, answers[0]!.body, "the twin answers as the first attempt");

      const log = (await ada.get(`/1/boards/${board.id}/changes?since=${start}`)).body;
      const seqs = log.changes.map((c: { seq: number }) => c.seq);
      assert.deepEqual(
        seqs,
        Array.from({ length: 30 }, (_, i) => start + i + 1),
        "one change per card, numbered without gaps",
      );
      const movedCards = log.changes.map(
        (c: { models: { cards: Array<{ id: string }> } }) => c.models.cards.at(-1)!.id,
      );
      assert.deepEqual([...movedCards].sort(), [...cards].sort(), "each card moved once");
      const stored = (await ada.get(`/1/boards/${board.id}/cards`)).body as Array<{
        id: string;
        idList: string;
        pos: number;
      }>;
      for (const [i, id] of cards.entries()) {
        const card = stored.find((c) => c.id === id)!;
        assert.equal(card.idList, lists[i % 3]);
        assert.equal(card.pos, 1000 * (i + 1));
      }
    });
  });
}
