// The polling fallback, GET /1/boards/:id/changes?since=&epoch=: stateless answers from the
// recent-change list or the durable log, pages when far behind, `reload` when too far, and a
// clear 4xx for every bad cursor.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, type TestServer } from "./harness.ts";
import { comparableReplica, comparableServerBoard } from "./support/board-replica.ts";
import { PollingClient } from "./support/polling-client.ts";

let server: TestServer;
let ada: Person;
let bob: Person;

before(async () => {
  // The history test writes 1,000 changes in a few seconds: past Trello's per-token limit.
  server = await startServer({ TACK_TOKEN_RATE_LIMIT: "100000" });
  ada = await Person.signUp(server, "ada");
  bob = await Person.signUp(server, "bob");
});
after(() => server.stop());

async function newBoard(name: string, permissionLevel = "private") {
  const board = await ada.post("/1/boards", {
    name,
    defaultLists: true,
    prefs_permissionLevel: permissionLevel,
  });
  const lists = (await ada.get(`/1/boards/${board.body.id}/lists`)).body as Array<{ id: string }>;
  return { id: board.body.id as string, list: lists[0]!.id };
}

describe("polling", () => {
  test("since=0 answers every change; the next poll with the epoch answers only what is new", async () => {
    const board = await newBoard("Poll");
    const first = await ada.get(`/1/boards/${board.id}/changes?since=0`);
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.body.changes.map((c: { seq: number }) => c.seq),
      [1, 2, 3, 4],
    );
    assert.equal(first.body.seq, 4);
    await ada.post("/1/cards", { idList: board.list, name: "new" });
    const next = await ada.get(`/1/boards/${board.id}/changes?since=4&epoch=${first.body.epoch}`);
    assert.deepEqual(
      next.body.changes.map((c: { seq: number }) => c.seq),
      [5],
    );
    assert.equal(next.body.seq, 5);
    assert.equal(next.body.epoch, first.body.epoch);
    const idle = await ada.get(`/1/boards/${board.id}/changes?since=5&epoch=${first.body.epoch}`);
    assert.deepEqual(idle.body, { epoch: first.body.epoch, seq: 5, changes: [] });
  });

  test("the board snapshot names its seq and epoch, so a client can poll from it", async () => {
    const board = await newBoard("Snapshot");
    const read = await ada.get(`/1/boards/${board.id}?cards=open`);
    assert.equal(read.headers.get("x-tack-seq"), "4");
    const epoch = read.headers.get("x-tack-epoch");
    assert.ok(epoch);
    const poll = await ada.get(`/1/boards/${board.id}/changes?since=4&epoch=${epoch}`);
    assert.deepEqual(poll.body, { epoch, seq: 4, changes: [] });
  });

  test("bad cursors get a 400 naming the field; unreadable boards a 404", async () => {
    const board = await newBoard("Bad cursors");
    for (const query of ["", "since=-1", "since=abc", "since=1.5", `since=1&epoch=${"e".repeat(65)}`]) {
      const res = await ada.get(`/1/boards/${board.id}/changes?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal(res.body.error, "invalid_input", query);
      assert.ok(["since", "epoch"].includes(res.body.field), query);
    }
    const future = await ada.get(`/1/boards/${board.id}/changes?since=99`);
    assert.equal(future.status, 400);
    assert.equal(future.body.field, "since");
    assert.match(future.body.message, /ahead of the board \(at 4\)/);
    assert.equal((await bob.get(`/1/boards/${board.id}/changes?since=0`)).status, 404);
    assert.equal((await bob.get("/1/boards/0123456789abcdef01234567/changes?since=0")).status, 404);
    const anonymous = await bob.call("GET", `/1/boards/${board.id}/changes?since=0`, undefined, "none");
    assert.equal(anonymous.status, 404);
  });

  test("a public board can be polled anonymously", async () => {
    const board = await newBoard("Open", "public");
    const res = await bob.call("GET", `/1/boards/${board.id}/changes?since=3`, undefined, "none");
    assert.equal(res.status, 200);
    assert.equal(res.body.changes.length, 1);
  });

  test("far behind: pages from the durable log; past 1,000 changes: reload", async () => {
    const board = await newBoard("Long history");
    const card = (await ada.post("/1/cards", { idList: board.list, name: "busy" })).body;
    for (let i = 0; i < 1_000; i++) await ada.put(`/1/cards/${card.id}`, { name: `busy ${i}` });
    const seq = 5 + 1_000;
    const tooFar = await ada.get(`/1/boards/${board.id}/changes?since=4`);
    assert.equal(tooFar.status, 200);
    assert.equal(tooFar.body.reload, true);
    assert.equal(tooFar.body.seq, seq);
    const page = await ada.get(`/1/boards/${board.id}/changes?since=10`);
    assert.equal(page.body.changes.length, 500, "one page");
    assert.equal(page.body.changes[0].seq, 11);
    assert.equal(page.body.seq, seq, "and where the board stands, so the client asks again");
    const rest = await ada.get(`/1/boards/${board.id}/changes?since=510&epoch=${page.body.epoch}`);
    assert.deepEqual(
      rest.body.changes.map((c: { seq: number }) => c.seq),
      Array.from({ length: seq - 510 }, (_, i) => 511 + i),
    );
  });

  test("a client with WebSockets disabled stays current by polling while others write", async () => {
    const board = await newBoard("Pollers");
    await ada.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "normal" });
    const client = new PollingClient(bob, board.id);
    let writing = true;
    const poller = (async () => {
      while (writing) {
        await client.poll();
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const cards: string[] = [];
    for (let i = 0; i < 40; i++) {
      const who = i % 2 === 0 ? ada : bob;
      if (cards.length > 0 && i % 3 === 0)
        await who.put(`/1/cards/${cards[i % cards.length]}`, { name: `renamed ${i}`, pos: "top" });
      else cards.push((await who.post("/1/cards", { idList: board.list, name: `card ${i}` })).body.id);
      await new Promise((r) => setTimeout(r, 10)); // people type: the poller runs between writes
    }
    writing = false;
    await poller;
    await client.poll();
    assert.deepEqual(
      comparableReplica(client.replica),
      await comparableServerBoard(server.app.ctx.store, board.id),
    );
    assert.equal(client.replica.duplicates, 0);
    assert.ok(client.polls > 5, `polled ${client.polls} times`);
  });
});
