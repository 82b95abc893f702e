// Moving a card to another board (`PUT /1/cards/{id}` with idBoard), through real HTTP and sockets
// on both stores: what moves with it, what is matched on the target, actions on both boards, both
// boards' viewers seeing it live, permissions on both sides, bad input, mutation-id replays.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";
import { assertMatchedOnTarget, fieldsOnTwoBoards } from "./support/custom-field-fixture.ts";
import { SocketClient } from "./support/socket-client.ts";

for (const kind of storeKinds()) {
  describe(`moving a card to another board (${kind})`, () => {
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

    async function board(name: string, owner: Person = ada) {
      const created = await owner.post("/1/boards", { name, defaultLists: true });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const lists = (await owner.get(`/1/boards/${created.body.id}/lists`)).body as Array<{ id: string }>;
      return { id: created.body.id as string, lists: lists.map((l) => l.id) };
    }

    async function subscribe(person: Person, boardId: string) {
      const socket = await SocketClient.open(server.url, { token: person.token });
      socket.send({ type: "board.subscribe", board: boardId });
      await socket.next("board.subscribed", (m) => m.board === boardId);
      return socket;
    }

    test("labels matched or made, members kept where they belong, checklists, attachments and comments move, both boards see it", async () => {
      const source = await board("Source");
      const target = await board("Target");
      await ada.put(`/1/boards/${source.id}/members/${bob.id}`, { type: "normal" });
      const red = (await ada.post(`/1/boards/${source.id}/labels`, { name: "urgent", color: "red" })).body;
      const blue = (await ada.post(`/1/boards/${source.id}/labels`, { name: "later", color: "blue" })).body;
      const targetRed = (await ada.post(`/1/boards/${target.id}/labels`, { name: "urgent", color: "red" }))
        .body;
      const card = (
        await ada.post("/1/cards", {
          idList: source.lists[0],
          name: "Travels",
          idLabels: [red.id, blue.id],
          idMembers: [ada.id, bob.id],
        })
      ).body;
      const checklist = (await ada.post(`/1/cards/${card.id}/checklists`, { name: "Steps" })).body;
      await ada.post(`/1/checklists/${checklist.id}/checkItems`, { name: "pack", idMember: bob.id });
      await ada.post(`/1/cards/${card.id}/attachments`, { url: "https://example.com/a", name: "link" });
      await bob.post(`/1/cards/${card.id}/actions/comments`, { text: "bring a map" });
      const onSource = await subscribe(ada, source.id);
      const onTarget = await subscribe(ada, target.id);

      const moved = await ada.put(`/1/cards/${card.id}`, {
        idBoard: target.id,
        idList: target.lists[1],
        pos: "top",
      });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.id, card.id);
      assert.equal(moved.body.idBoard, target.id);
      assert.equal(moved.body.idList, target.lists[1]);
      assert.deepEqual(moved.body.idMembers, [ada.id], "bob is not on the target board");
      const targetLabels = (await ada.get(`/1/boards/${target.id}/labels`)).body as Array<{
        id: string;
        name: string;
        color: string;
      }>;
      const madeBlue = targetLabels.find((l) => l.name === "later" && l.color === "blue");
      assert.ok(madeBlue, "the missing label is made on the target");
      assert.deepEqual(moved.body.idLabels, [targetRed.id, madeBlue.id]);
      assert.equal(moved.body.idChecklists.length, 1);
      assert.equal(moved.body.badges.comments, 1);

      const fromChange = await onSource.next("board.change");
      assert.equal(fromChange.change.action.type, "moveCardFromBoard");
      assert.equal((fromChange.change.action.data.boardTarget as { id: string }).id, target.id);
      assert.ok(
        fromChange.change.deleted.some(
          (d: { kind: string; id: string }) => d.kind === "card" && d.id === card.id,
        ),
      );
      const toChange = await onTarget.next("board.change", (m) => m.change.action.type === "moveCardToBoard");
      assert.equal((toChange.change.action.data.boardSource as { id: string }).id, source.id);
      assert.equal(toChange.change.models.cards?.at(-1)?.id, card.id);
      assert.equal(
        toChange.change.models.checklists?.[0]?.checkItems[0]?.idMember,
        null,
        "bob is unassigned",
      );
      assert.equal(toChange.change.models.attachments?.length, 1);
      await onSource.close();
      await onTarget.close();

      assert.equal((await ada.get(`/1/boards/${source.id}/cards`)).body.length, 0);
      assert.equal((await ada.get(`/1/boards/${source.id}/checklists`)).body.length, 0);
      const comments = (await ada.get(`/1/cards/${card.id}/actions?filter=commentCard`)).body;
      assert.deepEqual(
        comments.map((c: { data: { text: string }; idMemberCreator: string }) => [
          c.data.text,
          c.idMemberCreator,
        ]),
        [["bring a map", bob.id]],
      );
      const attachments = (await ada.get(`/1/cards/${card.id}/attachments`)).body;
      assert.equal(attachments[0].idBoard ?? target.id, target.id);
      const sourceActions = (await ada.get(`/1/boards/${source.id}/actions?filter=moveCardFromBoard`)).body;
      assert.equal(sourceActions.length, 1);
      const targetActions = (await ada.get(`/1/boards/${target.id}/actions?filter=moveCardToBoard`)).body;
      assert.equal(targetActions.length, 1);
      // Bob, no longer able to see the card, gets a not found for it.
      assert.equal((await bob.get(`/1/cards/${card.id}`)).status, 404);
      // The card number follows the target board's counter.
      assert.equal(moved.body.idShort, 1);
    });

    test("custom field values are matched to the target's fields by name and type, the rest dropped", async () => {
      const source = await board("Fields from");
      const target = await board("Fields to");
      const card = (await ada.post("/1/cards", { idList: source.lists[0], name: "Valued" })).body;
      const fields = await fieldsOnTwoBoards(ada, source.id, target.id, card.id);
      const moved = await ada.put(`/1/cards/${card.id}`, { idBoard: target.id });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      const items = (await ada.get(`/1/cards/${card.id}/customFieldItems`)).body;
      assertMatchedOnTarget(items, card.id, fields.target);
      const read = (await ada.get(`/1/cards/${card.id}?customFieldItems=true`)).body;
      assertMatchedOnTarget(read.customFieldItems, card.id, fields.target);
    });

    test("without idList the card lands in the target's first open list; a short link names the board", async () => {
      const source = await board("S2");
      const target = await board("T2");
      const shortLink = (await ada.get(`/1/boards/${target.id}`)).body.shortLink;
      const card = (await ada.post("/1/cards", { idList: source.lists[0], name: "x" })).body;
      const moved = await ada.put(`/1/cards/${card.id}/idBoard`, { value: shortLink });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.idList, target.lists[0]);
    });

    test("bad input is refused and nothing is written", async () => {
      const source = await board("S3");
      const target = await board("T3");
      const foreign = await board("Eve's", eve);
      await eve.put(`/1/boards/${foreign.id}/members/${ada.id}`, { type: "observer" });
      const card = (await ada.post("/1/cards", { idList: source.lists[0], name: "stays" })).body;
      const cases: Array<[string, unknown, number, string]> = [
        ["a list of another board", { idBoard: target.id, idList: source.lists[1] }, 400, "idList"],
        ["an unknown board", { idBoard: "0123456789abcdef01234567" }, 404, ""],
        ["a board the actor only observes", { idBoard: foreign.id }, 403, ""],
        ["other fields with a move", { idBoard: target.id, name: "renamed" }, 400, "name"],
        ["a malformed board id", { idBoard: "nope" }, 400, "idBoard"],
      ];
      for (const [what, body, status, field] of cases) {
        const answer = await ada.put(`/1/cards/${card.id}`, body);
        assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.body)}`);
        if (field) assert.equal(answer.body.field, field, what);
      }
      // A person who may write the target but not the source cannot pull the card over.
      await eve.put(`/1/boards/${foreign.id}/members/${ada.id}`, { type: "normal" });
      assert.equal((await eve.put(`/1/cards/${card.id}`, { idBoard: foreign.id })).status, 404);
      const still = (await ada.get(`/1/cards/${card.id}`)).body;
      assert.equal(still.idBoard, source.id);
      assert.equal(still.name, "stays");
      assert.equal((await ada.get(`/1/boards/${target.id}/cards`)).body.length, 0);
    });

    test("a retried move applies once and answers the same; the id cannot name another write", async () => {
      const source = await board("S4");
      const target = await board("T4");
      const card = (await ada.post("/1/cards", { idList: source.lists[0], name: "once" })).body;
      const headers = { "x-tack-mutation-id": "move-once-1" };
      const first = await ada.call("PUT", `/1/cards/${card.id}`, { idBoard: target.id }, "token", headers);
      const again = await ada.call("PUT", `/1/cards/${card.id}`, { idBoard: target.id }, "token", headers);
      assert.equal(first.status, 200);
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal(again.body.idBoard, target.id);
      assert.equal(again.body.pos, first.body.pos);
      assert.equal((await ada.get(`/1/boards/${target.id}/actions?filter=moveCardToBoard`)).body.length, 1);
      const other = await ada.call("PUT", `/1/cards/${card.id}`, { name: "renamed" }, "token", headers);
      assert.equal(other.status, 409);
    });

    test("moves both ways at once never deadlock and lose nothing", async () => {
      const a = await board("A");
      const b = await board("B");
      const cards = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          ada.post("/1/cards", { idList: (i % 2 ? a : b).lists[0], name: `c${i}` }),
        ),
      );
      const answers = await Promise.all(
        cards.map((c, i) => ada.put(`/1/cards/${c.body.id}`, { idBoard: (i % 2 ? b : a).id })),
      );
      for (const answer of answers) assert.equal(answer.status, 200, JSON.stringify(answer.body));
      const onA = (await ada.get(`/1/boards/${a.id}/cards`)).body.length;
      const onB = (await ada.get(`/1/boards/${b.id}/cards`)).body.length;
      assert.deepEqual([onA, onB], [3, 3]);
    });
  });
}
