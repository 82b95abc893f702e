// Importing a Trello board export over real HTTP, element by element: the small hand-written
// export holds every element once or twice, and each is read back through Tack's Trello API.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { smallExport } from "./fixtures/trello/fixtures.ts";
import { Person, startServer, type TestServer } from "./harness.ts";

let server: TestServer;
let ada: Person;
let bert: Person;
let imported: any;
let boardId: string;
let board: any;
let beforeClaim: { boardRead: number; claims: any[] };

const IMPORT = "/1/boards/import/trello";
const mapQuery = (...entries: string[]) => entries.map((e) => `map=${encodeURIComponent(e)}`).join("&");

before(async () => {
  server = await startServer();
  ada = await Person.signUp(server, "ada");
  bert = await Person.signUp(server, "bert");
  const res = await ada.post(`${IMPORT}?${mapQuery("alicearcher=ada", "@bobbaker=bert")}`, smallExport());
  assert.equal(res.status, 200, JSON.stringify(res.body));
  imported = res.body;
  boardId = imported.board.id;
  // Naming bert only asked him: he is neither a member nor an author until he accepts.
  beforeClaim = {
    boardRead: (await bert.get(`/1/boards/${boardId}`)).status,
    claims: (await bert.get("/1/members/me/claims")).body,
  };
  const accepted = await bert.post(`/1/members/me/claims/${beforeClaim.claims[0]?.id}/accept`);
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  board = (
    await ada.get(
      `/1/boards/${boardId}?lists=all&cards=all&labels=all&members=all&memberships=all&checklists=all&customFields=true`,
    )
  ).body;
});
after(() => server.stop());

const cardNamed = (name: string) => board.cards.find((c: any) => c.name === name);
const listNamed = (name: string) => board.lists.find((l: any) => l.name === name);

describe("Trello import: every element of a board export", () => {
  test("the board: a new board with new ids, owned by the importer, private", () => {
    assert.match(boardId, /^[0-9a-f]{24}$/);
    assert.notEqual(boardId, "5f1a3c0000000000000b0a01");
    assert.equal(board.name, "Café Relaunch ☕ — Q3");
    assert.equal(board.desc, "Everything for the relaunch.\n\n**Owner:** Alice");
    assert.equal(board.prefs.permissionLevel, "private");
    assert.equal(board.prefs.background, "green");
    assert.equal(board.prefs.backgroundColor, "#519839");
    assert.notEqual(board.shortLink, "AbCd1234");
    const admin = board.memberships.find((m: any) => m.idMember === ada.id);
    assert.equal(admin.memberType, "admin");
    assert.deepEqual(imported.counts, {
      lists: 4,
      cards: 6,
      labels: 6,
      checklists: 2,
      checkItems: 4,
      comments: 3,
      attachments: 2,
      customFields: 5,
      actions: 15,
      members: 3,
    });
  });

  test("lists, open and archived, in their order with their positions", () => {
    assert.deepEqual(
      board.lists.map((l: any) => [l.name, l.closed, l.pos]),
      [
        ["Ideas 💡", false, 16384],
        ["Doing", false, 32768],
        ["Done ✅", false, 49152.5],
        ["Parking lot (archived)", true, 81920],
      ],
    );
  });

  test("cards in their lists and order, with descriptions, dates, archived state and numbers", () => {
    const inList = (name: string) =>
      board.cards.filter((c: any) => c.idList === listNamed(name).id).map((c: any) => c.name);
    assert.deepEqual(inList("Ideas 💡"), ["Survey regulars 📝", "Call the supplier"]);
    assert.deepEqual(inList("Doing"), ["Pick a new logo", "Order new cups"]);
    assert.deepEqual(inList("Done ✅"), ["Print old menu"]);
    assert.deepEqual(inList("Parking lot (archived)"), ["Latte art class"]);
    const logo = cardNamed("Pick a new logo");
    assert.equal(
      logo.desc,
      "Three directions:\n1. Bean 🫘\n2. Cup ☕\n3. Letterform «C»\n\n> Keep it **simple**.",
    );
    assert.equal(logo.pos, 16384);
    assert.equal(logo.idShort, 1);
    assert.equal(logo.start, "2024-03-01T09:00:00.000Z");
    assert.equal(logo.due, "2024-03-15T17:00:00.000Z");
    assert.equal(logo.dueComplete, false);
    assert.equal(logo.dueReminder, 1440);
    const supplier = cardNamed("Call the supplier");
    assert.equal(supplier.due, "2024-02-20T09:00:00.000Z");
    assert.equal(supplier.dueComplete, true);
    assert.equal(cardNamed("Print old menu").closed, true);
    assert.equal(cardNamed("Order new cups").closed, false);
    assert.equal(
      board.cards.every((c: any) => /^[0-9a-f]{24}$/.test(c.id) && c.idBoard === boardId),
      true,
    );
  });

  test("labels with colors and names; unknown colors and dangling references are reported", () => {
    assert.deepEqual(board.labels.map((l: any) => [l.name, l.color]).sort(), [
      ["", "yellow"],
      ["Design", "purple_light"],
      ["Done-ish", "green"],
      ["Legacy", null],
      ["Someday", null],
      ["Urgent 🔥", "red"],
    ]);
    assert.deepEqual(
      cardNamed("Pick a new logo").labels.map((l: any) => l.name),
      ["Urgent 🔥", "Design"],
    );
    assert.deepEqual(
      cardNamed("Call the supplier").labels.map((l: any) => l.name),
      ["Legacy"],
    );
    const codes = imported.warnings.map((w: any) => w.code);
    assert.ok(codes.includes("label_color_unknown"));
    assert.ok(codes.includes("references_dropped"));
    assert.match(imported.warnings.find((w: any) => w.code === "label_color_unknown").message, /"teal"/);
  });

  test("a Trello person mapped to someone else is only offered to them, until they accept", () => {
    assert.equal(beforeClaim.boardRead, 404, "not a member before accepting");
    assert.deepEqual(
      beforeClaim.claims.map((c: any) => [c.placeholder.fullName, c.board.id, c.requestedBy.username]),
      [["Bob Baker", boardId, "ada"]],
    );
    assert.equal(beforeClaim.claims[0].placeholder.memberType, "ghost");
  });

  test("card members: the importer, the claimed account, placeholders for everyone else", () => {
    const carol = board.members.find((m: any) => m.fullName === "Carol Ünterberg");
    assert.deepEqual(cardNamed("Pick a new logo").idMembers, [ada.id, carol.id]);
    assert.deepEqual(cardNamed("Survey regulars 📝").idMembers, [bert.id]);
    const roles = Object.fromEntries(board.memberships.map((m: any) => [m.idMember, m.memberType]));
    assert.deepEqual(roles, { [ada.id]: "admin", [bert.id]: "normal", [carol.id]: "observer" });
    assert.deepEqual(board.members.map((m: any) => m.username).sort(), ["ada", "bert", carol.username]);
  });

  test("people who are not the importer become placeholder members, marked and named as in Trello", async () => {
    const warning = imported.warnings.find((w: any) => w.code === "members_placeholders");
    assert.match(warning.message, /Carol Ünterberg/);
    const carol = board.members.find((m: any) => m.fullName === "Carol Ünterberg");
    assert.match(carol.username, /^carolu-imported-[0-9a-f]{8}$/);
    assert.equal(carol.initials, "CÜ");
    assert.equal(carol.memberType, "ghost");
    assert.equal(carol.confirmed, false);
    assert.equal(carol.importedFrom, "trello");
    assert.equal(board.members.find((m: any) => m.id === bert.id).memberType, "normal");
    // Newest first: bert's claim, then the import record.
    const [claim, record] = (await ada.get(`/1/boards/${boardId}/actions?limit=2`)).body;
    assert.equal(claim.type, "addMemberToBoard");
    assert.equal(claim.memberCreator.username, "bert");
    assert.equal(claim.data.claimedPlaceholder.fullName, "Bob Baker");
    assert.equal(record.type, "createBoard");
    assert.equal(record.data.importedFrom.source, "trello");
    assert.equal(record.data.importedFrom.idBoard, "5f1a3c0000000000000b0a01");
    assert.deepEqual(
      record.data.placeholders.map((p: any) => [p.trelloUsername, p.fullName]),
      [
        ["bobbaker", "Bob Baker"],
        ["carolu", "Carol Ünterberg"],
      ],
    );
    // Whom ada asked is between her and bert: neither the record nor the import's change says.
    const importChange = (await server.app.ctx.store.changesSince(boardId, 15, 1))[0]!;
    assert.equal(importChange.action.type, "createBoard");
    assert.ok(!JSON.stringify(importChange).includes(bert.id));
    // A placeholder is not an account: no login, no lookup by username.
    const login = await server.app.ctx.store.credentialsOf(carol.username);
    assert.equal(login, null);
    assert.equal((await ada.get(`/1/members/${carol.username}`)).status, 404);
  });

  test("with nobody mapped, everyone's cards and check items stay theirs, as placeholders", async () => {
    const res = await ada.post(IMPORT, smallExport());
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const read = (
      await ada.get(`/1/boards/${res.body.board.id}?cards=all&members=all&memberships=all&checklists=all`)
    ).body;
    const people = Object.fromEntries(read.members.map((m: any) => [m.fullName, m]));
    assert.deepEqual(Object.keys(people).sort(), [
      "Alice Archer",
      "Bob Baker",
      "Carol Ünterberg",
      "Test ada",
    ]);
    const bob = people["Bob Baker"];
    assert.equal(read.cards.filter((c: any) => c.idMembers.includes(bob.id)).length, 2);
    const shortlist = read.checklists
      .flatMap((l: any) => l.checkItems)
      .find((i: any) => i.name === "Shortlist 3 drafts");
    assert.equal(shortlist.idMember, bob.id);
    assert.equal(read.memberships.length, 4);
    assert.equal(res.body.counts.members, 4);
  });

  test("checklists with items, order, states, due dates and assignees", () => {
    const logo = cardNamed("Pick a new logo");
    const lists = board.checklists.filter((c: any) => c.idCard === logo.id);
    assert.deepEqual(
      lists.map((c: any) => c.name),
      ["Before launch", "Nice to have ✨"],
    );
    assert.deepEqual(
      logo.idChecklists,
      lists.map((c: any) => c.id),
    );
    assert.deepEqual(
      lists[0].checkItems.map((i: any) => [i.name, i.state, i.due, i.idMember]),
      [
        ["Shortlist 3 drafts", "incomplete", "2024-03-05T12:00:00.000Z", bert.id],
        ["Ask the printer", "complete", null, null],
        ["Vectorise the winner", "incomplete", null, null],
      ],
    );
    assert.deepEqual(
      lists[1].checkItems.map((i: any) => i.state),
      ["complete"],
    );
    assert.equal(logo.badges.checkItems, 4);
    assert.equal(logo.badges.checkItemsChecked, 2);
  });

  test("comments keep their authors (the importer, a claimed account or a placeholder) and dates", async () => {
    const logo = cardNamed("Pick a new logo");
    assert.equal(logo.badges.comments, 2);
    const comments = (await ada.get(`/1/cards/${logo.id}/actions?filter=commentCard`)).body;
    assert.deepEqual(
      comments.map((c: any) => [c.data.text, c.date, c.memberCreator.fullName, c.memberCreator.memberType]),
      [
        [
          "Ich übernehme das — 明日までに終わらせます 👍",
          "2024-03-02T10:15:00.000Z",
          "Carol Ünterberg",
          "ghost",
        ],
        [
          "Printer says **Friday**. See https://example.com/quote",
          "2024-03-02T08:00:00.000Z",
          "Test ada",
          "normal",
        ],
      ],
    );
    assert.equal(comments[0].data.card.id, logo.id);
    assert.equal(comments[0].data.card.shortLink, logo.shortLink);
    // The mapped author's comment is theirs: they can edit it.
    const edit = await ada.put(`/1/actions/${comments[1].id}`, { text: "Printer says Thursday." });
    assert.equal(edit.status, 200, JSON.stringify(edit.body));
    const bertsComment = (
      await bert.get(`/1/cards/${cardNamed("Print old menu").id}/actions?filter=commentCard`)
    ).body[0];
    assert.equal(bertsComment.memberCreator.username, "bert");
  });

  test("custom field definitions on the board and their values on cards", async () => {
    assert.deepEqual(
      board.customFields.map((f: any) => [f.name, f.type]),
      [
        ["Agency", "text"],
        ["Budget €", "number"],
        ["Review date", "date"],
        ["Approved", "checkbox"],
        ["Priority", "list"],
      ],
    );
    const fields = (await ada.get(`/1/boards/${boardId}/customFields`)).body;
    assert.deepEqual(fields, board.customFields);
    const priority = fields.find((f: any) => f.name === "Priority");
    assert.deepEqual(
      priority.options.map((o: any) => o.value.text),
      ["Low", "High ‼"],
    );
    const logo = cardNamed("Pick a new logo");
    const items = (await ada.get(`/1/cards/${logo.id}/customFieldItems`)).body;
    assert.deepEqual(items, logo.customFieldItems);
    const byField = new Map(
      items.map((i: any) => [fields.find((f: any) => f.id === i.idCustomField).name, i]),
    );
    assert.deepEqual((byField.get("Agency") as any).value, { text: "Studio Nord" });
    assert.deepEqual((byField.get("Budget €") as any).value, { number: "1250.5" });
    assert.deepEqual((byField.get("Approved") as any).value, { checked: "true" });
    assert.equal((byField.get("Priority") as any).idValue, priority.options[1].id);
    assert.equal((byField.get("Priority") as any).idModel, logo.id);
  });

  test("attachments become links, the cover stays; non-web links are left out with a warning", async () => {
    const res = await ada.get(`/1/boards/${boardId}/export`);
    const logo = res.body.cards.find((c: any) => c.name === "Pick a new logo");
    assert.deepEqual(
      logo.attachments.map((a: any) => [a.name, a.url, a.isUpload]),
      [
        [
          "Logo draft v2",
          "https://trello.com/1/cards/5f1a3c0000000000000d0a01/attachments/5f1a3c0000000000000a0a01/download/logo-v2.png",
          false,
        ],
        ["Mood board (Figma)", "https://www.figma.com/file/abc123/Mood", false],
      ],
    );
    assert.equal(logo.badges.attachments, 2);
    assert.equal(logo.idAttachmentCover, logo.attachments[0].id);
    assert.equal(logo.cover.idAttachment, logo.attachments[0].id);
    assert.equal(logo.cover.size, "full");
    assert.equal(logo.cover.brightness, "light");
    assert.equal(cardNamed("Survey regulars 📝").cover.color, "sky");
    assert.match(
      imported.warnings.find((w: any) => w.code === "attachments_not_links").message,
      /"Sneaky script"/,
    );
  });

  test("the activity history: Trello's actions with their dates, oldest first in seq order, then the import", async () => {
    const feed = (await ada.get(`/1/boards/${boardId}/actions?limit=100`)).body;
    // (Earlier tests added actions after the import: start at the import record.)
    const actions = feed.slice(feed.findIndex((a: any) => a.data.importedFrom));
    assert.equal(actions.length, 16);
    assert.deepEqual(
      actions.slice(-3).map((a: any) => a.type),
      ["createList", "addMemberToBoard", "createBoard"],
    );
    // The feed is newest first: history dates descend after the import record.
    const dates = actions.slice(1).map((a: any) => a.date);
    assert.deepEqual(dates, [...dates].sort().reverse());
    const move = actions.find((a: any) => a.type === "updateCard" && a.data.listBefore);
    assert.equal(move.data.listBefore.id, listNamed("Ideas 💡").id);
    assert.equal(move.data.listAfter.id, listNamed("Doing").id);
    assert.equal(move.data.old.idList, listNamed("Ideas 💡").id);
    assert.equal(move.data.board.id, boardId);
    assert.equal(move.data.board.shortLink, board.shortLink);
    const deleted = actions.find((a: any) => a.type === "deleteCard");
    assert.match(deleted.data.card.id, /^[0-9a-f]{24}$/);
    assert.notEqual(deleted.data.card.id, "5f1a3c0000000000000d0a99");
    const added = actions.find((a: any) => a.type === "addMemberToCard");
    assert.equal(added.data.member.name, "Carol Ünterberg");
    // Sequence numbers: the history takes 1..15, the import record 16.
    const changes = await server.app.ctx.store.changesSince(boardId, 0, 16);
    assert.deepEqual(
      changes.map((c) => c.seq),
      Array.from({ length: 16 }, (_, i) => i + 1),
    );
    assert.equal(changes.at(-1)!.action.type, "createBoard");
    assert.equal(changes.at(-1)!.models.cards!.length, 6);
    assert.equal(changes[0]!.action.date, "2024-03-01T10:00:00.000Z");
  });

  test("the imported board works like any other: add a card, move one", async () => {
    const doing = listNamed("Doing");
    const created = await ada.post("/1/cards", { idList: doing.id, name: "After import", pos: "top" });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    assert.equal(created.body.idShort, 7);
    const moved = await bert.put(`/1/cards/${cardNamed("Order new cups").id}`, {
      idList: listNamed("Done ✅").id,
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
  });
});
