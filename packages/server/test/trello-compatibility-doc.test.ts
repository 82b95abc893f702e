// docs/trello-compatibility.md is generated from the route table (`npm run docs:trello`): this
// fails when a route was added or removed and the document was not regenerated.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { DOC_PATH, renderTrelloCompatibility } from "../../../scripts/trello-compatibility.ts";

test("docs/trello-compatibility.md matches the route table (run `npm run docs:trello`)", async () => {
  const expected = await renderTrelloCompatibility();
  const actual = readFileSync(DOC_PATH, "utf8");
  assert.ok(
    actual === expected,
    "docs/trello-compatibility.md is stale: run `npm run docs:trello` and commit it",
  );
});

test("the document lists the routes real clients needed as served", async () => {
  const doc = readFileSync(DOC_PATH, "utf8");
  for (const route of [
    "| GET | `/1/batch` | supported",
    "| GET | `/1/cards/{id}/pluginData` | partly",
    "| GET | `/1/lists/{id}/actions` | supported",
    "| POST | `/1/lists/{id}/moveAllCards` | supported",
    "| PUT | `/1/cards/{idCard}/checklist/{idChecklist}/checkItem/{idCheckItem}` | supported",
  ])
    assert.ok(doc.includes(route), route);
});
