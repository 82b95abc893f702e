// Decision 0063: every object made on a board (a list, card, checklist, label or action) has an
// id that repeats the board's routing key, however it was made: created, copied with a card, list
// or board, converted from a check item, or imported. HAProxy routes `/1/cards/{id}` by that key to
// the board's worker; an id made without it would still work, only routed elsewhere, so nothing
// else would notice.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { routingKey } from "@tack/shared/ids";
import { smallExport } from "./fixtures/trello/fixtures.ts";
import { Person, startServer, type TestServer } from "./harness.ts";

/** A board read with every kind of object on it. */
const EVERYTHING = "lists=all&cards=all&labels=all&checklists=all&actions=all&actions_limit=1000";

describe("ids of a board's objects carry its routing key (decision 0063)", () => {
  let server: TestServer;
  let ada: Person;
  before(async () => {
    server = await startServer();
    ada = await Person.signUp(server, "ada");
  });
  after(() => server.stop());

  /** Every list, card, checklist, label and action of the board, by kind, with its id. */
  async function objectsOf(board: string): Promise<Array<{ kind: string; id: string }>> {
    const read = await ada.get(`/1/boards/${board}?${EVERYTHING}`);
    assert.equal(read.status, 200, JSON.stringify(read.body));
    const ids: Array<{ kind: string; id: string }> = [];
    for (const kind of ["lists", "cards", "checklists", "labels", "actions"])
      for (const object of read.body[kind] as Array<{ id: string }>) ids.push({ kind, id: object.id });
    return ids;
  }

  /** Fails naming each object whose id does not carry the board's key; answers how many kinds it saw. */
  async function assertKeyed(board: string): Promise<Set<string>> {
    const objects = await objectsOf(board);
    const strays = objects.filter((o) => routingKey(o.id) !== routingKey(board));
    assert.deepEqual(strays, [], `objects of board ${board} with another routing key`);
    return new Set(objects.map((o) => o.kind));
  }

  test("made by commands, copies and a converted check item", async () => {
    const made = await ada.post("/1/boards", { name: "Keyed", defaultLists: true });
    assert.equal(made.status, 200);
    const board = made.body.id as string;
    const [list] = (await ada.get(`/1/boards/${board}/lists`)).body as Array<{ id: string }>;
    const label = await ada.post(`/1/boards/${board}/labels`, { name: "urgent", color: "red" });
    const card = (await ada.post("/1/cards", { idList: list!.id, name: "Card", idLabels: [label.body.id] }))
      .body;
    await ada.post(`/1/cards/${card.id}/labels`, { name: "new on the card", color: "blue" });
    const checklist = (await ada.post(`/1/cards/${card.id}/checklists`, { name: "Steps" })).body;
    const item = (await ada.post(`/1/checklists/${checklist.id}/checkItems`, { name: "Book it" })).body;
    await ada.post(`/1/cards/${card.id}/actions/comments`, { text: "first!" });
    const converted = await ada.post(`/1/checklists/${checklist.id}/checkItems/${item.id}/convertToCard`);
    assert.equal(converted.status, 200, JSON.stringify(converted.body));
    const listCopy = await ada.post("/1/lists", { idBoard: board, idListSource: list!.id, name: "Copy" });
    assert.equal(listCopy.status, 200, JSON.stringify(listCopy.body));
    const kinds = await assertKeyed(board);
    assert.deepEqual([...kinds].sort(), ["actions", "cards", "checklists", "labels", "lists"]);

    // A card copied to another board, and a whole board copied: keyed with their new board.
    const other = (await ada.post("/1/boards", { name: "Other", defaultLists: true })).body.id as string;
    const [otherList] = (await ada.get(`/1/boards/${other}/lists`)).body as Array<{ id: string }>;
    const cardCopy = await ada.post("/1/cards", {
      idList: otherList!.id,
      idCardSource: card.id,
      keepFromSource: "all",
    });
    assert.equal(cardCopy.status, 200, JSON.stringify(cardCopy.body));
    assert.ok(
      (await assertKeyed(other)).has("checklists"),
      "the copied card's checklist is on the other board",
    );
    const boardCopy = await ada.post("/1/boards", {
      name: "Copied",
      idBoardSource: board,
      keepFromSource: "cards",
    });
    assert.equal(boardCopy.status, 200, JSON.stringify(boardCopy.body));
    assert.notEqual(routingKey(boardCopy.body.id), routingKey(board), "a new board draws a key of its own");
    assert.deepEqual([...(await assertKeyed(boardCopy.body.id))].sort(), [
      "actions",
      "cards",
      "checklists",
      "labels",
      "lists",
    ]);
  });

  test("imported from a Trello export", async () => {
    const imported = await ada.post("/1/boards/import/trello", smallExport());
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    const kinds = await assertKeyed(imported.body.board.id);
    assert.deepEqual([...kinds].sort(), ["actions", "cards", "checklists", "labels", "lists"]);
  });
});
