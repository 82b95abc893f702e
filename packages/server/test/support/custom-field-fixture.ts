// Custom fields on two boards for tests of cards carried between them: the source has fields the
// target matches by name and type (a list field with the option's text), and some it does not.
import assert from "node:assert/strict";
import type { Person } from "../harness.ts";

type Json = Record<string, any>;

async function field(who: Person, idBoard: string, body: Json): Promise<Json> {
  const made = await who.post("/1/customFields", { idModel: idBoard, modelType: "board", ...body });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  return made.body;
}

async function value(who: Person, cardId: string, fieldId: string, body: Json): Promise<void> {
  const set = await who.put(`/1/cards/${cardId}/customField/${fieldId}/item`, body);
  assert.equal(set.status, 200, JSON.stringify(set.body));
}

/** Gives `cardId` (on `sourceId`) five values; the target board gets fields matching two of them. */
export async function fieldsOnTwoBoards(who: Person, sourceId: string, targetId: string, cardId: string) {
  const agency = await field(who, sourceId, { name: "Agency", type: "text" });
  const priority = await field(who, sourceId, {
    name: "Priority",
    type: "list",
    options: [{ value: { text: "Low" } }, { value: { text: "High" } }],
  });
  const size = await field(who, sourceId, {
    name: "Size",
    type: "list",
    options: [{ value: { text: "S" } }],
  });
  const budget = await field(who, sourceId, { name: "Budget", type: "number" });
  const done = await field(who, sourceId, { name: "Done", type: "checkbox" });
  await value(who, cardId, agency.id, { value: { text: "ACME" } });
  await value(who, cardId, priority.id, { idValue: priority.options[1].id });
  await value(who, cardId, size.id, { idValue: size.options[0].id });
  await value(who, cardId, budget.id, { value: { number: "12" } });
  await value(who, cardId, done.id, { value: { checked: "true" } });
  const target = {
    agency: await field(who, targetId, { name: "Agency", type: "text" }),
    priority: await field(who, targetId, {
      name: "Priority",
      type: "list",
      options: [{ value: { text: "High" } }, { value: { text: "Mid" } }],
    }),
    // Same name, other option: the value has nowhere to go.
    size: await field(who, targetId, { name: "Size", type: "list", options: [{ value: { text: "M" } }] }),
    // Same name, other type: dropped.
    done: await field(who, targetId, { name: "Done", type: "text" }),
  };
  return { source: { agency, priority }, target };
}

/** The card's values are the two matched on the target board, pointing at its fields. */
export function assertMatchedOnTarget(
  items: Json[],
  cardId: string,
  target: Awaited<ReturnType<typeof fieldsOnTwoBoards>>["target"],
): void {
  const shown = items
    .map((i) => [i.idCustomField, i.idModel, i.idValue ?? null, i.value ?? null])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const expected = [
    [target.agency.id, cardId, null, { text: "ACME" }],
    [target.priority.id, cardId, target.priority.options[0].id, null],
  ].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  assert.deepEqual(shown, expected);
}
