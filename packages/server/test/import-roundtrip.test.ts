// A board exported from Tack and imported again is the same board. Two round trips: a board built
// through Tack's own API, and a board that itself came from a Trello export (custom fields,
// attachments, covers, placeholders for people nobody mapped). Both sides are read back through the export route
// and compared in one normalized view: names, order, positions, labels, checklists, comments with
// authors and dates, archived state, dates, members and their roles.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { smallExport } from "./fixtures/trello/fixtures.ts";
import { Person, startServer, type TestServer } from "./harness.ts";

let server: TestServer;
let ada: Person;
let bert: Person;

const IMPORT = "/1/boards/import/trello";

before(async () => {
  server = await startServer();
  ada = await Person.signUp(server, "ada");
  bert = await Person.signUp(server, "bert");
});
after(() => server.stop());

/** The person accepts every claim addressed to them. */
async function acceptClaims(who: Person): Promise<number> {
  const claims = (await who.get("/1/members/me/claims")).body;
  for (const claim of claims) {
    const res = await who.post(`/1/members/me/claims/${claim.id}/accept`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
  return claims.length;
}

async function exported(boardId: string): Promise<any> {
  const res = await ada.get(`/1/boards/${boardId}/export`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.match(res.headers.get("content-disposition") ?? "", /^attachment; filename=".+\.json"$/);
  return res.body;
}

/** Everything a person would recognize their board by, with ids replaced by what they name. */
function sameBoardView(e: any) {
  const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
  const labels = byId<any>(e.labels);
  const members = byId<any>(e.members);
  const lists = byId<any>(e.lists);
  const fields = byId<any>(e.customFields);
  const cards = byId<any>(e.cards);
  // A placeholder gets a new username on every import: it is recognized by its name.
  const person = (m: any) => (m.memberType === "ghost" ? `~${m.fullName}` : m.username);
  const who = (id: string | null) =>
    id === null ? null : members.has(id) ? person(members.get(id)) : `?${id}`;
  return {
    name: e.name,
    desc: e.desc,
    closed: e.closed,
    prefs: { background: e.prefs.background, cardCovers: e.prefs.cardCovers, comments: e.prefs.comments },
    memberships: e.memberships.map((m: any) => [who(m.idMember), m.memberType]).sort(),
    labels: e.labels.map((l: any) => [l.name, l.color]).sort(),
    customFields: e.customFields.map((f: any) => [
      f.name,
      f.type,
      f.pos,
      f.options.map((o: any) => o.value.text),
    ]),
    lists: e.lists.map((l: any) => [l.name, l.closed, l.pos]),
    // Cards of different lists may share a position: order them by list, then position.
    cards: [...e.cards]
      .sort((x: any, y: any) => lists.get(x.idList).pos - lists.get(y.idList).pos || x.pos - y.pos)
      .map((c: any) => ({
        list: lists.get(c.idList).name,
        name: c.name,
        desc: c.desc,
        closed: c.closed,
        pos: c.pos,
        idShort: c.idShort,
        start: c.start,
        due: c.due,
        dueComplete: c.dueComplete,
        labels: c.idLabels.map((id: string) => labels.get(id).name),
        members: c.idMembers.map(who),
        cover: [c.cover.color, c.cover.size, c.cover.brightness, c.idAttachmentCover !== null],
        attachments: c.attachments.map((a: any) => [a.name, a.url, a.pos]),
        customFields: c.customFieldItems.map((i: any) => {
          const field = fields.get(i.idCustomField);
          const option = field.options.find((o: any) => o.id === i.idValue);
          return [field.name, option ? option.value.text : i.value];
        }),
        checklists: e.checklists
          .filter((l: any) => l.idCard === c.id)
          .map((l: any) => [
            l.name,
            l.pos,
            l.checkItems.map((i: any) => [i.name, i.pos, i.state, i.due, who(i.idMember)]),
          ]),
      })),
    comments: e.actions
      .filter((a: any) => a.type === "commentCard")
      .map((a: any) => [
        cards.get(a.data.card.id)?.name,
        a.data.text,
        a.date,
        a.memberCreator ? person(a.memberCreator) : null,
      ]),
  };
}

describe("Trello export and import: the round trip", () => {
  test("a board built in Tack, exported and imported again, is the same board", async () => {
    const board = (
      await ada.post("/1/boards", { name: "Round trip 🔁", desc: "Bring it back", defaultLists: false })
    ).body;
    await ada.put(`/1/boards/${board.id}/members`, { username: "bert", type: "normal" });
    const todo = (await ada.post("/1/lists", { name: "To do", idBoard: board.id })).body;
    const doing = (await ada.post("/1/lists", { name: "Doing ⚙", idBoard: board.id })).body;
    const old = (await ada.post("/1/lists", { name: "Old stuff", idBoard: board.id })).body;
    await ada.put(`/1/lists/${old.id}`, { closed: true });
    const labels = (await ada.get(`/1/boards/${board.id}/labels`)).body;
    await ada.put(`/1/labels/${labels[0].id}`, { name: "Quick win ✓" });
    const a = (
      await ada.post("/1/cards", {
        idList: todo.id,
        name: "Write the brief",
        desc: "# Brief\nWith **markdown** and ünïcødé",
        due: "2025-01-31T17:00:00.000Z",
        start: "2025-01-20T09:00:00.000Z",
        idLabels: [labels[0].id, labels[3].id],
        idMembers: [ada.id, bert.id],
      })
    ).body;
    const b = (await ada.post("/1/cards", { idList: todo.id, name: "Second", pos: "top", dueComplete: true }))
      .body;
    const c = (await ada.post("/1/cards", { idList: doing.id, name: "Archived one" })).body;
    await ada.put(`/1/cards/${c.id}`, { closed: true });
    await ada.post("/1/cards", { idList: old.id, name: "In the old list" });
    await ada.put(`/1/cards/${b.id}`, { idList: doing.id, pos: "bottom" });
    const checklist = (await ada.post("/1/checklists", { idCard: a.id, name: "Steps" })).body;
    const one = (await ada.post(`/1/checklists/${checklist.id}/checkItems`, { name: "Draft" })).body;
    await ada.post(`/1/checklists/${checklist.id}/checkItems`, {
      name: "Review",
      due: "2025-01-25T12:00:00.000Z",
    });
    await ada.put(`/1/cards/${a.id}/checkItem/${one.id}`, { state: "complete" });
    await ada.post(`/1/cards/${a.id}/actions/comments`, { text: "First comment ☕" });
    await bert.post(`/1/cards/${a.id}/actions/comments`, { text: "Bert was here" });
    // Custom fields made through Trello's routes, a value of each type on the brief.
    const field = async (name: string, type: string, extra: object = {}) =>
      (await ada.post("/1/customFields", { idModel: board.id, name, type, ...extra })).body;
    const stage = await field("Stage", "list", {
      options: [{ value: { text: "Draft" }, color: "yellow" }, { value: { text: "Final" } }],
      display_cardFront: true,
    });
    const values: Array<[any, object]> = [
      [await field("Owner", "text"), { value: { text: "Ada" } }],
      [await field("Budget", "number"), { value: { number: "12.5" } }],
      [await field("Review", "date"), { value: { date: "2025-02-01T10:00:00.000Z" } }],
      [await field("Signed off", "checkbox"), { value: { checked: "true" } }],
      [stage, { idValue: stage.options[1].id }],
    ];
    for (const [f, body] of values) {
      const set = await ada.put(`/1/cards/${a.id}/customField/${f.id}/item`, body);
      assert.equal(set.status, 200, JSON.stringify(set.body));
    }

    const original = await exported(board.id);
    assert.equal(original.cards.length, 4);
    assert.deepEqual(original.pluginData, []);
    // Ada is recognized as herself without a map; bert is asked, and becomes himself once he accepts.
    const res = await ada.post(`${IMPORT}?map=bert%3Dbert`, original);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      res.body.warnings.map((w: any) => w.code),
      ["members_placeholders"],
    );
    assert.equal(await acceptClaims(bert), 1);
    const copy = await exported(res.body.board.id);
    assert.notEqual(copy.id, original.id);
    assert.deepEqual(sameBoardView(copy), sameBoardView(original));
    const view = sameBoardView(copy);
    assert.equal(view.comments.length, 2);
    const brief = view.cards.find((card) => card.name === "Write the brief")!;
    assert.deepEqual(
      brief.checklists[0]![2].map((item: any[]) => item[2]),
      ["complete", "incomplete"],
    );
    assert.deepEqual(brief.labels, ["Quick win ✓", labels[3].name]);
    assert.deepEqual(brief.members, ["ada", "bert"]);
    assert.deepEqual(brief.customFields, [
      ["Owner", { text: "Ada" }],
      ["Budget", { number: "12.5" }],
      ["Review", { date: "2025-02-01T10:00:00.000Z" }],
      ["Signed off", { checked: "true" }],
      ["Stage", "Final"],
    ]);
    assert.deepEqual(
      copy.customFields.map((f: any) => [f.name, f.type, f.display.cardFront]),
      [
        ["Stage", "list", true],
        ["Owner", "text", false],
        ["Budget", "number", false],
        ["Review", "date", false],
        ["Signed off", "checkbox", false],
      ],
    );
    assert.deepEqual(
      copy.customFields[0].options.map((o: any) => [o.value.text, o.color]),
      [
        ["Draft", "yellow"],
        ["Final", "none"],
      ],
    );
    assert.equal(view.cards.find((card) => card.name === "Archived one")!.closed, true);
    assert.deepEqual(view.lists.at(-1), ["Old stuff", true, old.pos]);
    assert.deepEqual(sameBoardView(copy).memberships, [
      ["ada", "admin"],
      ["bert", "normal"],
    ]);
  });

  test("a board imported from Trello survives export and import again, placeholders included", async () => {
    const first = await ada.post(`${IMPORT}?map=alicearcher%3Dada&map=bobbaker%3Dbert`, smallExport());
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(await acceptClaims(bert), 1);
    const original = await exported(first.body.board.id);
    const res = await ada.post(`${IMPORT}?map=bert%3Dbert`, original);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(await acceptClaims(bert), 1);
    const copy = await exported(res.body.board.id);
    const view = sameBoardView(copy);
    assert.deepEqual(view, sameBoardView(original));
    // Carol was never mapped: her placeholder still owns her comment, after two imports.
    assert.ok(view.comments.some((c: any[]) => c[3] === "~Carol Ünterberg"));
    const carol = copy.members.find((m: any) => m.fullName === "Carol Ünterberg");
    assert.match(carol.username, /^carolu-imported-[0-9a-f]{8}$/);
    assert.equal(view.customFields.length, 5);
    assert.equal(view.cards.find((c) => c.name === "Pick a new logo")!.attachments.length, 2);
    // The history came along too: Trello's 15 actions, the first import's record and bert's claim,
    // then this import and bert's second claim.
    const history = copy.actions.filter(
      (a: any) => !a.data.importedFrom || a.data.importedFrom.idBoard !== original.id,
    );
    assert.equal(copy.actions.length, original.actions.length + 2);
    assert.ok(history.length >= 16);
  });
});
