// Copies and templates through real HTTP and sockets on both stores: a card copied with what
// keepFromSource names (to any board the actor can write), a card made from a template card, a list
// copied, a list moved to another board with its cards (both boards see it live), a board copied
// (or made from a template board), a list's WIP limit; and every bad input refused, nothing written.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";
import { assertMatchedOnTarget, fieldsOnTwoBoards } from "./support/custom-field-fixture.ts";
import { SocketClient } from "./support/socket-client.ts";

for (const kind of storeKinds()) {
  describe(`copies and templates (${kind})`, () => {
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

    async function richCard(b: { id: string; lists: string[] }) {
      const label = (await ada.post(`/1/boards/${b.id}/labels`, { name: "urgent", color: "red" })).body;
      const card = (
        await ada.post("/1/cards", {
          idList: b.lists[0],
          name: "Original",
          desc: "words",
          due: "2030-01-02T03:04:05.000Z",
          idLabels: [label.id],
          idMembers: [ada.id],
        })
      ).body;
      const checklist = (await ada.post(`/1/cards/${card.id}/checklists`, { name: "Steps" })).body;
      await ada.post(`/1/checklists/${checklist.id}/checkItems`, { name: "one" });
      await ada.post(`/1/cards/${card.id}/attachments`, { url: "https://example.com/x", name: "x" });
      await ada.post(`/1/cards/${card.id}/actions/comments`, { text: "first!" });
      return { card, label };
    }

    test("a card copied to another board keeps all by default, or only what keepFromSource names", async () => {
      const source = await board("Copy from");
      const target = await board("Copy to");
      const { card } = await richCard(source);
      const all = await ada.post("/1/cards", {
        idList: target.lists[1],
        idCardSource: card.id,
        keepFromSource: "all",
      });
      assert.equal(all.status, 200, JSON.stringify(all.body));
      assert.notEqual(all.body.id, card.id);
      assert.equal(all.body.idBoard, target.id);
      assert.equal(all.body.name, "Original");
      assert.equal(all.body.due, "2030-01-02T03:04:05.000Z");
      assert.deepEqual(all.body.idMembers, [ada.id]);
      assert.equal(all.body.labels[0].name, "urgent");
      assert.equal(all.body.idChecklists.length, 1);
      assert.equal(all.body.badges.attachments, 1);
      const copied = (await ada.get(`/1/cards/${all.body.id}/actions?filter=copyCommentCard`)).body;
      assert.equal(copied[0].data.text, "first!");
      // The source is untouched.
      assert.equal((await ada.get(`/1/cards/${card.id}`)).body.idChecklists.length, 1);

      const some = await ada.post("/1/cards", {
        idList: target.lists[0],
        idCardSource: card.id,
        keepFromSource: "labels",
        name: "Renamed copy",
      });
      assert.equal(some.status, 200, JSON.stringify(some.body));
      assert.equal(some.body.name, "Renamed copy");
      assert.equal(some.body.due, null);
      assert.deepEqual(some.body.idMembers, []);
      assert.equal(some.body.idChecklists.length, 0);
      assert.equal(some.body.idLabels.length, 1);
      assert.equal(some.body.idLabels[0], all.body.idLabels[0], "the label made by the first copy is reused");
    });

    test("custom field values: kept on the same board, matched by name and type on another", async () => {
      const source = await board("Fields source");
      const target = await board("Fields target");
      const card = (await ada.post("/1/cards", { idList: source.lists[0], name: "Valued" })).body;
      const fields = await fieldsOnTwoBoards(ada, source.id, target.id, card.id);
      const across = await ada.post("/1/cards", {
        idList: target.lists[0],
        idCardSource: card.id,
        keepFromSource: "all",
      });
      assert.equal(across.status, 200, JSON.stringify(across.body));
      assertMatchedOnTarget(
        (await ada.get(`/1/cards/${across.body.id}/customFieldItems`)).body,
        across.body.id,
        fields.target,
      );
      const without = await ada.post("/1/cards", {
        idList: target.lists[0],
        idCardSource: card.id,
        keepFromSource: "labels",
      });
      assert.deepEqual((await ada.get(`/1/cards/${without.body.id}/customFieldItems`)).body, []);
      const here = await ada.post("/1/cards", {
        idList: source.lists[1],
        idCardSource: card.id,
        keepFromSource: "all",
      });
      assert.equal(here.status, 200, JSON.stringify(here.body));
      const sourceItems = (await ada.get(`/1/cards/${card.id}/customFieldItems`)).body;
      const hereItems = (await ada.get(`/1/cards/${here.body.id}/customFieldItems`)).body;
      assert.equal(hereItems.length, 5);
      assert.deepEqual(
        hereItems
          .map((i: Record<string, unknown>) => [i.idCustomField, i.idValue, i.value, i.idModel])
          .sort(),
        sourceItems
          .map((i: Record<string, unknown>) => [i.idCustomField, i.idValue, i.value, here.body.id])
          .sort(),
      );
    });

    test("a template card makes ordinary cards; the copy is pushed live", async () => {
      const b = await board("Templates");
      const template = await ada.post("/1/cards", {
        idList: b.lists[0],
        name: "Bug report",
        isTemplate: true,
      });
      assert.equal(template.body.isTemplate, true);
      const socket = await SocketClient.open(server.url, { token: ada.token });
      socket.send({ type: "board.subscribe", board: b.id });
      await socket.next("board.subscribed", (m) => m.board === b.id);
      const made = await ada.post("/1/cards", { idList: b.lists[1], idCardSource: template.body.id });
      assert.equal(made.status, 200);
      assert.equal(made.body.isTemplate, false);
      const pushed = await socket.next("board.change", (m) => m.change.action.type === "copyCard");
      assert.equal(pushed.change.models.cards?.at(-1)?.id, made.body.id);
      await socket.close();
      const unmade = await ada.put(`/1/cards/${template.body.id}/isTemplate`, { value: false });
      assert.equal(unmade.body.isTemplate, false);
    });

    test("bad copies are refused and write nothing", async () => {
      const mine = await board("Mine");
      const theirs = await board("Theirs", eve);
      const secret = (await eve.post("/1/cards", { idList: theirs.lists[0], name: "secret" })).body;
      const own = (await ada.post("/1/cards", { idList: mine.lists[0], name: "own" })).body;
      const cases: Array<[string, Person, unknown, number]> = [
        ["a source the actor cannot read", ada, { idList: mine.lists[0], idCardSource: secret.id }, 404],
        ["a list the actor cannot write", ada, { idList: theirs.lists[0], idCardSource: own.id }, 404],
        ["an unknown source", ada, { idList: mine.lists[0], idCardSource: "0123456789abcdef01234567" }, 404],
        [
          "an unknown keep",
          ada,
          { idList: mine.lists[0], idCardSource: own.id, keepFromSource: "labels,cats" },
          400,
        ],
      ];
      for (const [what, who, body, status] of cases) {
        const answer = await who.post("/1/cards", body);
        assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.body)}`);
      }
      assert.equal((await ada.get(`/1/boards/${mine.id}/cards`)).body.length, 1);
      assert.equal((await eve.get(`/1/boards/${theirs.id}/cards`)).body.length, 1);
    });

    test("a list copied with its open cards; a list moved to another board with its cards, seen live on both", async () => {
      const source = await board("Lists from");
      const target = await board("Lists to");
      await ada.put(`/1/boards/${source.id}/members/${bob.id}`, { type: "normal" });
      await ada.put(`/1/boards/${target.id}/members/${bob.id}`, { type: "normal" });
      await richCard(source);
      await ada.post("/1/cards", { idList: source.lists[0], name: "second" });
      const archived = (await ada.post("/1/cards", { idList: source.lists[0], name: "gone", closed: true }))
        .body;
      await ada.put(`/1/lists/${source.lists[0]}/softLimit`, { value: 3 });

      const copy = await ada.post("/1/lists", {
        idBoard: source.id,
        idListSource: source.lists[0],
        name: "Copy",
      });
      assert.equal(copy.status, 200, JSON.stringify(copy.body));
      assert.equal(copy.body.softLimit, 3);
      const copiedCards = (await ada.get(`/1/lists/${copy.body.id}/cards`)).body;
      assert.deepEqual(
        copiedCards.map((c: { name: string }) => c.name),
        ["Original", "second"],
      );

      const onSource = await SocketClient.open(server.url, { token: bob.token });
      onSource.send({ type: "board.subscribe", board: source.id });
      await onSource.next("board.subscribed", (m) => m.board === source.id);
      const onTarget = await SocketClient.open(server.url, { token: bob.token });
      onTarget.send({ type: "board.subscribe", board: target.id });
      await onTarget.next("board.subscribed", (m) => m.board === target.id);

      const moved = await ada.put(`/1/lists/${source.lists[0]}/idBoard`, { value: target.id });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.equal(moved.body.idBoard, target.id);
      const left = await onSource.next("board.change", (m) => m.change.action.type === "moveListFromBoard");
      assert.ok(
        left.change.deleted.some(
          (d: { kind: string; id: string }) => d.kind === "card" && d.id === archived.id,
        ),
      );
      const arrived = await onTarget.next("board.change", (m) => m.change.action.type === "moveListToBoard");
      assert.equal(arrived.change.models.cards?.length, 3, "open and archived cards move");
      await onSource.close();
      await onTarget.close();
      const targetCards = (await ada.get(`/1/boards/${target.id}/cards/all`)).body;
      assert.equal(targetCards.length, 3);
      assert.equal((await ada.get(`/1/boards/${source.id}/cards`)).body.length, 2, "only the copies stay");
      assert.equal((await ada.get(`/1/cards/${archived.id}`)).body.idBoard, target.id);

      const bad = await ada.put(`/1/lists/${copy.body.id}`, { idBoard: target.id, name: "x" });
      assert.equal(bad.status, 400);
      assert.equal((await ada.put(`/1/lists/${copy.body.id}/softLimit`, { value: 0 })).status, 400);
      assert.equal((await ada.put(`/1/lists/${copy.body.id}/softLimit`, { value: "" })).body.softLimit, null);
    });

    test("a board copied keeps its custom fields, and its copied cards their values on them", async () => {
      const source = await board("Fields board");
      const other = await board("Elsewhere");
      const card = (await ada.post("/1/cards", { idList: source.lists[0], name: "Valued" })).body;
      await fieldsOnTwoBoards(ada, source.id, other.id, card.id);
      const sourceFields = (await ada.get(`/1/boards/${source.id}/customFields`)).body as Array<{
        id: string;
        name: string;
        type: string;
        options?: Array<{ id: string; value: { text: string } }>;
      }>;
      const copy = await ada.post("/1/boards", {
        name: "Fields copy",
        idBoardSource: source.id,
        keepFromSource: "cards",
      });
      assert.equal(copy.status, 200, JSON.stringify(copy.body));
      const fields = (await ada.get(`/1/boards/${copy.body.id}/customFields`)).body as typeof sourceFields;
      assert.deepEqual(
        fields.map((f) => [f.name, f.type, (f.options ?? []).map((o) => o.value.text)]).sort(),
        sourceFields.map((f) => [f.name, f.type, (f.options ?? []).map((o) => o.value.text)]).sort(),
      );
      const sourceIds = new Set([
        ...sourceFields.map((f) => f.id),
        ...sourceFields.flatMap((f) => (f.options ?? []).map((o) => o.id)),
      ]);
      for (const f of fields) {
        assert.ok(!sourceIds.has(f.id), "a copied field has an id of its own");
        for (const o of f.options ?? []) assert.ok(!sourceIds.has(o.id), "so does each option");
      }
      const [copied] = (await ada.get(`/1/boards/${copy.body.id}/cards`)).body as Array<{ id: string }>;
      const items = (await ada.get(`/1/cards/${copied!.id}/customFieldItems`)).body as Array<{
        idCustomField: string;
        idValue: string | null;
        value: Record<string, string> | null;
      }>;
      assert.equal(items.length, 5, JSON.stringify(items));
      const byName = new Map(fields.map((f) => [f.id, f]));
      for (const item of items)
        assert.ok(byName.has(item.idCustomField), "a value points at the copy's field");
      const priority = items.find((i) => byName.get(i.idCustomField)!.name === "Priority")!;
      const option = byName.get(priority.idCustomField)!.options!.find((o) => o.id === priority.idValue);
      assert.equal(option?.value.text, "High", "a list value points at the copied option");
      assert.deepEqual(items.find((i) => byName.get(i.idCustomField)!.name === "Agency")!.value, {
        text: "ACME",
      });
      // Without the cards, the fields are still copied.
      const bare = await ada.post("/1/boards", { name: "Fields only", idBoardSource: source.id });
      assert.equal((await ada.get(`/1/boards/${bare.body.id}/customFields`)).body.length, 5);
      // The source keeps its own fields untouched.
      assert.equal((await ada.get(`/1/boards/${source.id}/customFields`)).body.length, 5);
    });

    test("a board copied with or without its cards; a template board makes boards", async () => {
      const source = await board("Template");
      await richCard(source);
      await ada.put(`/1/boards/${source.id}/members/${bob.id}`, { type: "normal" });
      const flagged = await ada.put(`/1/boards/${source.id}/prefs/isTemplate`, { value: true });
      assert.equal(flagged.status, 200, JSON.stringify(flagged.body));
      assert.equal(flagged.body.prefs.isTemplate, true);

      const bare = await bob.post("/1/boards", { name: "From template", idBoardSource: source.id });
      assert.equal(bare.status, 200, JSON.stringify(bare.body));
      assert.equal(bare.body.prefs.isTemplate, false);
      assert.deepEqual(
        (await bob.get(`/1/boards/${bare.body.id}/lists`)).body.map((l: { name: string }) => l.name),
        ["To Do", "Doing", "Done"],
      );
      assert.equal((await bob.get(`/1/boards/${bare.body.id}/cards`)).body.length, 0);
      const members = (await bob.get(`/1/boards/${bare.body.id}/members`)).body;
      assert.deepEqual(
        members.map((m: { id: string }) => m.id),
        [bob.id],
      );

      const full = await ada.post("/1/boards", {
        name: "Full copy",
        idBoardSource: source.id,
        keepFromSource: "cards",
      });
      assert.equal(full.status, 200, JSON.stringify(full.body));
      const cards = (await ada.get(`/1/boards/${full.body.id}/cards`)).body;
      assert.equal(cards.length, 1);
      assert.equal(cards[0].name, "Original");
      assert.equal(cards[0].idChecklists.length, 1);
      assert.ok(cards[0].labels.some((l: { name: string }) => l.name === "urgent"));

      const stranger = await eve.post("/1/boards", { name: "Nope", idBoardSource: source.id });
      assert.equal(stranger.status, 404);
      assert.equal(
        (await ada.post("/1/boards", { name: "x", idBoardSource: source.id, keepFromSource: "everything" }))
          .status,
        400,
      );
    });
  });
}
