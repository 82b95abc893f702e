// Trello's custom fields over real HTTP and a real socket, on both stores: definitions of every type
// (list fields with options), a card's values in Trello's stored shapes, actions, live changes
// applied by the shared board-state, mutation id replays, permissions, and every bad input refused
// with nothing half-written.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { newId } from "@tack/shared/ids";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";
import { BoardReplica, comparableReplica, comparableServerBoard } from "./support/board-replica.ts";
import { SocketClient } from "./support/socket-client.ts";

type Json = Record<string, any>;

for (const kind of storeKinds()) {
  describe(`custom fields on ${kind}`, () => {
    let server: TestServer;
    let ada: Person;
    let olga: Person; // observer
    let sam: Person; // stranger
    let board: Json;
    let card: Json;
    let other: Json; // another board of ada's, with its own field and card

    const ok = (res: { status: number; body: any }, status = 200) => {
      assert.equal(res.status, status, JSON.stringify(res.body));
      return res.body;
    };
    const field = (body: Json, who = ada) =>
      who.post("/1/customFields", { idModel: board.id, modelType: "board", ...body });
    const setItem = (fieldId: string, body: unknown, cardId = card.id, who = ada) =>
      who.put(`/1/cards/${cardId}/customField/${fieldId}/item`, body);
    const items = async (cardId = card.id) => ok(await ada.get(`/1/cards/${cardId}/customFieldItems`));

    before(async () => {
      server = await startServer({}, kind);
      ada = await Person.signUp(server, "ada");
      olga = await Person.signUp(server, "olga");
      sam = await Person.signUp(server, "sam");
      board = ok(await ada.post("/1/boards", { name: "Fields", defaultLists: false }));
      const list = ok(await ada.post("/1/lists", { name: "To do", idBoard: board.id }));
      card = ok(await ada.post("/1/cards", { idList: list.id, name: "A card" }));
      ok(await ada.put(`/1/boards/${board.id}/members/${olga.id}`, { type: "observer" }));
      other = ok(await ada.post("/1/boards", { name: "Other", defaultLists: false }));
      const otherList = ok(await ada.post("/1/lists", { name: "L", idBoard: other.id }));
      other.card = ok(await ada.post("/1/cards", { idList: otherList.id, name: "Other card" }));
      other.field = ok(
        await ada.post("/1/customFields", {
          idModel: other.id,
          modelType: "board",
          name: "Theirs",
          type: "text",
        }),
      );
    });
    after(() => server.stop());

    test("a field of each type, in Trello's shape, listed in order on the board", async () => {
      const text = ok(await field({ name: "Agency", type: "text", pos: "top" }));
      assert.equal(text.idModel, board.id);
      assert.equal(text.modelType, "board");
      assert.equal(text.type, "text");
      assert.deepEqual(text.display, { cardFront: false });
      const number = ok(await field({ name: "Budget", type: "number", display_cardFront: true }));
      assert.deepEqual(number.display, { cardFront: true });
      ok(await field({ name: "Review", type: "date" }));
      ok(await field({ name: "Approved", type: "checkbox" }));
      const list = ok(
        await field({
          name: "Priority",
          type: "list",
          options: [{ value: { text: "Low" }, color: "green" }, { value: { text: "High" } }],
        }),
      );
      assert.deepEqual(
        list.options.map((o: Json) => [o.value.text, o.color, o.idCustomField]),
        [
          ["Low", "green", list.id],
          ["High", "none", list.id],
        ],
      );
      const onBoard = ok(await ada.get(`/1/boards/${board.id}/customFields`));
      assert.deepEqual(
        onBoard.map((f: Json) => f.name),
        ["Agency", "Budget", "Review", "Approved", "Priority"],
      );
      assert.deepEqual(ok(await ada.get(`/1/customFields/${list.id}`)), list);
      const read = ok(await ada.get(`/1/boards/${board.id}?customFields=true`));
      assert.deepEqual(read.customFields, onBoard);
      // An observer reads them; a stranger cannot tell the field exists.
      assert.deepEqual(ok(await olga.get(`/1/customFields/${list.id}`)), list);
      assert.equal((await sam.get(`/1/customFields/${list.id}`)).status, 404);
      assert.equal((await sam.get(`/1/boards/${board.id}/customFields`)).status, 404);
    });

    test("rename, move and show on the card front (Trello's display/cardFront)", async () => {
      const f = ok(await field({ name: "Old name", type: "text" }));
      const renamed = ok(
        await ada.put(`/1/customFields/${f.id}`, { name: "New name", "display/cardFront": true, pos: "top" }),
      );
      assert.equal(renamed.name, "New name");
      assert.equal(renamed.display.cardFront, true);
      const first = ok(await ada.get(`/1/boards/${board.id}/customFields`))[0];
      assert.equal(first.id, f.id);
      const action = ok(await ada.get(`/1/boards/${board.id}/actions?filter=updateCustomField`))[0];
      assert.equal(action.data.customField.name, "New name");
      assert.equal(action.data.old.name, "Old name");
      ok(await ada.del(`/1/customFields/${f.id}`));
    });

    test("values of every type, stored as Trello stores them, on card reads and board reads", async () => {
      const fields = new Map<string, Json>(
        ok(await ada.get(`/1/boards/${board.id}/customFields`)).map((f: Json) => [f.name, f]),
      );
      const agency = fields.get("Agency")!;
      const t = ok(await setItem(agency.id, { value: { text: "Studio Nord" } }));
      assert.deepEqual(t.value, { text: "Studio Nord" });
      assert.equal(t.idCustomField, agency.id);
      assert.equal(t.idModel, card.id);
      assert.equal(t.modelType, "card");
      assert.deepEqual(ok(await setItem(fields.get("Budget")!.id, { value: { number: "1250.5" } })).value, {
        number: "1250.5",
      });
      assert.deepEqual(ok(await setItem(fields.get("Budget")!.id, { value: { number: 42 } })).value, {
        number: "42",
      });
      assert.deepEqual(
        ok(await setItem(fields.get("Review")!.id, { value: { date: "2026-03-01T10:00:00Z" } })).value,
        {
          date: "2026-03-01T10:00:00.000Z",
        },
      );
      assert.deepEqual(ok(await setItem(fields.get("Approved")!.id, { value: { checked: "true" } })).value, {
        checked: "true",
      });
      const priority = fields.get("Priority")!;
      const chosen = ok(await setItem(priority.id, { idValue: priority.options[1].id }));
      assert.equal(chosen.idValue, priority.options[1].id);
      assert.equal("value" in chosen, false);

      const stored = await items();
      assert.equal(stored.length, 5);
      // Setting again keeps the item's id.
      const again = ok(await setItem(agency.id, { value: { text: "Studio Süd" } }));
      assert.equal(again.id, t.id);
      const cardRead = ok(await ada.get(`/1/cards/${card.id}?customFieldItems=true`));
      assert.equal(cardRead.customFieldItems.length, 5);
      const boardRead = ok(
        await ada.get(`/1/boards/${board.id}?cards=all&customFieldItems=true&customFields=true`),
      );
      const onBoard = boardRead.cards.find((c: Json) => c.id === card.id);
      assert.deepEqual(onBoard.customFieldItems.find((i: Json) => i.idCustomField === agency.id).value, {
        text: "Studio Süd",
      });
      const action = ok(await ada.get(`/1/boards/${board.id}/actions?filter=updateCustomFieldItem`))[0];
      assert.equal(action.data.customField.id, agency.id);
      assert.deepEqual(action.data.customFieldItem.value, { text: "Studio Süd" });
      assert.deepEqual(action.data.old.value, { text: "Studio Nord" });
      assert.equal(action.data.card.id, card.id);
      // Observers read values and may not write them.
      assert.equal(ok(await olga.get(`/1/cards/${card.id}/customFieldItems`)).length, 5);
      assert.equal((await setItem(agency.id, { value: { text: "no" } }, card.id, olga)).status, 403);
    });

    test("an empty value clears; unchecking clears a checkbox", async () => {
      const f = ok(await field({ name: "Scratch", type: "text" }));
      ok(await setItem(f.id, { value: { text: "x" } }));
      const cleared = ok(await setItem(f.id, { value: "" }));
      assert.equal(cleared.value, undefined);
      assert.equal(
        (await items()).some((i: Json) => i.idCustomField === f.id),
        false,
      );
      const box = ok(await field({ name: "Box", type: "checkbox" }));
      ok(await setItem(box.id, { value: { checked: true } }));
      ok(await setItem(box.id, { value: { checked: "false" } }));
      assert.equal(
        (await items()).some((i: Json) => i.idCustomField === box.id),
        false,
      );
      ok(await ada.del(`/1/customFields/${f.id}`));
      ok(await ada.del(`/1/customFields/${box.id}`));
    });

    test("options: list, add, read one, delete (clearing cards that chose it)", async () => {
      const f = ok(
        await field({ name: "Size", type: "list", options: [{ value: { text: "S" }, color: "blue" }] }),
      );
      const added = ok(
        await ada.post(`/1/customFields/${f.id}/options`, {
          value: { text: "XL" },
          color: "red",
          pos: "bottom",
        }),
      );
      assert.equal(added._id, added.id);
      assert.equal(added.value.text, "XL");
      assert.equal(added.color, "red");
      const options = ok(await ada.get(`/1/customFields/${f.id}/options`));
      assert.deepEqual(
        options.map((o: Json) => o.value.text),
        ["S", "XL"],
      );
      assert.deepEqual(ok(await ada.get(`/1/customFields/${f.id}/options/${added.id}`)), added);
      ok(await setItem(f.id, { idValue: added.id }));
      ok(await ada.del(`/1/customFields/${f.id}/options/${added.id}`));
      assert.equal(
        (await items()).some((i: Json) => i.idCustomField === f.id),
        false,
      );
      assert.equal((await ada.get(`/1/customFields/${f.id}/options/${added.id}`)).status, 404);
      const text = ok(await field({ name: "Plain", type: "text" }));
      const refused = await ada.post(`/1/customFields/${text.id}/options`, { value: { text: "No" } });
      assert.equal(refused.status, 400);
      assert.match(refused.body.message, /only list fields have options/);
      ok(await ada.del(`/1/customFields/${f.id}`));
      ok(await ada.del(`/1/customFields/${text.id}`));
    });

    test("deleting a field removes its values from every card, in the same change", async () => {
      const f = ok(await field({ name: "Doomed", type: "number" }));
      ok(await setItem(f.id, { value: { number: "7" } }));
      ok(await ada.del(`/1/customFields/${f.id}`));
      assert.equal((await ada.get(`/1/customFields/${f.id}`)).status, 404);
      assert.equal(
        (await items()).some((i: Json) => i.idCustomField === f.id),
        false,
      );
      const action = ok(await ada.get(`/1/boards/${board.id}/actions?filter=deleteCustomField`))[0];
      assert.equal(action.data.customField.id, f.id);
    });

    test("bulk: several values at once, all checked before any is written", async () => {
      const fields = new Map<string, Json>(
        ok(await ada.get(`/1/boards/${board.id}/customFields`)).map((f: Json) => [f.name, f]),
      );
      const set = ok(
        await ada.put(`/1/cards/${card.id}/customFields`, {
          customFieldItems: [
            { idCustomField: fields.get("Agency")!.id, value: { text: "Bulk" } },
            { idCustomField: fields.get("Budget")!.id, value: "" },
          ],
        }),
      );
      assert.deepEqual(set.find((i: Json) => i.idCustomField === fields.get("Agency")!.id).value, {
        text: "Bulk",
      });
      assert.equal(
        set.some((i: Json) => i.idCustomField === fields.get("Budget")!.id),
        false,
      );
      const before = await items();
      const bad = await ada.put(`/1/cards/${card.id}/customFields`, {
        customFieldItems: [
          { idCustomField: fields.get("Agency")!.id, value: { text: "Not written" } },
          { idCustomField: fields.get("Approved")!.id, value: { checked: "maybe" } },
        ],
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, "customFieldItems.1.value.checked");
      assert.deepEqual(await items(), before);
      const foreign = await ada.put(`/1/cards/${card.id}/customFields`, {
        customFieldItems: [{ idCustomField: other.field.id, value: { text: "x" } }],
      });
      assert.equal(foreign.status, 400);
      assert.match(foreign.body.message, /not a custom field of this card's board/);
    });

    test("every bad input is refused with a clear error and writes nothing", async () => {
      const fields = new Map<string, Json>(
        ok(await ada.get(`/1/boards/${board.id}/customFields`)).map((f: Json) => [f.name, f]),
      );
      const before = await items();
      const cases: Array<[string, () => Promise<{ status: number; body: any }>, number, RegExp]> = [
        [
          "text into a number field",
          () => setItem(fields.get("Budget")!.id, { value: { text: "lots" } }),
          400,
          /must hold "number"/,
        ],
        [
          "not a number",
          () => setItem(fields.get("Budget")!.id, { value: { number: "12abc" } }),
          400,
          /must be a number/,
        ],
        [
          "not a date",
          () => setItem(fields.get("Review")!.id, { value: { date: "someday" } }),
          400,
          /must be a date/,
        ],
        [
          "checked not a boolean",
          () => setItem(fields.get("Approved")!.id, { value: { checked: "yes" } }),
          400,
          /"true" or "false"/,
        ],
        [
          "an option of another field",
          () => setItem(fields.get("Priority")!.id, { idValue: newId() }),
          400,
          /not an option of this field/,
        ],
        [
          "a value on a list field",
          () => setItem(fields.get("Priority")!.id, { value: { text: "High" } }),
          400,
          /one of its options/,
        ],
        [
          "idValue on a text field",
          () => setItem(fields.get("Agency")!.id, { idValue: fields.get("Priority")!.options[0].id }),
          400,
          /only list fields take idValue/,
        ],
        [
          "an unknown value key",
          () => setItem(fields.get("Agency")!.id, { value: { colour: "red" } }),
          400,
          /colour/,
        ],
        ["a malformed id", () => setItem(fields.get("Agency")!.id, { idValue: "nope" }), 400, /24-hex-digit/],
        ["an unknown field", () => setItem(newId(), { value: { text: "x" } }), 404, /custom field/],
        [
          "a field of another board",
          () => setItem(other.field.id, { value: { text: "x" } }),
          404,
          /custom field on this card's board/,
        ],
        [
          "a field of this board on a card of another",
          () => setItem(fields.get("Agency")!.id, { value: { text: "x" } }, other.card.id),
          404,
          /custom field on this card's board/,
        ],
        [
          "an unknown type",
          () => field({ name: "X", type: "formula" }),
          400,
          /must be one of text, number, date, checkbox, list/,
        ],
        ["an empty name", () => field({ name: " ", type: "text" }), 400, /must not be empty/],
        [
          "options on a text field",
          () => field({ name: "X", type: "text", options: [{ value: { text: "a" } }] }),
          400,
          /only list fields have options/,
        ],
        [
          "a bad option colour",
          () => field({ name: "X", type: "list", options: [{ value: { text: "a" }, color: "plaid" }] }),
          400,
          /color/,
        ],
        [
          "a board that is not there",
          () => ada.post("/1/customFields", { idModel: newId(), name: "X", type: "text" }),
          404,
          /not found/,
        ],
        ["an observer creating", () => field({ name: "X", type: "text" }, olga), 403, /./],
        ["a stranger creating", () => field({ name: "X", type: "text" }, sam), 404, /not found/],
        [
          "an observer renaming",
          () => olga.put(`/1/customFields/${fields.get("Agency")!.id}`, { name: "Y" }),
          403,
          /./,
        ],
        ["an observer deleting", () => olga.del(`/1/customFields/${fields.get("Agency")!.id}`), 403, /./],
        [
          "a stranger's option",
          () => sam.post(`/1/customFields/${fields.get("Priority")!.id}/options`, { value: { text: "Z" } }),
          404,
          /not found/,
        ],
        [
          "malformed JSON",
          () => ada.call("PUT", `/1/cards/${card.id}/customField/${fields.get("Agency")!.id}/item`, "{"),
          400,
          /./,
        ],
      ];
      for (const [name, run, status, message] of cases) {
        const res = await run();
        assert.equal(res.status, status, `${name}: ${JSON.stringify(res.body)}`);
        assert.match(res.body.message, message, name);
      }
      assert.deepEqual(await items(), before);
      assert.deepEqual(
        ok(await ada.get(`/1/boards/${board.id}/customFields`)).map((f: Json) => f.name),
        [...fields.keys()],
      );
    });

    test("at most 50 fields per board", async () => {
      const full = ok(await ada.post("/1/boards", { name: "Full", defaultLists: false }));
      for (let i = 0; i < 50; i++)
        ok(await ada.post("/1/customFields", { idModel: full.id, name: `F${i}`, type: "text" }));
      const over = await ada.post("/1/customFields", { idModel: full.id, name: "F50", type: "text" });
      assert.equal(over.status, 403);
      assert.match(over.body.message, /at most 50 custom fields/);
    });

    test("a retried write (same mutation id) applies once and answers the same", async () => {
      const mutation = { "x-tack-mutation-id": `cf-${newId()}` };
      const body = { idModel: board.id, name: "Once", type: "text" };
      const first = await ada.call("POST", "/1/customFields", body, "token", mutation);
      const second = await ada.call("POST", "/1/customFields", body, "token", mutation);
      assert.deepEqual(ok(second), ok(first));
      const named = ok(await ada.get(`/1/boards/${board.id}/customFields`)).filter(
        (f: Json) => f.name === "Once",
      );
      assert.equal(named.length, 1);
      const itemMutation = { "x-tack-mutation-id": `cfi-${newId()}` };
      const path = `/1/cards/${card.id}/customField/${first.body.id}/item`;
      const a = ok(await ada.call("PUT", path, { value: { text: "v" } }, "token", itemMutation));
      const b = ok(await ada.call("PUT", path, { value: { text: "v" } }, "token", itemMutation));
      assert.deepEqual(b, a);
      const actions = ok(await ada.get(`/1/cards/${card.id}/actions?filter=updateCustomFieldItem`));
      assert.equal(actions.filter((x: Json) => x.data.customField.id === first.body.id).length, 1);
      ok(await ada.del(`/1/customFields/${first.body.id}`));
    });

    test("every change reaches a viewer live, and the shared board-state ends equal to the server", async () => {
      const live = ok(await ada.post("/1/boards", { name: "Live", defaultLists: false }));
      const list = ok(await ada.post("/1/lists", { name: "L", idBoard: live.id }));
      const liveCard = ok(await ada.post("/1/cards", { idList: list.id, name: "C" }));
      ok(await ada.put(`/1/boards/${live.id}/members/${olga.id}`, { type: "observer" }));
      const socket = await SocketClient.open(server.url, { token: olga.token });
      socket.send({ type: "board.subscribe", board: live.id });
      await socket.next("board.subscribed", (m) => m.board === live.id);
      const replica = new BoardReplica(live.id);
      const f = ok(
        await ada.post("/1/customFields", {
          idModel: live.id,
          name: "Stage",
          type: "list",
          options: [{ value: { text: "One" } }],
        }),
      );
      const option = ok(
        await ada.post(`/1/customFields/${f.id}/options`, { value: { text: "Two" }, color: "sky" }),
      );
      ok(await ada.put(`/1/cards/${liveCard.id}/customField/${f.id}/item`, { idValue: option.id }));
      const created = await socket.next("board.change", (m) => m.change.action.type === "createCustomField");
      assert.equal(created.change.models.customFields?.[0]?.id, f.id);
      const setChange = await socket.next(
        "board.change",
        (m) => m.change.action.type === "updateCustomFieldItem",
      );
      assert.equal(setChange.change.models.cards?.[0]?.customFieldItems?.[0]?.idValue, option.id);
      const t = ok(await ada.post("/1/customFields", { idModel: live.id, name: "Gone", type: "text" }));
      ok(await ada.put(`/1/cards/${liveCard.id}/customField/${t.id}/item`, { value: { text: "x" } }));
      ok(await ada.del(`/1/customFields/${t.id}`));
      const deleted = await socket.next("board.change", (m) => m.change.action.type === "deleteCustomField");
      assert.deepEqual(deleted.change.deleted, [{ kind: "customField", id: t.id }]);
      // Rebuild the viewer's copy from every change since the board's creation.
      await socket.close();
      const catchUp = await SocketClient.open(server.url, { token: olga.token });
      catchUp.send({ type: "board.subscribe", board: live.id, since: { epoch: "", seq: 0 } });
      const subscribed = await catchUp.next("board.subscribed", (m) => m.board === live.id);
      for (const change of subscribed.catchUp) assert.ok(replica.apply(change));
      await catchUp.close();
      const server_ = await comparableServerBoard(server.app.ctx.store, live.id);
      assert.deepEqual(comparableReplica(replica), server_);
      assert.equal(replica.state!.customFields.get(f.id)?.options.length, 2);
      assert.equal(replica.state!.customFields.has(t.id), false);
    });
  });
}
