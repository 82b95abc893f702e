// The client cache: predictions show at once, roll back on refusal, give way to the server's
// changes, and changes apply only in sequence.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { BoardSnapshot } from "@tack/shared/board-state";
import type { BoardChange } from "@tack/shared/changes";
import { type Card, defaults, type List, readers } from "@tack/shared/models";
import { BoardCache } from "./board-cache.ts";

const BOARD = "b00000000000000000000001";
const list = (id: string, pos: number): List => ({
  id,
  idBoard: BOARD,
  name: id,
  closed: false,
  pos,
  softLimit: null,
});
const card = (id: string, idList: string, pos: number, name = id): Card =>
  readers.card({ id, idBoard: BOARD, idList, idShort: 1, shortLink: id, name, pos, cover: defaults.cover() });

function snapshot(): BoardSnapshot {
  return {
    board: readers.board({ id: BOARD, name: "Board", shortLink: "abcdefgh" }),
    seq: 5,
    lists: [list("L1", 1), list("L2", 2)],
    cards: [card("c1", "L1", 1), card("c2", "L1", 2), card("c3", "L2", 1)],
    labels: [],
    checklists: [],
    attachments: [],
    memberships: [],
    members: [],
    actions: [],
  };
}

function change(seq: number, cards: Card[]): BoardChange {
  return {
    board: BOARD,
    seq,
    action: {
      id: `a${seq}`,
      idMemberCreator: "m",
      type: "updateCard",
      date: "2026-01-01T00:00:00Z",
      data: {},
      seq,
    },
    models: { cards },
    deleted: [],
  };
}

test("signals list each list's open cards in position order", () => {
  const cache = new BoardCache(snapshot(), "e1");
  assert.deepEqual(cache.cardIdsOf("L1").value, ["c1", "c2"]);
  assert.deepEqual(cache.listIds.value, ["L1", "L2"]);
});

test("a prediction shows at once and a rollback restores the server's state", () => {
  const cache = new BoardCache(snapshot(), "e1");
  const moved = { ...cache.card("c1")!, idList: "L2", pos: 2 };
  const token = cache.predict({ cards: [moved] });
  assert.deepEqual(cache.cardIdsOf("L2").value, ["c3", "c1"]);
  assert.deepEqual(cache.cardIdsOf("L1").value, ["c2"]);
  cache.rollback(token);
  assert.deepEqual(cache.cardIdsOf("L1").value, ["c1", "c2"]);
  assert.equal(cache.cardSignal("c1").value?.idList, "L1");
});

test("an accepted prediction stays until the change for that card arrives", () => {
  const cache = new BoardCache(snapshot(), "e1");
  const renamed = { ...cache.card("c2")!, name: "mine" };
  const token = cache.predict({ cards: [renamed] });
  cache.settle(token);
  // Someone else's change to another card does not drop the prediction.
  assert.equal(cache.apply(change(6, [card("c3", "L2", 1, "theirs")])), true);
  assert.equal(cache.card("c2")?.name, "mine");
  // The change that carries our edit replaces the prediction with the server's copy.
  assert.equal(cache.apply(change(7, [card("c2", "L1", 2, "mine (server)")])), true);
  assert.equal(cache.card("c2")?.name, "mine (server)");
});

test("a pending (not yet accepted) prediction survives a change to the same card", () => {
  const cache = new BoardCache(snapshot(), "e1");
  cache.predict({ cards: [{ ...cache.card("c1")!, name: "typing" }] });
  cache.apply(change(6, [card("c1", "L1", 1, "remote")]));
  assert.equal(cache.card("c1")?.name, "typing");
});

test("changes apply in sequence only: a gap is refused and nothing changes", () => {
  const cache = new BoardCache(snapshot(), "e1");
  assert.equal(cache.apply(change(7, [card("c1", "L2", 9)])), false);
  assert.equal(cache.card("c1")?.idList, "L1");
  assert.equal(cache.seq, 5);
  assert.equal(cache.apply(change(5, [card("c1", "L2", 9)])), true, "an old change is already applied");
  assert.equal(cache.card("c1")?.idList, "L1");
});

test("documents the server created show until a later sync", () => {
  const cache = new BoardCache(snapshot(), "e1");
  const token = cache.predict({});
  cache.settle(token, { cards: [card("c9", "L2", 5)] });
  assert.deepEqual(cache.cardIdsOf("L2").value, ["c3", "c9"]);
  cache.markSynced(); // a sync right after: the change may still be in flight, keep it
  assert.deepEqual(cache.cardIdsOf("L2").value, ["c3", "c9"]);
});

test("a delete change removes a card whose create was answered after its change landed", () => {
  const cache = new BoardCache(snapshot(), "e1");
  const token = cache.predict({ cards: [card("temp", "L2", 9, "New")] }, { standIn: "temp" });
  const created = card("c9", "L2", 9, "New");
  cache.apply({ ...change(6, [created]), action: { ...change(6, []).action, type: "createCard" } });
  cache.settle(token, { cards: [created] }); // the answer, after the change
  assert.deepEqual(cache.cardIdsOf("L2").value, ["c3", "c9"]);
  // At once (well within the sync margin) the card is moved to another board: deleted here.
  cache.apply({ ...change(7, []), deleted: [{ kind: "card", id: "c9" }] });
  cache.markSynced();
  assert.deepEqual(cache.cardIdsOf("L2").value, ["c3"]);
  assert.equal(cache.card("c9"), undefined);
});

test("unchanged cards keep their identity, so their views do not re-render", () => {
  const cache = new BoardCache(snapshot(), "e1");
  const before = cache.cardSignal("c1").value;
  cache.apply(change(6, [card("c2", "L1", 2, "other")]));
  assert.equal(cache.cardSignal("c1").value, before);
});

test("a created card arriving before the answer to the create replaces its stand-in", () => {
  const cache = new BoardCache(snapshot(), "e1");
  const token = cache.predict({ cards: [card("temp", "L2", 9, "New")] }, { standIn: "temp" });
  assert.deepEqual(cache.cardIdsOf("L2").value, ["c3", "temp"]);
  const created = card("c9", "L2", 9, "New");
  cache.apply({ ...change(6, [created]), action: { ...change(6, []).action, type: "createCard" } });
  assert.deepEqual(cache.cardIdsOf("L2").value, ["c3", "c9"], "one card, not two");
  cache.rollback(token); // the answer arrives: nothing left to undo
  assert.deepEqual(cache.cardIdsOf("L2").value, ["c3", "c9"]);
});

test("attachments: an upload's answer shows at once, its change keeps it, a delete change removes it", () => {
  const cache = new BoardCache(snapshot(), "e1");
  const attachment = readers.attachment({
    id: "at1",
    idBoard: BOARD,
    idCard: "c1",
    name: "photo.png",
    url: "/1/cards/c1/attachments/at1/download/photo.png",
    date: "2026-01-01T00:00:00Z",
    idMember: "m",
    isUpload: true,
    pos: 1,
  });
  const shown = cache.attachmentsOf("c1");
  assert.equal(shown.value.length, 0);
  cache.settle(cache.predict({}), { attachments: [attachment] });
  assert.deepEqual(
    shown.value.map((a) => a.name),
    ["photo.png"],
  );
  const add = change(6, [{ ...card("c1", "L1", 1), attachmentCount: 1, idAttachmentCover: "at1" }]);
  add.action.type = "addAttachmentToCard";
  add.models.attachments = [attachment];
  assert.equal(cache.apply(add), true);
  assert.equal(shown.value.length, 1);
  assert.equal(cache.attachment("at1")?.name, "photo.png");
  assert.deepEqual(cache.attachmentsOf("c2").value, []);

  const remove = change(7, [card("c1", "L1", 1)]);
  remove.action.type = "deleteAttachmentFromCard";
  remove.deleted = [{ kind: "attachment", id: "at1" }];
  assert.equal(cache.apply(remove), true);
  assert.deepEqual(shown.value, []);
  assert.equal(cache.attachment("at1"), undefined);
});

test("a delete hides the attachment at once and shows it again when refused", () => {
  const s = snapshot();
  s.attachments = [
    readers.attachment({
      id: "at2",
      idBoard: BOARD,
      idCard: "c2",
      name: "a.txt",
      url: "u",
      date: "d",
      idMember: "m",
    }),
  ];
  const cache = new BoardCache(s, "e1");
  const shown = cache.attachmentsOf("c2");
  assert.equal(shown.value.length, 1);
  cache.hideAttachment("at2", true);
  assert.equal(shown.value.length, 0);
  cache.hideAttachment("at2", false);
  assert.equal(shown.value.length, 1);
});

test("a reset keeps predictions still waiting for their answer (edits queued offline)", () => {
  const cache = new BoardCache(snapshot(), "e1");
  const waiting = cache.predict({ cards: [{ ...cache.card("c1")!, name: "renamed offline" }] });
  const answered = cache.predict({ cards: [{ ...cache.card("c2")!, name: "answered" }] });
  cache.settle(answered);
  cache.reset(snapshot(), "e2");
  assert.equal(cache.card("c1")?.name, "renamed offline");
  assert.equal(cache.card("c2")?.name, "c2", "an answered prediction gives way to the fresh state");
  cache.rollback(waiting);
  assert.equal(cache.card("c1")?.name, "c1");
});

test("a created card's real id replaces its stand-in's, with the edits made to it meanwhile", () => {
  const cache = new BoardCache(snapshot(), "e1");
  const standIn = card("tmp1", "L2", 5, "new");
  const created = cache.predict({ cards: [standIn] }, { standIn: standIn.id });
  cache.predict({ cards: [{ ...standIn, name: "new, renamed" }] });
  assert.deepEqual(cache.cardIdsOf("L2").value, ["c3", "tmp1"]);
  cache.remapId("tmp1", "real1");
  assert.deepEqual(cache.cardIdsOf("L2").value, ["c3", "real1"]);
  assert.equal(cache.card("real1")?.name, "new, renamed");
  assert.equal(cache.card("tmp1"), undefined);
  // The create's answer settles its (moved) prediction; the server's card retires only that one.
  cache.settle(created, { cards: [card("real1", "L2", 5, "new")] });
  assert.equal(cache.card("real1")?.name, "new, renamed", "the later edit still shows on top");
  assert.ok(cache.apply(change(6, [card("real1", "L2", 5, "new")])));
  assert.equal(cache.card("real1")?.name, "new, renamed", "the rename is still waiting");
});

test("custom fields: the snapshot's presented fields read as stored, and changes keep them in order", async () => {
  const { snapshotFrom } = await import("../api/normalize.ts");
  const read = snapshotFrom(
    {
      id: BOARD,
      name: "Board",
      customFields: [
        {
          id: "f2",
          idModel: BOARD,
          modelType: "board",
          fieldGroup: "f2",
          name: "Stage",
          type: "list",
          pos: 2,
          display: { cardFront: true },
          options: [{ id: "o1", idCustomField: "f2", value: { text: "Draft" }, color: "none", pos: 1 }],
          isSuggestedField: false,
        },
      ],
      cards: [
        {
          ...card("c1", "L1", 1),
          customFieldItems: [
            { id: "i1", idValue: "o1", idCustomField: "f2", idModel: "c1", modelType: "card" },
          ],
        },
      ],
    },
    { seq: 5, epoch: "e1" },
  );
  assert.deepEqual(read.customFields?.[0]?.options[0]?.color, null);
  assert.equal("fieldGroup" in read.customFields![0]!, false);
  assert.deepEqual(read.cards[0]?.customFieldItems?.[0]?.value, null);
  const cache = new BoardCache({ ...snapshot(), customFields: read.customFields! }, "e1");
  const first = { ...read.customFields![0]!, id: "f1", name: "Owner", type: "text", pos: 1, options: [] };
  const created: BoardChange = {
    ...change(6, []),
    action: { ...change(6, []).action, type: "createCustomField" },
    models: { customFields: [first] },
  };
  assert.equal(cache.apply(created), true);
  assert.deepEqual(
    cache.customFields.value.map((f) => f.name),
    ["Owner", "Stage"],
  );
  const deleted: BoardChange = { ...change(7, []), models: {}, deleted: [{ kind: "customField", id: "f2" }] };
  assert.equal(cache.apply(deleted), true);
  assert.deepEqual(
    cache.customFields.value.map((f) => f.name),
    ["Owner"],
  );
});

// A first read that left cards out (decision 0041-first-paint-read): the card fronts read that
// completes it adds what the cache lacks, never older than the cache, and waiting edits go on.
test("a cut-short first read: the rest joins the cache, newer state is kept, older answers are refused", async () => {
  const first = snapshot();
  first.cards = [card("c1", "L1", 1), card("c3", "L2", 1)];
  const cache = new BoardCache(first, "e1", new Map([["L1", 2]]));
  assert.equal(cache.allCardsKnown, false);
  assert.deepEqual([...cache.cardsToCome.value], [["L1", 2]]);
  let known = false;
  const waiting = cache.whenAllCardsKnown(60_000).then(() => {
    known = true;
  });
  // A change renamed c1 and moved c9 in while the rest was on its way.
  assert.ok(cache.apply(change(6, [card("c1", "L1", 1, "renamed"), card("c9", "L2", 5)])));
  const rest = (seq: number) => ({
    seq,
    cards: [card("c1", "L1", 1, "stale"), card("c2", "L1", 2), card("c4", "L1", 3), card("c3", "L2", 1)],
    attachments: [],
  });
  assert.equal(cache.mergeCardFronts(rest(5)), false, "an answer older than the cache is read again");
  assert.deepEqual(cache.cardIdsOf("L1").value, ["c1"]);
  assert.equal(known, false);
  assert.equal(cache.mergeCardFronts(rest(6)), true);
  assert.deepEqual(cache.cardIdsOf("L1").value, ["c1", "c2", "c4"]);
  assert.equal(cache.card("c1")?.name, "renamed", "what the cache holds is as new or newer");
  assert.deepEqual(cache.cardIdsOf("L2").value, ["c3", "c9"]);
  assert.equal(cache.seq, 6, "the cursor stays where the cache's changes put it");
  await waiting;
  assert.equal(cache.allCardsKnown, true);
  assert.equal(cache.cardsToCome.value.size, 0);
});

test("a cut-short first read that cannot be completed lets waiting edits go on after the patience", async () => {
  const cache = new BoardCache(snapshot(), "e1", new Map([["L2", 4]]));
  const started = Date.now();
  await cache.whenAllCardsKnown(50);
  assert.ok(Date.now() - started >= 45, "it waited");
  assert.equal(cache.allCardsKnown, false, "the lists still say cards are on their way");
  cache.reset(snapshot(), "e1");
  assert.equal(cache.allCardsKnown, true, "a reset's snapshot is the whole board");
  const whole = new BoardCache(snapshot(), "e1");
  assert.equal(whole.allCardsKnown, true);
});
