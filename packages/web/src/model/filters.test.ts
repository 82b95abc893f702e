import assert from "node:assert/strict";
import { test } from "node:test";
import { defaults, readers } from "@tack/shared/models";
import { cardMatches, emptyFilter } from "./filters.ts";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const card = (fields: Record<string, unknown>) =>
  readers.card({
    id: "c",
    idBoard: "b",
    idList: "l",
    name: "Fix login bug",
    desc: "",
    cover: defaults.cover(),
    ...fields,
  });

const cases: Array<[string, Record<string, unknown>, Partial<typeof emptyFilter>, boolean]> = [
  ["no filter matches", {}, {}, true],
  ["keyword in the name, any case", {}, { text: "LOGIN" }, true],
  ["keyword in the description", { desc: "see the docs" }, { text: "docs" }, true],
  ["keyword missing", {}, { text: "payroll" }, false],
  ["one of the chosen labels", { idLabels: ["red"] }, { labels: new Set(["red", "blue"]) }, true],
  ["none of the chosen labels", { idLabels: ["green"] }, { labels: new Set(["red"]) }, false],
  ["a chosen member", { idMembers: ["m1"] }, { members: new Set(["m1"]) }, true],
  ["overdue", { due: "2026-03-01T00:00:00Z" }, { due: "overdue" }, true],
  ["complete is not overdue", { due: "2026-03-01T00:00:00Z", dueComplete: true }, { due: "overdue" }, false],
  ["due in the next day", { due: "2026-03-11T06:00:00Z" }, { due: "day" }, true],
  ["due next week is not next day", { due: "2026-03-15T06:00:00Z" }, { due: "day" }, false],
  ["due next week", { due: "2026-03-15T06:00:00Z" }, { due: "week" }, true],
  ["no due date", {}, { due: "none" }, true],
  ["has a due date, wanted none", { due: "2026-03-15T06:00:00Z" }, { due: "none" }, false],
];

for (const [name, fields, filter, expected] of cases) {
  test(`filter: ${name}`, () => {
    assert.equal(cardMatches(card(fields), { ...emptyFilter, ...filter }, NOW), expected);
  });
}
