// Real exports are messy and some files are not exports at all. Every bad file is refused with a
// 400 that names what is wrong, and nothing is half-imported: the database holds exactly what it
// held before, even when the import fails at its very last write.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { importTrelloBoard } from "../src/import/import-trello.ts";
import { smallExport, smallExportText } from "./fixtures/trello/fixtures.ts";
import { Person, startServer, type TestServer } from "./harness.ts";
import { storedRows } from "./stored-rows.ts";

let server: TestServer;
let ada: Person;

const IMPORT = "/1/boards/import/trello";

before(async () => {
  server = await startServer();
  ada = await Person.signUp(server, "ada");
  await Person.signUp(server, "bert");
});
after(() => server.stop());

/** Imports `body` and expects a refusal; the stored rows must not change. */
async function refused(body: unknown, status: number, message: RegExp, path = IMPORT) {
  const before = await storedRows(server);
  const res = await ada.call("POST", path, body);
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.match(res.body.message, message);
  assert.deepEqual(await storedRows(server), before, "a refused import writes nothing");
  return res.body;
}

const mutate = (change: (e: Record<string, any>) => void) => {
  const e = smallExport();
  change(e);
  return e;
};

describe("Trello import: bad files are refused, nothing half-imported", () => {
  const cases: Array<[string, unknown, number, RegExp, string?]> = [
    ["not JSON at all", "{ this is not json", 400, /not valid JSON/],
    ["a JSON array", [1, 2, 3], 400, /must be a JSON object/],
    [
      "some other JSON file",
      { name: "tack", version: "1.0.0", dependencies: {} },
      400,
      /not a Trello board export.*Export as JSON/,
    ],
    ["a single card", { id: "c1", idList: "l1", name: "A card" }, 400, /looks like a single card/],
    ["no board name", mutate((e) => delete e.name), 400, /name is missing/, "name"],
    ["lists is not an array", mutate((e) => (e.lists = "nope")), 400, /lists must be an array/, "lists"],
    ["no cards", mutate((e) => delete e.cards), 400, /cards is missing/, "cards"],
    ["a card that is not an object", mutate((e) => e.cards.push(42)), 400, /cards\.6/, "cards.6"],
    [
      "an unreadable due date",
      mutate((e) => (e.cards[2].due = "next Tuesday")),
      400,
      /cards\.2\.due must be a date.*next Tuesday/,
      "cards.2.due",
    ],
    [
      "an action without a date",
      mutate((e) => delete e.actions[3].date),
      400,
      /actions\.3\.date/,
      "actions.3.date",
    ],
    [
      "an empty id",
      mutate((e) => (e.lists[1].id = "  ")),
      400,
      /lists\.1\.id must not be empty/,
      "lists.1.id",
    ],
    [
      "two cards with one id",
      mutate((e) => (e.cards[3].id = e.cards[0].id)),
      400,
      /cards\.3\.id.*also the id of cards\.0/,
      "cards.3.id",
    ],
    [
      "a list and a card with one id",
      mutate((e) => (e.cards[0].id = e.lists[0].id)),
      400,
      /also the id of lists\.0/,
      "cards.0.id",
    ],
    [
      "a checklist item id used twice",
      mutate((e) => (e.checklists[1].checkItems[0].id = e.checklists[0].checkItems[0].id)),
      400,
      /also the id of checklists\.0\.checkItems\.0/,
    ],
    [
      "action data nested absurdly deep",
      mutate((e) => {
        let deep: any = { leaf: true };
        for (let i = 0; i < 40; i++) deep = { inner: deep };
        e.actions[0].data.deep = deep;
      }),
      400,
      /actions\.0\.data.*nested more than 32 levels/,
    ],
  ];
  for (const [name, body, status, message, field] of cases) {
    test(`${name} → ${status}`, async () => {
      const error = await refused(body, status, message);
      assert.equal(error.error, name === "not JSON at all" ? "malformed_json" : "invalid_input");
      if (field) assert.equal(error.field, field);
    });
  }

  test("a mapping to a Trello member the export does not hold, or to no Tack account → 400", async () => {
    await refused(smallExport(), 400, /no Trello member "zed".*alicearcher/, `${IMPORT}?map=zed%3Dada`);
    await refused(smallExport(), 400, /no Tack account "nobody"/, `${IMPORT}?map=carolu%3Dnobody`);
    await refused(smallExport(), 400, /must look like trelloUsername=tackUsername/, `${IMPORT}?map=carolu`);
  });

  test("past Trello's limits (201 items in one checklist) → limit_exceeded, naming the checklist", async () => {
    const body = mutate((e) => {
      const list = e.checklists[1];
      list.checkItems = Array.from({ length: 201 }, (_, i) => ({
        id: `item-${i}`,
        name: `Item ${i}`,
        state: "incomplete",
      }));
    });
    const error = await refused(
      body,
      403,
      /201 items in checklist "Nice to have ✨" of card "Pick a new logo".*at most 200/,
    );
    assert.equal(error.error, "limit_exceeded");
  });

  test("a form-encoded body is refused with what to send instead", async () => {
    const res = await ada.call("POST", IMPORT, "name=x", "token", {
      "content-type": "application/x-www-form-urlencoded",
    });
    assert.equal(res.status, 400);
    assert.match(res.body.message, /JSON body.*multipart/);
  });

  test("anonymous callers cannot import", async () => {
    const res = await ada.call("POST", IMPORT, smallExport(), "none");
    assert.equal(res.status, 401);
  });

  test("a failure at the very last write rolls everything back, the board row included", async () => {
    // The import's own action is written last; its client mutation id is unique per person. Reusing
    // one makes that last insert fail after every object and all of the history were written.
    const store = server.app.ctx.store;
    const first = await importTrelloBoard(store, {
      raw: smallExport(),
      importerId: ada.id,
      map: [],
      mutationId: "dup-mutation-1",
    });
    const before = await storedRows(server);
    await assert.rejects(
      importTrelloBoard(store, {
        raw: smallExport(),
        importerId: ada.id,
        map: [],
        mutationId: "dup-mutation-1",
      }),
      /mutation id was already used/,
    );
    assert.deepEqual(await storedRows(server), before, "the failed import left nothing behind");
    const boards = (await ada.get("/1/members/me/boards")).body.map((b: any) => b.id);
    assert.equal(boards.filter((id: string) => id === first.boardId).length, 1);
  });
});

describe("Trello import: what real exports look like", () => {
  test("the bare minimum: a name, lists and cards with nothing optional", async () => {
    const res = await ada.post(IMPORT, {
      name: "Bare",
      lists: [{ id: "L", name: "Only list" }],
      cards: [
        { id: "C", idList: "L" },
        { id: "D", idList: "L", name: "Second" },
      ],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const board = (await ada.get(`/1/boards/${res.body.board.id}?lists=all&cards=all&labels=all`)).body;
    assert.deepEqual(
      board.lists.map((l: any) => [l.name, l.pos]),
      [["Only list", 65536]],
    );
    assert.deepEqual(
      board.cards.map((c: any) => [c.name, c.pos, c.idShort]),
      [
        ["", 65536],
        ["Second", 131072],
      ].map(([n, p], i) => [n, p, i + 1]),
    );
    assert.deepEqual(board.labels, []);
    assert.deepEqual(res.body.warnings, []);
  });

  test("non-hex ids, numeric ids, nulls where values are optional, unknown fields everywhere", async () => {
    const e = mutate((x) => {
      const rename = new Map<string, string>();
      const fresh = (old: string) => {
        if (!rename.has(old)) rename.set(old, `trello:${rename.size}:ü`);
        return rename.get(old)!;
      };
      // Replace every 24-hex id in the file (wherever it appears) with a non-hex one.
      const text = JSON.stringify(x).replace(/"[0-9a-f]{24}"/g, (m) => JSON.stringify(fresh(m.slice(1, -1))));
      Object.assign(x, JSON.parse(text));
      x.lists[0].id = 12345;
      for (const card of x.cards) if (card.idList === x.lists[1].id) card.idList = x.lists[1].id;
      x.cards[1].cover = null;
      x.cards[1].due = null;
      x.cards[1].desc = null;
      x.checklists[0].checkItems[0].due = null;
      x.futureField = { anything: [1, 2, 3] };
      x.cards[0].sparkles = "✨";
    });
    // Cards of list 0 now name a list id that no longer exists ("12345" replaced it).
    const res = await ada.post(`${IMPORT}?map=alicearcher%3Dada`, e);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const board = (await ada.get(`/1/boards/${res.body.board.id}?lists=all&cards=all&checklists=all`)).body;
    assert.equal(board.cards.length, 6);
    for (const id of [board.id, ...board.lists.map((l: any) => l.id), ...board.cards.map((c: any) => c.id)])
      assert.match(id, /^[0-9a-f]{24}$/);
    const orphanList = board.lists.find((l: any) => l.name === "Imported cards without a list");
    assert.equal(orphanList.closed, true);
    assert.deepEqual(
      board.cards
        .filter((c: any) => c.idList === orphanList.id)
        .map((c: any) => c.name)
        .sort(),
      ["Call the supplier", "Survey regulars 📝"],
    );
    assert.ok(
      res.body.warnings.some(
        (w: any) => w.code === "cards_without_list" && /Survey regulars/.test(w.message),
      ),
    );
    assert.equal(board.cards.find((c: any) => c.name === "Survey regulars 📝").desc, "");
    assert.equal(board.checklists.length, 2);
  });

  test("texts up to the API's limit (16,384 characters) in every script are kept whole", async () => {
    const script = "Ünïcødé ☕ 日本語 עברית русский 🚀 ";
    const long = script.repeat(Math.floor(16_384 / script.length)).padEnd(16_384, "x");
    assert.equal(long.length, 16_384);
    const e = mutate((x) => {
      x.cards[0].desc = long;
      x.actions[0].data.text = long;
      x.name = "名前 🎌 Имя";
    });
    const res = await ada.post(IMPORT, e);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.board.name, "名前 🎌 Имя");
    const cards = (await ada.get(`/1/boards/${res.body.board.id}/cards`)).body;
    const logo = cards.find((c: any) => c.name === "Pick a new logo");
    assert.equal(logo.desc, long);
    const comments = (await ada.get(`/1/cards/${logo.id}/actions?filter=commentCard`)).body;
    assert.equal(comments[0].data.text, long);
  });

  test("a text past the API's limit is refused with its place in the file, nothing written", async () => {
    const over = "x".repeat(16_385);
    await refused(
      mutate((x) => (x.name = over)),
      400,
      /^name: is 16,385 characters long.*at most 16,384/,
    );
    await refused(
      mutate((x) => (x.cards[3].desc = over)),
      400,
      /^cards\.3\.desc: is 16,385 characters long/,
    );
    await refused(
      mutate((x) => (x.actions[0].data.text = over)),
      400,
      /^actions\.0\.data\.text: is 16,385/,
    );
    await refused(
      mutate((x) => (x.labels[0][over] = 1)),
      400,
      /^labels\.0\.x{40} \(a key\): is 16,385/,
    );
    await refused(
      mutate((x) => (x.members[2].fullName = "C".repeat(101))),
      400,
      /members\.2\.fullName is longer than 100 characters/,
    );
  });

  test("a lone UTF-16 surrogate (half an emoji) anywhere is refused with its place, on both stores", async () => {
    await refused(
      mutate((x) => (x.actions[0].data.text = "cut emoji \ud83d here")),
      400,
      /^actions\.0\.data\.text: holds a broken character \(a lone UTF-16 surrogate/,
    );
    await refused(
      mutate((x) => (x.lists[1].name = "\udc00")),
      400,
      /^lists\.1\.name: holds a broken character/,
    );
    await refused(
      mutate((x) => (x.cards[0]["bad\ud800key"] = true)),
      400,
      /^cards\.0\.bad.* \(a key\): holds a broken character/,
    );
    // Raw JSON text with an escaped lone surrogate, as a tool would write it (the first "Doing" of
    // the file is in an action's data).
    const text = JSON.stringify(smallExport()).replace('"Doing"', '"Doing \\ud83d"');
    assert.match(text, /Doing \\ud83d/);
    await refused(text, 400, /^actions\.\d+\.data\.list\.name: holds a broken character/);
  });

  test("NUL characters (which PostgreSQL cannot store) are removed, not a reason to refuse", async () => {
    const e = mutate((x) => {
      x.cards[0].desc = "before\u0000after";
      x.actions[0].data.text = "nul\u0000in a comment";
      x.actions[1].data["odd\u0000key"] = "value\u0000";
    });
    const res = await ada.post(IMPORT, e);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.match(
      res.body.warnings.find((w: any) => w.code === "text_cleaned").message,
      /^4 text\(s\) held NUL/,
    );
    const cards = (await ada.get(`/1/boards/${res.body.board.id}/cards`)).body;
    const logo = cards.find((c: any) => c.name === "Pick a new logo");
    assert.equal(logo.desc, "beforeafter");
    const comments = (await ada.get(`/1/cards/${logo.id}/actions?filter=commentCard`)).body;
    assert.equal(comments[0].data.text, "nulin a comment");
  });

  test("checklists of cards the export does not hold, and positions that make no sense", async () => {
    const e = mutate((x) => {
      x.checklists.push({ id: "stray", idCard: "no-such-card", name: "Stray list", checkItems: [] });
      x.lists[0].pos = -5;
      x.lists[1].pos = "top";
      x.lists[2].pos = null;
    });
    const res = await ada.post(IMPORT, e);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(
      res.body.warnings.some(
        (w: any) => w.code === "checklists_without_card" && /"Stray list"/.test(w.message),
      ),
    );
    const lists = (await ada.get(`/1/boards/${res.body.board.id}/lists?filter=all`)).body;
    // The one valid position comes first, the rest follow in file order, all renumbered.
    assert.deepEqual(
      lists.map((l: any) => [l.name, l.pos]),
      [
        ["Parking lot (archived)", 65536],
        ["Ideas 💡", 131072],
        ["Doing", 196608],
        ["Done ✅", 262144],
      ],
    );
  });

  test("the same export imported twice gives two separate boards", async () => {
    const a = await ada.post(IMPORT, smallExport());
    const b = await ada.post(IMPORT, JSON.parse(smallExportText()));
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.notEqual(a.body.board.id, b.body.board.id);
    const cardsA = (await ada.get(`/1/boards/${a.body.board.id}/cards/all`)).body.map((c: any) => c.id);
    const cardsB = (await ada.get(`/1/boards/${b.body.board.id}/cards/all`)).body.map((c: any) => c.id);
    assert.equal(cardsA.filter((id: string) => cardsB.includes(id)).length, 0);
  });

  test("a retried upload with the same X-Tack-Mutation-Id gets the first board, not a second", async () => {
    const headers = { "x-tack-mutation-id": "import-retry-0001" };
    const first = await ada.call("POST", IMPORT, smallExport(), "token", headers);
    const rows = await storedRows(server);
    const again = await ada.call("POST", IMPORT, smallExport(), "token", headers);
    assert.equal(first.status, 200);
    assert.equal(again.status, 200);
    assert.equal(again.body.board.id, first.body.board.id);
    assert.deepEqual(again.body.warnings, first.body.warnings);
    assert.deepEqual(again.body.counts, first.body.counts);
    assert.deepEqual(await storedRows(server), rows);
    // A mutation id already used for something else is a conflict, not that thing's answer.
    const other = { "x-tack-mutation-id": "not-an-import-01" };
    assert.equal((await ada.call("POST", "/1/boards", { name: "Plain" }, "token", other)).status, 200);
    const clash = await ada.call("POST", IMPORT, smallExport(), "token", other);
    assert.equal(clash.status, 409);
    assert.match(clash.body.message, /already used for something else/);
  });
});
