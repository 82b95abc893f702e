// Custom fields through real Trello client libraries against a running Tack, changed in nothing but
// the base URL: the npm `trello.js` client (its response validation on, as it ships) and the npm
// `trello` client, on both stores. Each operation is asserted on its own.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";
import { createTrelloClient } from "trello.js";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

const require = createRequire(import.meta.url);
const TrelloNodeClient = require("trello") as new (
  key: string,
  token: string,
) => { uri: string; [method: string]: unknown };

type Json = Record<string, any>;

for (const kind of storeKinds()) {
  describe(`custom fields through Trello clients on ${kind}`, () => {
    let server: TestServer;
    let ada: Person;
    let board: Json;
    let card: Json;

    before(async () => {
      server = await startServer({}, kind);
      ada = await Person.signUp(server, "ada");
      board = (await ada.post("/1/boards", { name: "Clients", defaultLists: false })).body;
      const list = (await ada.post("/1/lists", { name: "L", idBoard: board.id })).body;
      card = (await ada.post("/1/cards", { idList: list.id, name: "C" })).body;
    });
    after(() => server.stop());

    describe("trello.js 2.2.0 (response validation on)", () => {
      let t: ReturnType<typeof createTrelloClient>;
      let text: Json;
      let list: Json;
      let option: Json;
      before(() => {
        t = createTrelloClient({ host: `${server.url}/1`, apiKey: "0".repeat(32), apiToken: ada.token });
      });

      test("customFields.createCustomField (text, shown on the card front)", async () => {
        text = await t.customFields.createCustomField({
          idModel: board.id,
          modelType: "board",
          name: "Agency",
          type: "text",
          pos: "bottom",
          display_cardFront: true,
        });
        assert.equal(text.display?.cardFront, true);
      });
      test("customFields.createCustomField (list, options as Trello's documented string)", async () => {
        list = await t.customFields.createCustomField({
          idModel: board.id,
          modelType: "board",
          name: "Priority",
          type: "list",
          pos: "bottom",
          options: JSON.stringify([{ value: { text: "Low" }, color: "green" }]),
        });
        assert.equal(list.type, "list");
      });
      test("customFields.getCustomField", async () => {
        assert.equal((await t.customFields.getCustomField({ id: text.id })).id, text.id);
      });
      test("customFields.updateCustomField (display/cardFront)", async () => {
        const updated = await t.customFields.updateCustomField({
          id: text.id,
          name: "Studio",
          "display/cardFront": false,
        });
        assert.equal(updated.display?.cardFront, false);
      });
      test("customFields.createCustomFieldOption", async () => {
        option = await t.customFields.createCustomFieldOption({
          id: list.id,
          value: { text: "High" },
          color: "red",
          pos: "bottom",
        });
        assert.equal(option.value?.text, "High");
      });
      test("customFields.getCustomFieldOptions", async () => {
        assert.deepEqual(
          (await t.customFields.getCustomFieldOptions({ id: list.id })).map((o) => o.value?.text),
          ["Low", "High"],
        );
      });
      test("customFields.getCustomFieldOption", async () => {
        const read = await t.customFields.getCustomFieldOption({
          id: list.id,
          idCustomFieldOption: option._id,
        });
        assert.equal(read._id, option._id);
      });
      test("boards.getBoardCustomFields", async () => {
        assert.deepEqual(
          (await t.boards.getBoardCustomFields({ id: board.id })).map((f) => f.id),
          [text.id, list.id],
        );
      });
      test("cards.updateCardCustomFieldItem (text, then a list option)", async () => {
        await t.cards.updateCardCustomFieldItem({
          idCard: card.id,
          idCustomField: text.id,
          body: { value: { text: "Nord" } },
        });
        await t.cards.updateCardCustomFieldItem({
          idCard: card.id,
          idCustomField: list.id,
          body: { idValue: option._id },
        });
      });
      test("cards.getCardCustomFieldItems", async () => {
        const items = await t.cards.getCardCustomFieldItems({ id: card.id });
        assert.deepEqual(items.map((i) => i.idCustomField).sort(), [text.id, list.id].sort());
      });
      test("cards.updateCardCustomFields (bulk)", async () => {
        await t.cards.updateCardCustomFields({
          idCard: card.id,
          customFieldItems: [{ idCustomField: text.id, value: { text: "Süd" } }],
        });
        const items = (await ada.get(`/1/cards/${card.id}/customFieldItems`)).body;
        assert.deepEqual(items.find((i: Json) => i.idCustomField === text.id).value, { text: "Süd" });
      });
      test("customFields.deleteCustomFieldOption", async () => {
        await t.customFields.deleteCustomFieldOption({ id: list.id, idCustomFieldOption: option._id });
        assert.equal((await t.customFields.getCustomFieldOptions({ id: list.id })).length, 1);
      });
      test("customFields.deleteCustomField", async () => {
        await t.customFields.deleteCustomField({ id: list.id });
        assert.equal((await ada.get(`/1/customFields/${list.id}`)).status, 404);
      });
    });

    describe("trello (npm) 0.11", () => {
      let call: (method: string, ...args: unknown[]) => Promise<any>;
      let field: Json;
      before(() => {
        const client = new TrelloNodeClient("0".repeat(32), ada.token);
        client.uri = server.url;
        call = (method, ...args) => (client[method] as (...a: unknown[]) => Promise<any>).apply(client, args);
      });

      test("addCustomField (a list field)", async () => {
        field = await call("addCustomField", board.id, "Stage");
        assert.equal(field.type, "list");
      });
      test("addOptionToCustomField", async () => {
        field.option = await call("addOptionToCustomField", field.id, "Doing");
        assert.equal(field.option.value.text, "Doing");
      });
      test("getCustomFieldsOnBoard", async () => {
        assert.ok((await call("getCustomFieldsOnBoard", board.id)).some((f: Json) => f.id === field.id));
      });
      test("setCustomFieldOnCard (through Trello's singular /1/card path)", async () => {
        const item = await call("setCustomFieldOnCard", card.id, field.id, { idValue: field.option.id });
        assert.equal(item.idValue, field.option.id);
      });
    });
  });
}
