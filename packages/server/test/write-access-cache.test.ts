// The writes of cards, lists, checklists and labels (every move, every drag, labels, members,
// comments, check items) are authorized from the process's access cache when it holds the
// object's board and the person's access to it (decision 0044-cached-write-access), or the
// person's access to the board its copy on this process has the object on (decision 0060). What
// must hold: repeated writes read each board's access once; a removed member, a member made observer
// and a closed board are refused as soon as that change answered, on every process, and nothing
// is written; a card moved to another board is written where it is now (or refused, where the
// writer may not write), and its comments and check items follow it; a deleted card is not found.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, storeKinds, type TestServer } from "./harness.ts";
import { type CachingServer, startCachingServer, storeCalls } from "./support/caching-server.ts";
import { type ProcessPair, startProcessPair } from "./support/process-pair.ts";

/** A board of `owner`'s with `member` on it as `type`, one list and one card. */
async function sharedBoard(owner: Person, member: Person, type = "normal") {
  const board = (await owner.post("/1/boards", { name: "Shared", defaultLists: true })).body;
  assert.equal((await owner.put(`/1/boards/${board.id}/members/${member.id}`, { type })).status, 200);
  const list = (await owner.get(`/1/boards/${board.id}/lists`)).body[0].id as string;
  const card = (await owner.post("/1/cards", { idList: list, name: "Card" })).body.id as string;
  return { id: board.id as string, list, card };
}

for (const kind of storeKinds()) {
  describe(`cached write access, one process (${kind})`, () => {
    let cache: CachingServer;
    let server: TestServer;
    let ada: Person;
    let bob: Person;

    before(async () => {
      cache = await startCachingServer(kind, "wac", { TACK_CREDENTIAL_CACHE_MS: "60000" });
      ({ server } = cache);
      ada = await Person.signUp(server, "ada");
      bob = await Person.signUp(server, "bob");
    });
    after(async () => {
      await cache.stop();
    });

    test("repeated updates of a card read its access once", async () => {
      const board = await sharedBoard(ada, bob);
      const before = await storeCalls(server, "objectAccess");
      for (let i = 0; i < 10; i++) {
        const res = await bob.put(`/1/cards/${board.card}`, { name: `name ${i}`, pos: "top" });
        assert.equal(res.status, 200);
        assert.equal(res.body.name, `name ${i}`);
      }
      assert.equal((await storeCalls(server, "objectAccess")) - before, 1);
      // Another person's access is their own entry.
      assert.equal((await ada.put(`/1/cards/${board.card}`, { name: "ada's" })).status, 200);
      assert.equal((await storeCalls(server, "objectAccess")) - before, 2);
    });

    test("writes of a board's other cards read the person's access once for the board", async () => {
      const board = await sharedBoard(ada, bob);
      const cards = [board.card];
      for (let i = 1; i < 6; i++)
        cards.push((await ada.post("/1/cards", { idList: board.list, name: `Card ${i}` })).body.id);
      const lists = (await ada.get(`/1/boards/${board.id}/lists`)).body.map((l: { id: string }) => l.id);
      // The web client's read: this process keeps a copy of the board (decision 0039).
      assert.equal((await bob.get(`/1/boards/${board.id}?lists=open&cards=open`)).status, 200);
      const before = await storeCalls(server, "objectAccess");
      for (const [i, card] of cards.entries()) {
        const res = await bob.put(`/1/cards/${card}`, { idList: lists[i % lists.length], pos: "top" });
        assert.equal(res.status, 200);
        assert.equal(res.body.idList, lists[i % lists.length]);
      }
      const checklist = await bob.post(`/1/cards/${cards[1]}/checklists`, { name: "Steps" });
      assert.equal(checklist.status, 200);
      assert.equal((await bob.put(`/1/lists/${board.list}`, { name: "Renamed" })).status, 200);
      assert.equal((await storeCalls(server, "objectAccess")) - before, 1);
      for (const [i, card] of cards.entries())
        assert.equal((await ada.get(`/1/cards/${card}`)).body.idList, lists[i % lists.length]);
    });

    test("a board's cached access grants nothing on another board's cards, nor to anyone else", async () => {
      const board = await sharedBoard(ada, bob);
      assert.equal((await bob.put(`/1/cards/${board.card}`, { name: "bob's" })).status, 200);
      // Ada's own board, read here so its copy is held: bob is not on it.
      const own = (await ada.post("/1/boards", { name: "Ada's own", defaultLists: true })).body;
      const ownList = (await ada.get(`/1/boards/${own.id}/lists`)).body[0].id as string;
      const ownCard = (await ada.post("/1/cards", { idList: ownList, name: "Private" })).body.id as string;
      assert.equal((await ada.get(`/1/boards/${own.id}?lists=open&cards=open`)).status, 200);
      assert.equal((await bob.put(`/1/cards/${ownCard}`, { name: "bob was here" })).status, 404);
      assert.equal((await bob.put(`/1/lists/${ownList}`, { name: "bob was here" })).status, 404);
      assert.equal((await bob.post(`/1/cards/${ownCard}/actions/comments`, { text: "hi" })).status, 404);
      // Someone not on the shared board finds none of its cards, though bob's access is cached.
      const carol = await Person.signUp(server, `carol${Date.now()}`);
      assert.equal((await carol.put(`/1/cards/${board.card}`, { name: "carol" })).status, 404);
      assert.equal((await ada.get(`/1/cards/${ownCard}`)).body.name, "Private");
      assert.equal((await ada.get(`/1/lists/${ownList}`)).body.name, "To Do");
      assert.equal((await ada.get(`/1/cards/${board.card}`)).body.name, "bob's");
    });

    test("read access cached by polling grants no write: an observer, a stranger on a public board", async () => {
      const board = await sharedBoard(ada, bob, "observer");
      const pub = (await ada.post("/1/boards", { name: "Public", defaultLists: true })).body;
      assert.equal(
        (await ada.put(`/1/boards/${pub.id}`, { prefs: { permissionLevel: "public" } })).status,
        200,
      );
      const pubList = (await ada.get(`/1/boards/${pub.id}/lists`)).body[0].id as string;
      const pubCard = (await ada.post("/1/cards", { idList: pubList, name: "Public card" })).body
        .id as string;
      const carol = await Person.signUp(server, `carol${Date.now()}`);
      for (const [who, id] of [
        [bob, board.id],
        [carol, pub.id],
      ] as const) {
        assert.equal((await who.get(`/1/boards/${id}?lists=open&cards=open`)).status, 200);
        // The polling check remembers their read access (decision 0031), twice to be sure it is used.
        for (let i = 0; i < 2; i++)
          assert.equal((await who.get(`/1/boards/${id}/changes?since=0`)).status, 200);
      }
      const refused = await bob.put(`/1/cards/${board.card}`, { name: "observer" });
      assert.equal(refused.status, 403);
      assert.match(refused.body.message, /Observers can only read/);
      assert.equal((await bob.put(`/1/lists/${board.list}`, { name: "observer" })).status, 403);
      assert.equal((await carol.put(`/1/cards/${pubCard}`, { name: "carol" })).status, 403);
      assert.equal((await carol.put(`/1/lists/${pubList}`, { name: "carol" })).status, 403);
      assert.equal((await ada.get(`/1/cards/${board.card}`)).body.name, "Card");
      assert.equal((await ada.get(`/1/cards/${pubCard}`)).body.name, "Public card");
    });

    test("a removed member, or one made observer, is refused at once on cards they never wrote", async () => {
      const board = await sharedBoard(ada, bob);
      const first = (await ada.post("/1/cards", { idList: board.list, name: "First" })).body.id as string;
      const second = (await ada.post("/1/cards", { idList: board.list, name: "Second" })).body.id as string;
      assert.equal((await bob.get(`/1/boards/${board.id}?lists=open&cards=open`)).status, 200);
      assert.equal((await bob.put(`/1/cards/${board.card}`, { name: "bob" })).status, 200);
      const demoted = await ada.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "observer" });
      assert.equal(demoted.status, 200);
      assert.equal((await bob.put(`/1/cards/${first}`, { name: "observer" })).status, 403);
      const restored = await ada.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "normal" });
      assert.equal(restored.status, 200);
      assert.equal((await bob.put(`/1/cards/${first}`, { name: "normal again" })).status, 200);
      assert.equal((await ada.del(`/1/boards/${board.id}/members/${bob.id}`)).status, 200);
      assert.equal((await bob.put(`/1/cards/${second}`, { name: "removed" })).status, 404);
      assert.equal((await ada.get(`/1/cards/${first}`)).body.name, "normal again");
      assert.equal((await ada.get(`/1/cards/${second}`)).body.name, "Second");
    });

    test("a removed member's update is refused as soon as the removal answered", async () => {
      const board = await sharedBoard(ada, bob);
      for (let i = 0; i < 3; i++)
        assert.equal((await bob.put(`/1/cards/${board.card}`, { name: `bob ${i}` })).status, 200);
      assert.equal((await ada.del(`/1/boards/${board.id}/members/${bob.id}`)).status, 200);
      const refused = await bob.put(`/1/cards/${board.card}`, { name: "after removal" });
      assert.equal(refused.status, 404);
      assert.equal((await ada.get(`/1/cards/${board.card}`)).body.name, "bob 2");
    });

    test("a member made observer is refused as soon as the change answered", async () => {
      const board = await sharedBoard(ada, bob);
      assert.equal((await bob.put(`/1/cards/${board.card}`, { name: "bob" })).status, 200);
      assert.equal(
        (await ada.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "observer" })).status,
        200,
      );
      const refused = await bob.put(`/1/cards/${board.card}/name`, { value: "observer" });
      assert.equal(refused.status, 403);
      assert.match(refused.body.message, /Observers can only read/);
      assert.equal((await ada.get(`/1/cards/${board.card}`)).body.name, "bob");
    });

    test("a closed board refuses the update as soon as closing answered", async () => {
      const board = await sharedBoard(ada, bob);
      assert.equal((await bob.put(`/1/cards/${board.card}`, { name: "open" })).status, 200);
      assert.equal((await ada.put(`/1/boards/${board.id}`, { closed: true })).status, 200);
      const refused = await bob.put(`/1/cards/${board.card}`, { name: "closed" });
      assert.equal(refused.status, 403);
      assert.match(refused.body.message, /closed/);
      assert.equal((await ada.get(`/1/cards/${board.card}`)).body.name, "open");
    });

    test("a card moved to another board is updated where it is now", async () => {
      const from = await sharedBoard(ada, bob);
      const to = await sharedBoard(ada, bob);
      assert.equal((await bob.put(`/1/cards/${from.card}`, { name: "on the first board" })).status, 200);
      const moved = await ada.put(`/1/cards/${from.card}`, { idBoard: to.id, idList: to.list });
      assert.equal(moved.status, 200);
      const res = await bob.put(`/1/cards/${from.card}`, { name: "followed it", pos: "top" });
      assert.equal(res.status, 200);
      assert.equal(res.body.idBoard, to.id);
      const card = (await ada.get(`/1/cards/${from.card}`)).body;
      assert.equal(card.name, "followed it");
      assert.equal(card.idBoard, to.id);
      assert.equal(card.idList, to.list);
    });

    test("a card moved to a board the writer is not on is not found for them", async () => {
      const from = await sharedBoard(ada, bob);
      const elsewhere = (await ada.post("/1/boards", { name: "Ada's own", defaultLists: true })).body;
      const list = (await ada.get(`/1/boards/${elsewhere.id}/lists`)).body[0].id as string;
      assert.equal((await bob.put(`/1/cards/${from.card}`, { name: "bob was here" })).status, 200);
      assert.equal(
        (await ada.put(`/1/cards/${from.card}`, { idBoard: elsewhere.id, idList: list })).status,
        200,
      );
      assert.equal((await bob.put(`/1/cards/${from.card}`, { name: "nope" })).status, 404);
      assert.equal((await ada.get(`/1/cards/${from.card}`)).body.name, "bob was here");
    });

    test("a list's updates read its access once; a list moved to another board is updated there", async () => {
      const from = await sharedBoard(ada, bob);
      const to = await sharedBoard(ada, bob);
      const before = await storeCalls(server, "objectAccess");
      for (let i = 0; i < 5; i++)
        assert.equal((await bob.put(`/1/lists/${from.list}`, { name: `list ${i}`, pos: "top" })).status, 200);
      assert.equal((await storeCalls(server, "objectAccess")) - before, 1);
      assert.equal((await ada.put(`/1/lists/${from.list}`, { idBoard: to.id })).status, 200);
      const res = await bob.put(`/1/lists/${from.list}/name`, { value: "followed it" });
      assert.equal(res.status, 200);
      assert.equal(res.body.idBoard, to.id);
      assert.equal((await ada.get(`/1/lists/${from.list}`)).body.name, "followed it");
      assert.equal((await ada.del(`/1/boards/${to.id}/members/${bob.id}`)).status, 200);
      assert.equal((await bob.put(`/1/lists/${from.list}`, { name: "after removal" })).status, 404);
      assert.equal((await ada.get(`/1/lists/${from.list}`)).body.name, "followed it");
    });

    test("a deleted card is not found, and is not written", async () => {
      const board = await sharedBoard(ada, bob);
      assert.equal((await bob.put(`/1/cards/${board.card}`, { name: "soon gone" })).status, 200);
      assert.equal((await ada.del(`/1/cards/${board.card}`)).status, 200);
      assert.equal((await bob.put(`/1/cards/${board.card}`, { name: "ghost" })).status, 404);
      assert.equal((await ada.get(`/1/cards/${board.card}`)).status, 404);
    });
    test("a card's comments and check items follow it to another board, and end where the writer is not", async () => {
      const from = await sharedBoard(ada, bob);
      const to = await sharedBoard(ada, bob);
      const checklist = (await ada.post("/1/checklists", { idCard: from.card, name: "C" })).body.id;
      const item = (await ada.post(`/1/checklists/${checklist}/checkItems`, { name: "I" })).body.id;
      const card = `/1/cards/${from.card}`;
      assert.equal((await bob.post(`${card}/actions/comments`, { text: "first" })).status, 200);
      assert.equal((await bob.put(`/1/checklists/${checklist}`, { name: "cached" })).status, 200);
      assert.equal((await ada.put(card, { idBoard: to.id, idList: to.list })).status, 200);
      assert.equal((await bob.post(`${card}/actions/comments`, { text: "followed" })).status, 200);
      assert.equal((await bob.put(`${card}/checkItem/${item}`, { state: "complete" })).status, 200);
      assert.equal((await bob.put(`/1/checklists/${checklist}`, { name: "moved" })).status, 200);
      const elsewhere = (await ada.post("/1/boards", { name: "Ada's own", defaultLists: true })).body;
      const list = (await ada.get(`/1/boards/${elsewhere.id}/lists`)).body[0].id as string;
      assert.equal((await ada.put(card, { idBoard: elsewhere.id, idList: list })).status, 200);
      assert.equal((await bob.post(`${card}/actions/comments`, { text: "nope" })).status, 404);
      assert.equal((await bob.put(`${card}/checkItem/${item}`, { state: "incomplete" })).status, 404);
      assert.equal((await bob.put(`/1/checklists/${checklist}`, { name: "nope" })).status, 404);
      const texts = (await ada.get(`${card}/actions?filter=commentCard`)).body.map(
        (a: { data: { text: string } }) => a.data.text,
      );
      assert.deepEqual(texts.sort(), ["first", "followed"]);
      const after = (await ada.get(`/1/checklists/${checklist}`)).body;
      assert.equal(after.name, "moved");
      assert.equal(after.checkItems[0].state, "complete");
    });

    test("a card's, checklist's and label's other writes read each object's access once, and end with a removal", async () => {
      const board = await sharedBoard(ada, bob);
      const label = (await ada.post("/1/labels", { idBoard: board.id, name: "L", color: "green" })).body.id;
      const checklist = (await ada.post("/1/checklists", { idCard: board.card, name: "C" })).body.id;
      const item = (await ada.post(`/1/checklists/${checklist}/checkItems`, { name: "I" })).body.id;
      const card = `/1/cards/${board.card}`;
      // Every write of these routes, as `p` makes them; each pair of add and remove leaves the card
      // as it was, so the writes can be made again.
      const writesBy = (p: Person): Array<[string, () => Promise<{ status: number }>]> => [
        ["label added", () => p.post(`${card}/idLabels`, { value: label })],
        ["label removed", () => p.del(`${card}/idLabels/${label}`)],
        ["member added", () => p.post(`${card}/idMembers`, { value: p.id })],
        ["member removed", () => p.del(`${card}/idMembers/${p.id}`)],
        ["comment", () => p.post(`${card}/actions/comments`, { text: "hello" })],
        ["check item ticked", () => p.put(`${card}/checkItem/${item}`, { state: "complete" })],
        [
          "check item through its checklist",
          () => p.put(`${card}/checklist/${checklist}/checkItem/${item}`, { state: "incomplete" }),
        ],
        ["checklist renamed", () => p.put(`/1/checklists/${checklist}`, { name: "C2" })],
        ["check item added", () => p.post(`/1/checklists/${checklist}/checkItems`, { name: "more" })],
        ["label renamed", () => p.put(`/1/labels/${label}`, { name: "L2" })],
        ["checklist on the card", () => p.post(`${card}/checklists`, { name: "another" })],
        ["checklist by idCard", () => p.post("/1/checklists", { idCard: board.card, name: "a third" })],
      ];
      const writes = writesBy(bob);
      const before = await storeCalls(server, "objectAccess");
      for (let round = 0; round < 3; round++)
        for (const [what, write] of writes)
          assert.equal((await write()).status, 200, `${what}, round ${round}`);
      // One read, for the card: bob's access to its board came with it, and the checklist and the
      // label are on this process's copy of that board (decision 0060).
      assert.equal((await storeCalls(server, "objectAccess")) - before, 1);
      // Someone not on the board finds none of it; bob made observer may write none of it, at once.
      const carol = await Person.signUp(server, `carol${Date.now()}`);
      for (const [what, write] of writesBy(carol))
        assert.equal((await write()).status, 404, `${what} by a stranger`);
      const observer = await ada.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "observer" });
      assert.equal(observer.status, 200);
      for (const [what, write] of writes) assert.equal((await write()).status, 403, `${what} by an observer`);
      assert.equal(
        (await ada.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "normal" })).status,
        200,
      );
      assert.equal((await ada.del(`/1/boards/${board.id}/members/${bob.id}`)).status, 200);
      const comments = (await ada.get(`${card}/actions?filter=commentCard`)).body.length;
      for (const [what, write] of writes)
        assert.equal((await write()).status, 404, `${what} after the removal`);
      assert.equal((await ada.get(`${card}/actions?filter=commentCard`)).body.length, comments);
      assert.equal((await ada.get(`/1/labels/${label}`)).body.name, "L2");
    });
  });
}

describe("cached write access, two processes (PostgreSQL and Redis)", () => {
  let pair: ProcessPair;
  let adaOnA: Person;
  let bobOnB: Person;

  before(async () => {
    pair = await startProcessPair("wac", {
      TACK_CREDENTIAL_CACHE_MS: "60000",
      TACK_AUTH_RATE_LIMIT: "100000",
    });
    adaOnA = await Person.signUp(pair.a.asTestServer(), "ada");
    bobOnB = (await Person.signUp(pair.a.asTestServer(), "bob")).on(pair.b.asTestServer());
  });
  after(async () => {
    await pair?.stop();
  });

  test("a member removed on one process is refused by the other's next update", async () => {
    for (let round = 0; round < 5; round++) {
      const board = await sharedBoard(adaOnA, bobOnB);
      for (let i = 0; i < 3; i++)
        assert.equal((await bobOnB.put(`/1/cards/${board.card}`, { name: `bob ${i}` })).status, 200);
      assert.equal((await adaOnA.del(`/1/boards/${board.id}/members/${bobOnB.id}`)).status, 200);
      const refused = await bobOnB.put(`/1/cards/${board.card}`, { name: "after removal" });
      assert.equal(refused.status, 404, `round ${round}: b refuses bob`);
      assert.equal((await adaOnA.get(`/1/cards/${board.card}`)).body.name, "bob 2");
    }
  });

  test("a card moved off a board by one process is written where it is by the other, or refused", async () => {
    for (let round = 0; round < 5; round++) {
      const from = await sharedBoard(adaOnA, bobOnB);
      const to = await sharedBoard(adaOnA, bobOnB);
      const own = (await adaOnA.post("/1/boards", { name: "Ada's own", defaultLists: true })).body;
      const ownList = (await adaOnA.get(`/1/boards/${own.id}/lists`)).body[0].id as string;
      const other = (await adaOnA.post("/1/cards", { idList: from.list, name: "Other" })).body.id as string;
      // b holds copies of the boards and bob's access to them.
      for (const id of [from.id, to.id])
        assert.equal((await bobOnB.get(`/1/boards/${id}?lists=open&cards=open`)).status, 200);
      assert.equal((await bobOnB.put(`/1/cards/${from.card}`, { name: "on the first" })).status, 200);
      assert.equal((await bobOnB.put(`/1/cards/${to.card}`, { name: "on the second" })).status, 200);
      // Moved on a, and bob's next write on b comes at once: b's copy may not have heard yet.
      const moved = await adaOnA.put(`/1/cards/${other}`, { idBoard: to.id, idList: to.list });
      assert.equal(moved.status, 200);
      const followed = await bobOnB.put(`/1/cards/${other}`, { name: `followed ${round}` });
      assert.equal(followed.status, 200, `round ${round}`);
      assert.equal(followed.body.idBoard, to.id);
      const away = await adaOnA.put(`/1/cards/${from.card}`, { idBoard: own.id, idList: ownList });
      assert.equal(away.status, 200);
      assert.equal(
        (await bobOnB.put(`/1/cards/${from.card}`, { name: "nope" })).status,
        404,
        `round ${round}`,
      );
      const card = (await adaOnA.get(`/1/cards/${from.card}`)).body;
      assert.equal(card.name, "on the first");
      assert.equal(card.idBoard, own.id);
      assert.equal((await adaOnA.get(`/1/cards/${other}`)).body.name, `followed ${round}`);
    }
  });

  test("a member made observer on one process is refused by the other's next update", async () => {
    for (let round = 0; round < 5; round++) {
      const board = await sharedBoard(adaOnA, bobOnB);
      assert.equal((await bobOnB.put(`/1/cards/${board.card}`, { name: "bob" })).status, 200);
      const demoted = await adaOnA.put(`/1/boards/${board.id}/members/${bobOnB.id}`, { type: "observer" });
      assert.equal(demoted.status, 200);
      const refused = await bobOnB.put(`/1/cards/${board.card}`, { pos: "top", name: "observer" });
      assert.equal(refused.status, 403, `round ${round}: b refuses bob`);
      assert.equal((await adaOnA.get(`/1/cards/${board.card}`)).body.name, "bob");
    }
  });
});
