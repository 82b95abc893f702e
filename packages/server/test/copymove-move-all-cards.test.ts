// Moving every card of a list to a list of another board (`POST /1/lists/{id}/moveAllCards` with
// idBoard and idList), through real HTTP and a socket on each board, on both stores: what moves
// with the cards (as a single card's move), actions on both boards, both boards' viewers seeing it
// live, permissions on both sides, bad input leaving everything where it was, mutation-id replays.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";
import { SocketClient } from "./support/socket-client.ts";

type Json = Record<string, any>;

for (const kind of storeKinds()) {
  describe(`moving all cards of a list to another board (${kind})`, () => {
    let server: TestServer;
    let ada: Person;
    let bob: Person;
    let eve: Person;

    before(async () => {
      server = await startServer({}, kind);
      ada = await Person.signUp(server, "ada");
      bob = await Person.signUp(server, "bob");
      eve = await Person.signUp(server, "eve");
    });
    after(() => server.stop());

    function ok(answer: { status: number; body: any }) {
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return answer.body;
    }

    async function board(name: string, owner: Person = ada) {
      const created = ok(await owner.post("/1/boards", { name, defaultLists: true }));
      const lists = ok(await owner.get(`/1/boards/${created.id}/lists`)) as Json[];
      return { id: created.id as string, lists: lists.map((l) => l.id as string) };
    }

    async function subscribe(person: Person, boardId: string) {
      const socket = await SocketClient.open(server.url, { token: person.token });
      socket.send({ type: "board.subscribe", board: boardId });
      await socket.next("board.subscribed", (m) => m.board === boardId);
      return socket;
    }

    const idsOf = (cards: Json[]) => cards.map((c) => c.id);

    test("every open card moves in order with what a single move carries; both boards see it live", async () => {
      const source = await board("Source");
      const target = await board("Target");
      await ada.put(`/1/boards/${source.id}/members/${bob.id}`, { type: "normal" });
      const red = ok(await ada.post(`/1/boards/${source.id}/labels`, { name: "urgent", color: "red" }));
      const blue = ok(await ada.post(`/1/boards/${source.id}/labels`, { name: "later", color: "blue" }));
      const targetRed = ok(await ada.post(`/1/boards/${target.id}/labels`, { name: "urgent", color: "red" }));
      const fromList = source.lists[0]!;
      const toList = target.lists[1]!;
      const a = ok(
        await ada.post("/1/cards", {
          idList: fromList,
          name: "a",
          idLabels: [red.id, blue.id],
          idMembers: [ada.id, bob.id],
        }),
      );
      const b = ok(await ada.post("/1/cards", { idList: fromList, name: "b", idLabels: [blue.id] }));
      const archived = ok(await ada.post("/1/cards", { idList: fromList, name: "archived" }));
      ok(await ada.put(`/1/cards/${archived.id}`, { closed: true }));
      const already = ok(await ada.post("/1/cards", { idList: toList, name: "already there" }));
      const checklist = ok(await ada.post(`/1/cards/${a.id}/checklists`, { name: "Steps" }));
      ok(await ada.post(`/1/checklists/${checklist.id}/checkItems`, { name: "pack", idMember: bob.id }));
      ok(await ada.post(`/1/cards/${a.id}/attachments`, { url: "https://example.com/a", name: "link" }));
      ok(await bob.post(`/1/cards/${b.id}/actions/comments`, { text: "bring a map" }));
      const field = ok(
        await ada.post("/1/customFields", {
          idModel: source.id,
          modelType: "board",
          name: "Ref",
          type: "text",
        }),
      );
      ok(await ada.put(`/1/cards/${a.id}/customField/${field.id}/item`, { value: { text: "R-1" } }));
      // The target has a field of the same name and type: the value follows the card to it.
      const targetField = ok(
        await ada.post("/1/customFields", {
          idModel: target.id,
          modelType: "board",
          name: "Ref",
          type: "text",
        }),
      );
      // A viewer of each board: bob watches the source (he is not on the target), ada the target.
      const onSource = await subscribe(bob, source.id);
      const onTarget = await subscribe(ada, target.id);

      const moved = ok(
        await ada.post(`/1/lists/${fromList}/moveAllCards`, { idBoard: target.id, idList: toList }),
      ) as Json[];
      assert.deepEqual(idsOf(moved), [a.id, b.id], "open cards, in their order");
      for (const card of moved) {
        assert.equal(card.idBoard, target.id);
        assert.equal(card.idList, toList);
      }
      const [movedA, movedB] = moved as [Json, Json];
      const targetLabels = ok(await ada.get(`/1/boards/${target.id}/labels`)) as Json[];
      const madeBlue = targetLabels.filter((l) => l.name === "later" && l.color === "blue");
      assert.equal(madeBlue.length, 1, "a missing label is made once, for both cards");
      assert.deepEqual(movedA.idLabels, [targetRed.id, madeBlue[0]!.id]);
      assert.deepEqual(movedB.idLabels, [madeBlue[0]!.id]);
      assert.deepEqual(movedA.idMembers, [ada.id], "bob is not on the target board");
      assert.equal(movedA.idChecklists.length, 1);
      assert.equal(movedB.badges.comments, 1);
      assert.deepEqual([movedA.idShort, movedB.idShort], [2, 3], "the target board's next card numbers");
      assert.deepEqual(
        (ok(await ada.get(`/1/cards/${a.id}/customFieldItems`)) as Json[]).map((i) => [
          i.idCustomField,
          i.value,
        ]),
        [[targetField.id, { text: "R-1" }]],
        "the value moves to the target board's field of the same name and type, as with a single card's move",
      );

      const fromChanges = [await onSource.next("board.change"), await onSource.next("board.change")];
      assert.deepEqual(
        fromChanges.map((m) => m.change.action.type),
        ["moveCardFromBoard", "moveCardFromBoard"],
      );
      assert.deepEqual(
        fromChanges.map((m) => m.change.deleted.find((d: Json) => d.kind === "card")?.id),
        [a.id, b.id],
      );
      const toChange = await onTarget.next("board.change", (m) => m.change.action.type === "moveCardToBoard");
      assert.equal((toChange.change.action.data.boardSource as Json).id, source.id);
      assert.deepEqual(idsOf(toChange.change.models.cards ?? []), [a.id, b.id], "the whole move at once");
      assert.equal(
        toChange.change.models.checklists?.[0]?.checkItems[0]?.idMember,
        null,
        "bob is unassigned",
      );
      assert.equal(toChange.change.models.attachments?.length, 1);
      assert.equal(toChange.change.models.labels?.length, 1);
      await onSource.close();
      await onTarget.close();

      assert.deepEqual(idsOf(ok(await ada.get(`/1/lists/${fromList}/cards?filter=all`))), [archived.id]);
      assert.deepEqual(idsOf(ok(await ada.get(`/1/lists/${toList}/cards`))), [already.id, a.id, b.id]);
      assert.equal(ok(await ada.get(`/1/boards/${source.id}/checklists`)).length, 0);
      const comments = ok(await ada.get(`/1/cards/${b.id}/actions?filter=commentCard`)) as Json[];
      assert.deepEqual(
        comments.map((c) => [c.data.text, c.idMemberCreator]),
        [["bring a map", bob.id]],
      );
      assert.equal(ok(await ada.get(`/1/cards/${a.id}/attachments`)).length, 1);
      const sourceActions = ok(await ada.get(`/1/boards/${source.id}/actions?filter=moveCardFromBoard`));
      const targetActions = ok(await ada.get(`/1/boards/${target.id}/actions?filter=moveCardToBoard`));
      assert.deepEqual([sourceActions.length, targetActions.length], [2, 2], "each card its own actions");
      assert.equal((await bob.get(`/1/cards/${a.id}`)).status, 404, "bob cannot see the target board");

      // An emptied list moves nothing more, and a short link names the board too.
      const shortLink = ok(await ada.get(`/1/boards/${target.id}`)).shortLink;
      assert.deepEqual(
        ok(await ada.post(`/1/lists/${fromList}/moveAllCards`, { idBoard: shortLink, idList: toList })),
        [],
      );
    });

    test("bad input and missing permission are refused, and nothing moves", async () => {
      const source = await board("S2");
      const target = await board("T2");
      const foreign = await board("Eve's", eve);
      await eve.put(`/1/boards/${foreign.id}/members/${ada.id}`, { type: "observer" });
      const fromList = source.lists[0]!;
      const card = ok(await ada.post("/1/cards", { idList: fromList, name: "stays" }));
      const archivedList = ok(await ada.post("/1/lists", { name: "Old", idBoard: target.id }));
      ok(await ada.put(`/1/lists/${archivedList.id}/closed`, { value: true }));
      const cases: Array<[string, unknown, number, string]> = [
        ["a list of another board", { idBoard: target.id, idList: source.lists[1] }, 400, "idList"],
        ["an unknown list", { idBoard: target.id, idList: "0123456789abcdef01234567" }, 400, "idList"],
        ["an archived list", { idBoard: target.id, idList: archivedList.id }, 400, "idList"],
        ["an archived list of its own board", { idBoard: source.id, idList: archivedList.id }, 400, "idList"],
        ["an unknown board", { idBoard: "0123456789abcdef01234567", idList: target.lists[0] }, 404, ""],
        ["a board the actor only observes", { idBoard: foreign.id, idList: foreign.lists[0] }, 403, ""],
        ["a malformed list id", { idBoard: target.id, idList: "nope" }, 400, "idList"],
        ["no list", { idBoard: target.id }, 400, "idList"],
      ];
      for (const [what, body, status, field] of cases) {
        const answer = await ada.post(`/1/lists/${fromList}/moveAllCards`, body);
        assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.body)}`);
        if (field) assert.equal(answer.body.field, field, what);
      }
      // Writing the target is not enough: eve cannot pull ada's cards onto her board.
      await eve.put(`/1/boards/${foreign.id}/members/${ada.id}`, { type: "normal" });
      const pulled = await eve.post(`/1/lists/${fromList}/moveAllCards`, {
        idBoard: foreign.id,
        idList: foreign.lists[0],
      });
      assert.equal(pulled.status, 404);
      assert.deepEqual(idsOf(ok(await ada.get(`/1/lists/${fromList}/cards`))), [card.id]);
      assert.equal(ok(await ada.get(`/1/boards/${target.id}/cards`)).length, 0);
      assert.equal(ok(await eve.get(`/1/boards/${foreign.id}/cards`)).length, 0);
      assert.equal(ok(await ada.get(`/1/boards/${target.id}/actions?filter=moveCardToBoard`)).length, 0);
    });

    test("a retried move applies once and answers the same; the id cannot name another write", async () => {
      const source = await board("S3");
      const target = await board("T3");
      const fromList = source.lists[0]!;
      const toList = target.lists[0]!;
      const cards = [];
      for (const name of ["x", "y", "z"])
        cards.push(ok(await ada.post("/1/cards", { idList: fromList, name })));
      ok(await ada.post("/1/cards", { idList: toList, name: "there" }));
      const headers = { "x-tack-mutation-id": "move-all-once-1" };
      const body = { idBoard: target.id, idList: toList };
      const first = await ada.call("POST", `/1/lists/${fromList}/moveAllCards`, body, "token", headers);
      // Meanwhile a new card lands on the emptied list: the retry must not move it.
      const late = ok(await ada.post("/1/cards", { idList: fromList, name: "late" }));
      const again = await ada.call("POST", `/1/lists/${fromList}/moveAllCards`, body, "token", headers);
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.deepEqual(idsOf(first.body), idsOf(cards));
      assert.deepEqual(again.body, first.body, "the first answer again");
      assert.deepEqual(idsOf(ok(await ada.get(`/1/lists/${fromList}/cards`))), [late.id]);
      assert.equal(ok(await ada.get(`/1/boards/${target.id}/actions?filter=moveCardToBoard`)).length, 3);
      const other = await ada.call("PUT", `/1/cards/${late.id}`, { name: "renamed" }, "token", headers);
      assert.equal(other.status, 409);
    });

    test("moves of all cards both ways at once never deadlock and lose nothing", async () => {
      const a = await board("A");
      const b = await board("B");
      for (let i = 0; i < 6; i++)
        ok(await ada.post("/1/cards", { idList: (i % 2 ? a : b).lists[i % 3]!, name: `c${i}` }));
      const answers = await Promise.all([
        ...a.lists.map((l) => ada.post(`/1/lists/${l}/moveAllCards`, { idBoard: b.id, idList: b.lists[0] })),
        ...b.lists
          .slice(1)
          .map((l) => ada.post(`/1/lists/${l}/moveAllCards`, { idBoard: a.id, idList: a.lists[0] })),
      ]);
      for (const answer of answers) assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const onA = ok(await ada.get(`/1/boards/${a.id}/cards`)).length;
      const onB = ok(await ada.get(`/1/boards/${b.id}/cards`)).length;
      assert.equal(onA + onB, 6);
    });
  });
}
