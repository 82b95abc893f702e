import assert from "node:assert/strict";
import { test } from "node:test";
import { defaults, readers } from "@tack/shared/models";
import { type CardFilter, cardMatches, emptyFilter } from "./filters.ts";

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

const cases: Array<[string, Record<string, unknown>, Partial<CardFilter>, boolean]> = [
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
  ["no labels", {}, { noLabels: true }, true],
  ["no labels, but has one", { idLabels: ["red"] }, { noLabels: true }, false],
  ["no labels or red (any)", { idLabels: ["red"] }, { noLabels: true, labels: new Set(["red"]) }, true],
  ["no members", { idMembers: ["m1"] }, { noMembers: true }, false],
  ["no members, none on the card", {}, { noMembers: true }, true],
  [
    "all chosen labels, one missing",
    { idLabels: ["red"] },
    { labels: new Set(["red", "blue"]), match: "all" },
    false,
  ],
  [
    "all chosen labels",
    { idLabels: ["red", "blue", "x"] },
    { labels: new Set(["red", "blue"]), match: "all" },
    true,
  ],
  ["all chosen members", { idMembers: ["m1"] }, { members: new Set(["m1", "m2"]), match: "all" }, false],
];

for (const [name, fields, filter, expected] of cases) {
  test(`filter: ${name}`, () => {
    assert.equal(cardMatches(card(fields), { ...emptyFilter, ...filter }, NOW), expected);
  });
}
