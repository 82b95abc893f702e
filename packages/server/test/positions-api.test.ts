// Order is always total: after an item at a huge position (asked for, or stored before positions
// were bounded), items added at the bottom still get distinct positions after it. Cards, lists,
// checklists and check items, on both stores.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { MAX_POSITION } from "@tack/shared/positions";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.stop())));

interface Placed {
  id: string;
  pos: number;
}

function assertTotalOrder(what: string, items: readonly Placed[], expectedOrder: readonly string[]): void {
  const sorted = [...items].sort((a, b) => a.pos - b.pos);
  assert.deepEqual(
    sorted.map((i) => i.id),
    expectedOrder,
    `${what}: in the order they were added`,
  );
  assert.equal(new Set(items.map((i) => i.pos)).size, items.length, `${what}: no two share a position`);
  for (const item of items) assert.ok(item.pos <= MAX_POSITION, `${what}: ${item.pos} is within bounds`);
}

for (const kind of storeKinds()) {
  describe(`${kind}: huge positions`, () => {
    test("cards, lists, checklists and check items added at the bottom after pos 1e300 keep a total order", async () => {
      const server = await startServer({}, kind);
      servers.push(server);
      const ann = await Person.signUp(server, "ann");
      const board = (await ann.post("/1/boards", { name: "Far", defaultLists: false })).body;

      const lists: string[] = [];
      lists.push((await ann.post("/1/lists", { name: "far", idBoard: board.id, pos: 1e300 })).body.id);
      for (let i = 0; i < 3; i++)
        lists.push((await ann.post("/1/lists", { name: `l${i}`, idBoard: board.id })).body.id);
      assertTotalOrder("lists", (await ann.get(`/1/boards/${board.id}/lists`)).body, lists);

      const cards: string[] = [];
      cards.push((await ann.post("/1/cards", { name: "far", idList: lists[0], pos: 1e300 })).body.id);
      for (let i = 0; i < 3; i++)
        cards.push((await ann.post("/1/cards", { name: `c${i}`, idList: lists[0] })).body.id);
      assertTotalOrder("cards", (await ann.get(`/1/lists/${lists[0]}/cards`)).body, cards);

      const checklists: string[] = [];
      checklists.push(
        (await ann.post("/1/checklists", { idCard: cards[0], name: "far", pos: 1e300 })).body.id,
      );
      for (let i = 0; i < 3; i++)
        checklists.push((await ann.post("/1/checklists", { idCard: cards[0], name: `k${i}` })).body.id);
      assertTotalOrder("checklists", (await ann.get(`/1/cards/${cards[0]}/checklists`)).body, checklists);

      const items: string[] = [];
      const checklist = checklists[0];
      items.push(
        (await ann.post(`/1/checklists/${checklist}/checkItems`, { name: "far", pos: 1e300 })).body.id,
      );
      for (let i = 0; i < 3; i++)
        items.push((await ann.post(`/1/checklists/${checklist}/checkItems`, { name: `i${i}` })).body.id);
      assertTotalOrder("check items", (await ann.get(`/1/checklists/${checklist}/checkItems`)).body, items);
    });

    test("a card stored at 1e300 before positions were bounded: bottom cards renumber the list", async () => {
      const server = await startServer({}, kind);
      servers.push(server);
      const ann = await Person.signUp(server, "ann");
      const board = (await ann.post("/1/boards", { name: "Old", defaultLists: false })).body;
      const list = (await ann.post("/1/lists", { name: "L", idBoard: board.id })).body;
      const first = (await ann.post("/1/cards", { name: "first", idList: list.id })).body;
      const far = (await ann.post("/1/cards", { name: "far", idList: list.id })).body;
      const { store } = server.app.ctx;
      await store.transact(board.id, async (tx) => {
        const card = await tx.get("card", far.id);
        await tx.put("card", { ...card!, pos: 1e300 });
      });
      const added: string[] = [];
      for (let i = 0; i < 3; i++)
        added.push((await ann.post("/1/cards", { name: `c${i}`, idList: list.id })).body.id);
      assertTotalOrder("cards", (await ann.get(`/1/lists/${list.id}/cards`)).body, [
        first.id,
        far.id,
        ...added,
      ]);
    });

    test("moves to the top until the gaps run out renumber the list, every renumbered card whole", async () => {
      const server = await startServer({}, kind);
      servers.push(server);
      const ann = await Person.signUp(server, "ann");
      const board = (await ann.post("/1/boards", { name: "Top", defaultLists: false })).body;
      const todo = (await ann.post("/1/lists", { name: "To do", idBoard: board.id })).body;
      const later = (await ann.post("/1/lists", { name: "Later", idBoard: board.id })).body;
      const order: string[] = [];
      for (let i = 0; i < 4; i++)
        order.push((await ann.post("/1/cards", { name: "c", desc: "kept", idList: todo.id })).body.id);
      const incoming: string[] = [];
      for (let i = 0; i < 40; i++)
        incoming.push((await ann.post("/1/cards", { name: "i", desc: "kept", idList: later.id })).body.id);
      /** Moves `moving` to the top of To do; true when that renumbered the cards already there. */
      async function toTop(moving: string, body: Record<string, unknown>): Promise<boolean> {
        const before = (await ann.get(`/1/lists/${todo.id}/cards`)).body as Placed[];
        assert.equal((await ann.put(`/1/cards/${moving}`, body)).status, 200);
        const at = order.indexOf(moving);
        if (at !== -1) order.splice(at, 1);
        order.unshift(moving);
        const after = (await ann.get(`/1/lists/${todo.id}/cards`)).body as Array<Placed & { desc: string }>;
        assertTotalOrder("To do", after, order);
        for (const card of after) assert.equal(card.desc, "kept", "a renumbered card keeps its document");
        return before.some((b) => b.id !== moving && after.find((a) => a.id === b.id)?.pos !== b.pos);
      }
      // Each move to the top halves the first position, and 65,536 / 2^27 is under the smallest
      // gap: within 40 moves the list renumbers. First by moves within it (the last card to the top)…
      let renumbered = false;
      for (let i = 0; i < 40 && !renumbered; i++) renumbered = await toTop(order.at(-1)!, { pos: "top" });
      assert.ok(renumbered, "a move within the list renumbered it");
      // …then by moves into it from another list.
      renumbered = false;
      for (let i = 0; i < 40 && !renumbered; i++)
        renumbered = await toTop(incoming[i]!, { idList: todo.id, pos: "top" });
      assert.ok(renumbered, "a move from another list renumbered it");
    });
  });
}
