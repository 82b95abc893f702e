// A large export (a few hundred cards, exactly 1,000 actions: Trello's cap) imports whole and
// fast; its activity becomes the board's first 1,000 sequence numbers in the order it happened,
// and the person is told that older history may be missing. One action fewer, and no warning.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { generateLargeExport } from "./fixtures/trello/fixtures.ts";
import { Person, startServer, type TestServer } from "./harness.ts";

let server: TestServer;
let ada: Person;
const IMPORT = "/1/boards/import/trello";

before(async () => {
  server = await startServer();
  ada = await Person.signUp(server, "ada");
});
after(() => server.stop());

describe("Trello import: a large export and its history", () => {
  test("1,000 actions: all imported, in order, with the truncation warning", async () => {
    const large = generateLargeExport();
    const started = performance.now();
    const res = await ada.post(`${IMPORT}?map=member0%3Dada`, large);
    const ms = performance.now() - started;
    assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 500));
    // Speed is measured by bench/import.ts (docs/benchmarks.md); this only guards against a
    // pathological regression (a query per row), with room for a loaded CI machine.
    assert.ok(ms < 15_000, `import took ${Math.round(ms)} ms`);
    const warning = res.body.warnings.find((w: any) => w.code === "history_truncated");
    assert.match(warning.message, /1,000 actions.*older comments and history may be missing/);
    assert.equal(res.body.counts.actions, 1000);
    assert.equal(res.body.counts.cards, 300);
    assert.equal(res.body.counts.comments, 400);

    const boardId = res.body.board.id;
    const changes = await server.app.ctx.store.changesSince(boardId, 0, 2000);
    assert.equal(changes.length, 1001);
    assert.deepEqual(
      changes.map((c) => c.seq),
      Array.from({ length: 1001 }, (_, i) => i + 1),
    );
    const history = changes.slice(0, 1000).map((c) => c.action.date);
    assert.deepEqual(history, [...history].sort(), "seq order is date order");
    assert.equal(changes.at(-1)!.action.type, "createBoard");

    // Comment badges match the comments each card really has.
    const cards = (await ada.get(`/1/boards/${boardId}/cards/all`)).body;
    // Every member slot of every card survives (placeholders hold the people who are not ada),
    // and every comment is its author's, not the importer's.
    const slots = (list: any[]) => list.reduce((n, c) => n + c.idMembers.length, 0);
    assert.ok(slots(large.cards) > 0);
    assert.equal(slots(cards), slots(large.cards));
    const creators = new Set(changes.slice(0, 1000).map((c) => c.action.idMemberCreator));
    const authors = new Set(large.actions.map((a: any) => a.idMemberCreator));
    assert.equal(creators.size, authors.size);
    const withComments = cards.filter((c: any) => c.badges.comments > 0).slice(0, 5);
    for (const card of withComments) {
      const comments = (await ada.get(`/1/cards/${card.id}/actions?filter=commentCard&limit=1000`)).body;
      assert.equal(comments.length, card.badges.comments);
    }
    // Paging the activity feed backwards walks the history in order.
    const page1 = (await ada.get(`/1/boards/${boardId}/actions?limit=10`)).body;
    const page2 = (await ada.get(`/1/boards/${boardId}/actions?limit=10&before=${page1.at(-1).id}`)).body;
    assert.ok(page2[0].date <= page1.at(-1).date);
  });

  test("999 actions: no truncation warning", async () => {
    const res = await ada.post(IMPORT, generateLargeExport({ cards: 20, actions: 999 }));
    assert.equal(res.status, 200);
    assert.equal(
      res.body.warnings.some((w: any) => w.code === "history_truncated"),
      false,
    );
  });
});
