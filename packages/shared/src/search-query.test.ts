import assert from "node:assert/strict";
import { test } from "node:test";
import { parseSearchQuery } from "./search-query.ts";

test("words, phrases, operators and negation", () => {
  assert.deepEqual(
    parseSearchQuery('fix "login page" -draft label:"Needs review" @ada -is:archived due:week x:y'),
    {
      text: ["fix", "login page", "x:y"],
      notText: ["draft"],
      filters: [
        { filter: { op: "label", value: "Needs review" }, negated: false },
        { filter: { op: "member", value: "ada" }, negated: false },
        { filter: { op: "is", value: "archived" }, negated: true },
        { filter: { op: "due", value: "week" }, negated: false },
      ],
    },
  );
  assert.deepEqual(parseSearchQuery('"board:x" -"two words"').text, ["board:x"]);
  assert.deepEqual(parseSearchQuery('"board:x" -"two words"').notText, ["two words"]);
  assert.deepEqual(parseSearchQuery("-").text, ["-"]);
});

test("known operators refuse values they do not take, and empty values", () => {
  assert.throws(() => parseSearchQuery("due:someday"), /due: takes day, week, month, overdue/);
  assert.throws(() => parseSearchQuery("is:pinned"), /is: takes open, archived, starred/);
  assert.throws(() => parseSearchQuery("has:everything"), /has: takes attachments/);
  assert.throws(() => parseSearchQuery("label:"), /label: needs a value/);
});
