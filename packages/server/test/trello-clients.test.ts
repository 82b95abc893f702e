// Real Trello client libraries against a running Tack, changed in nothing but the base URL: the npm
// `trello.js` client (its response validation on, as it ships) and the npm `trello` client. Each row
// of the tables is one operation a script does every day; each is asserted on its own, so the test
// report counts how many of each client's operations work.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { after, before, describe, test } from "node:test";
import { createTrelloClient } from "trello.js";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

const require = createRequire(import.meta.url);

/** The npm `trello` client's promise surface (it ships no types). */
interface TrelloNode {
  uri: string;
  [method: string]: unknown;
}
const TrelloNodeClient = require("trello") as new (key: string, token: string) => TrelloNode;

type Json = Record<string, any>;

/** Objects made over plain HTTP before the clients run, so one operation failing does not fail others. */
interface Fixture {
  board: Json;
  todo: Json;
  done: Json;
  card: Json;
  label: Json;
  checklist: Json;
  checkItem: Json;
  comment: Json;
  bob: Person;
}

async function makeFixture(ada: Person, bob: Person, name: string): Promise<Fixture> {
  const ok = (res: { status: number; body: Json }) => {
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };
  const board = ok(await ada.post("/1/boards", { name, defaultLists: false }));
  const todo = ok(await ada.post("/1/lists", { name: "To Do", idBoard: board.id }));
  const done = ok(await ada.post("/1/lists", { name: "Done", idBoard: board.id, pos: "bottom" }));
  const card = ok(await ada.post("/1/cards", { idList: todo.id, name: "Fixture card", desc: "hello" }));
  const label = ok(await ada.post(`/1/boards/${board.id}/labels`, { name: "Bug", color: "red" }));
  const checklist = ok(await ada.post(`/1/cards/${card.id}/checklists`, { name: "Steps" }));
  const checkItem = ok(await ada.post(`/1/checklists/${checklist.id}/checkItems`, { name: "First" }));
  const comment = ok(await ada.post(`/1/cards/${card.id}/actions/comments`, { text: "A comment" }));
  ok(await ada.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "normal" }));
  return { board, todo, done, card, label, checklist, checkItem, comment, bob };
}

type Operation = [name: string, run: (f: Fixture) => Promise<void>];

for (const kind of storeKinds()) {
  describe(`Trello clients on ${kind}`, () => {
    let server: TestServer;
    let ada: Person;
    let bob: Person;

    before(async () => {
      server = await startServer({}, kind);
      ada = await Person.signUp(server, "ada");
      bob = await Person.signUp(server, "bob");
    });
    after(() => server.stop());

    describe("trello.js 2.2.0 (response validation on)", () => {
      let f: Fixture;
      let t: ReturnType<typeof createTrelloClient>;
      before(async () => {
        f = await makeFixture(ada, bob, "trello.js");
        t = createTrelloClient({ host: `${server.url}/1`, apiKey: "0".repeat(32), apiToken: ada.token });
      });

      const operations: Operation[] = [
        [
          "members.getMember me",
          async () => assert.equal((await t.members.getMember({ id: "me" })).id, ada.id),
        ],
        [
          "members.getMemberBoards",
          async () => assert.ok((await t.members.getMemberBoards({ id: "me" })).length > 0),
        ],
        [
          "boards.createBoard",
          async () =>
            assert.equal(
              (await t.boards.createBoard({ name: "Made by trello.js" })).name,
              "Made by trello.js",
            ),
        ],
        [
          "boards.getBoard",
          async ({ board }) => assert.equal((await t.boards.getBoard({ id: board.id })).id, board.id),
        ],
        [
          "boards.updateBoard",
          async ({ board }) =>
            assert.equal((await t.boards.updateBoard({ id: board.id, desc: "described" })).desc, "described"),
        ],
        [
          "boards.getBoardLists",
          async ({ board }) => assert.ok((await t.boards.getBoardLists({ id: board.id })).length >= 2),
        ],
        [
          "boards.getBoardListsByFilter",
          async ({ board }) =>
            assert.ok((await t.boards.getBoardListsByFilter({ id: board.id, filter: "open" })).length >= 2),
        ],
        [
          "boards.createBoardList",
          async ({ board }) =>
            assert.equal((await t.boards.createBoardList({ id: board.id, name: "Later" })).name, "Later"),
        ],
        [
          "boards.getBoardCards",
          async ({ board }) => assert.ok((await t.boards.getBoardCards({ id: board.id })).length >= 1),
        ],
        [
          "boards.getBoardCardsByFilter",
          async ({ board }) =>
            assert.ok(Array.isArray(await t.boards.getBoardCardsByFilter({ id: board.id, filter: "open" }))),
        ],
        [
          "boards.getBoardLabels",
          async ({ board }) => assert.ok((await t.boards.getBoardLabels({ id: board.id })).length >= 1),
        ],
        [
          "boards.createBoardLabel",
          async ({ board }) =>
            assert.equal(
              (await t.boards.createBoardLabel({ id: board.id, name: "Idea", color: "blue" })).name,
              "Idea",
            ),
        ],
        [
          "boards.getBoardMembers",
          async ({ board }) => assert.equal((await t.boards.getBoardMembers({ id: board.id })).length, 2),
        ],
        [
          "boards.getBoardMemberships",
          async ({ board }) => assert.equal((await t.boards.getBoardMemberships({ id: board.id })).length, 2),
        ],
        [
          "boards.getBoardActions",
          async ({ board }) => assert.ok((await t.boards.getBoardActions({ boardId: board.id })).length > 0),
        ],
        [
          "boards.getBoardChecklists",
          async ({ board }) => assert.equal((await t.boards.getBoardChecklists({ id: board.id })).length, 1),
        ],
        [
          "boards.getBoardCustomFields",
          async ({ board }) =>
            assert.ok(Array.isArray(await t.boards.getBoardCustomFields({ id: board.id }))),
        ],
        [
          "lists.createList",
          async ({ board }) =>
            assert.equal((await t.lists.createList({ idBoard: board.id, name: "Icebox" })).name, "Icebox"),
        ],
        [
          "lists.getList",
          async ({ todo }) => assert.equal((await t.lists.getList({ id: todo.id })).id, todo.id),
        ],
        [
          "lists.updateList",
          async ({ todo }) =>
            assert.equal((await t.lists.updateList({ id: todo.id, name: "Todo" })).name, "Todo"),
        ],
        [
          "lists.getListCards",
          async ({ todo }) => assert.ok((await t.lists.getListCards({ id: todo.id })).length >= 1),
        ],
        [
          "lists.getListBoard",
          async ({ todo, board }) => assert.equal((await t.lists.getListBoard({ id: todo.id })).id, board.id),
        ],
        [
          "lists.getListActions",
          async ({ todo }) => assert.ok(Array.isArray(await t.lists.getListActions({ id: todo.id }))),
        ],
        [
          "lists.archiveList and back",
          async ({ board }) => {
            const list = await t.lists.createList({ idBoard: board.id, name: "Short-lived" });
            assert.equal((await t.lists.archiveList({ id: list.id, value: "true" })).closed, true);
          },
        ],
        [
          "lists.archiveAllListCards",
          async ({ board }) => {
            const list = await t.lists.createList({ idBoard: board.id, name: "To clear" });
            await t.cards.createCard({ idList: list.id, name: "old" });
            await t.lists.archiveAllListCards({ id: list.id });
            assert.equal((await t.lists.getListCards({ id: list.id })).length, 0);
          },
        ],
        [
          "lists.moveAllListCards",
          async ({ board, done }) => {
            const list = await t.lists.createList({ idBoard: board.id, name: "To move" });
            await t.cards.createCard({ idList: list.id, name: "moving" });
            await t.lists.moveAllListCards({ id: list.id, idBoard: board.id, idList: done.id });
            assert.equal((await t.lists.getListCards({ id: list.id })).length, 0);
          },
        ],
        [
          "cards.createCard",
          async ({ todo }) =>
            assert.equal(
              (await t.cards.createCard({ idList: todo.id, name: "From trello.js" })).name,
              "From trello.js",
            ),
        ],
        [
          "cards.getCard",
          async ({ card }) => assert.equal((await t.cards.getCard({ id: card.id })).id, card.id),
        ],
        [
          "cards.updateCard (move)",
          async ({ todo, done }) => {
            const card = await t.cards.createCard({ idList: todo.id, name: "Mover" });
            assert.equal((await t.cards.updateCard({ id: card.id, idList: done.id })).idList, done.id);
          },
        ],
        [
          "cards.deleteCard",
          async ({ todo }) => {
            const card = await t.cards.createCard({ idList: todo.id, name: "Doomed" });
            await t.cards.deleteCard({ id: card.id });
          },
        ],
        [
          "cards.getCardActions",
          async ({ card }) => assert.ok((await t.cards.getCardActions({ id: card.id })).length >= 1),
        ],
        [
          "cards.getCardBoard",
          async ({ card, board }) => assert.equal((await t.cards.getCardBoard({ id: card.id })).id, board.id),
        ],
        [
          "cards.getCardList",
          async ({ card, todo }) => assert.equal((await t.cards.getCardList({ id: card.id })).id, todo.id),
        ],
        [
          "cards.getCardMembers",
          async ({ card }) => assert.ok(Array.isArray(await t.cards.getCardMembers({ id: card.id }))),
        ],
        [
          "cards.getCardChecklists",
          async ({ card }) => assert.equal((await t.cards.getCardChecklists({ id: card.id })).length, 1),
        ],
        [
          "cards.createCardChecklist",
          async ({ card }) =>
            assert.equal((await t.cards.createCardChecklist({ id: card.id, name: "More" })).name, "More"),
        ],
        [
          "cards.getCardCheckItemStates",
          async ({ card }) => assert.ok(Array.isArray(await t.cards.getCardCheckItemStates({ id: card.id }))),
        ],
        [
          "cards.updateCardCheckItem",
          async ({ card, checkItem }) =>
            assert.equal(
              (
                await t.cards.updateCardCheckItem({
                  id: card.id,
                  idCheckItem: checkItem.id,
                  state: "complete",
                })
              ).state,
              "complete",
            ),
        ],
        [
          "cards.updateCardChecklistItem",
          async ({ card, checklist, checkItem }) =>
            assert.equal(
              (
                await t.cards.updateCardChecklistItem({
                  idCard: card.id,
                  idChecklist: checklist.id,
                  idCheckItem: checkItem.id,
                  pos: "top",
                })
              ).id,
              checkItem.id,
            ),
        ],
        [
          "cards.getCard with members, attachments, checklists",
          async ({ card }) => {
            const read = await t.cards.getCard({
              id: card.id,
              members: true,
              attachments: "true",
              checklists: "all",
            });
            assert.ok(Array.isArray(read.members));
            assert.ok(Array.isArray(read.attachments));
          },
        ],
        [
          "cards.getCardCheckItem",
          async ({ card, checkItem }) =>
            assert.equal(
              (await t.cards.getCardCheckItem({ id: card.id, idCheckItem: checkItem.id })).id,
              checkItem.id,
            ),
        ],
        [
          "cards.removeCardChecklist",
          async ({ card }) => {
            const made = await t.cards.createCardChecklist({ id: card.id, name: "Temp" });
            await t.cards.removeCardChecklist({ id: card.id, idChecklist: made.id });
          },
        ],
        [
          "checklists.getChecklistBoard",
          async ({ checklist, board }) =>
            assert.equal((await t.checklists.getChecklistBoard({ id: checklist.id })).id, board.id),
        ],
        [
          "checklists.getChecklistCards",
          async ({ checklist, card }) =>
            assert.equal((await t.checklists.getChecklistCards({ id: checklist.id }))[0]?.id, card.id),
        ],
        [
          "boards.getBoardField",
          async ({ board }) => assert.ok(await t.boards.getBoardField({ id: board.id, field: "name" })),
        ],
        [
          "cards.getCardField",
          async ({ card }) => assert.ok(await t.cards.getCardField({ id: card.id, field: "name" })),
        ],
        [
          "checklists.getChecklistField",
          async ({ checklist }) =>
            assert.ok(await t.checklists.getChecklistField({ id: checklist.id, field: "name" })),
        ],
        [
          "cards.getCardPluginData",
          async ({ card }) => assert.deepEqual(await t.cards.getCardPluginData({ id: card.id }), []),
        ],
        [
          "cards.getCardCustomFieldItems",
          async ({ card }) =>
            assert.ok(Array.isArray(await t.cards.getCardCustomFieldItems({ id: card.id }))),
        ],
        [
          "cards.createCardComment",
          async ({ card }) =>
            assert.equal(
              (await t.cards.createCardComment({ id: card.id, text: "Looks good" })).type,
              "commentCard",
            ),
        ],
        [
          "cards.updateCardComment",
          async ({ card, comment }) =>
            assert.equal(
              (await t.cards.updateCardComment({ id: card.id, idAction: comment.id, text: "Edited" })).data
                .text,
              "Edited",
            ),
        ],
        [
          "cards.deleteCardComment",
          async ({ card }) => {
            const made = await t.cards.createCardComment({ id: card.id, text: "Gone soon" });
            await t.cards.deleteCardComment({ id: card.id, idAction: made.id });
          },
        ],
        [
          "cards.addCardLabel",
          async ({ card, label }) =>
            assert.ok(
              (
                (await t.cards.addCardLabel({ id: card.id, value: label.id })) as unknown as string[]
              ).includes(label.id),
            ),
        ],
        [
          "cards.removeCardLabel",
          async ({ todo, label }) => {
            const card = await t.cards.createCard({
              idList: todo.id,
              name: "Labelled",
              idLabels: [label.id],
            });
            await t.cards.removeCardLabel({ id: card.id, idLabel: label.id });
            assert.deepEqual((await t.cards.getCard({ id: card.id })).idLabels, []);
          },
        ],
        [
          "cards.createCardLabel",
          async ({ card }) =>
            assert.equal(
              (await t.cards.createCardLabel({ id: card.id, color: "green", name: "New" })).name,
              "New",
            ),
        ],
        [
          "cards.addCardMember",
          async ({ card, bob }) =>
            assert.ok(
              (await t.cards.addCardMember({ id: card.id, value: bob.id })).some((m) => m.id === bob.id),
            ),
        ],
        [
          "cards.removeCardMember",
          async ({ todo, bob }) => {
            const card = await t.cards.createCard({ idList: todo.id, name: "Assigned", idMembers: [bob.id] });
            await t.cards.removeCardMember({ id: card.id, idMember: bob.id });
          },
        ],
        [
          "cards.createCardAttachment (link)",
          async ({ card }) =>
            assert.equal(
              (await t.cards.createCardAttachment({ id: card.id, url: "https://example.com/spec" })).url,
              "https://example.com/spec",
            ),
        ],
        [
          "cards.getCardAttachments",
          async ({ card }) => assert.ok(Array.isArray(await t.cards.getCardAttachments({ id: card.id }))),
        ],
        [
          "checklists.createChecklist",
          async ({ card }) =>
            assert.equal(
              (await t.checklists.createChecklist({ idCard: card.id, name: "Extra" })).name,
              "Extra",
            ),
        ],
        [
          "checklists.getChecklist",
          async ({ checklist }) =>
            assert.equal((await t.checklists.getChecklist({ id: checklist.id })).id, checklist.id),
        ],
        [
          "checklists.updateChecklist",
          async ({ checklist }) =>
            assert.equal(
              (await t.checklists.updateChecklist({ id: checklist.id, name: "Plan" })).name,
              "Plan",
            ),
        ],
        [
          "checklists.getChecklistItems",
          async ({ checklist }) =>
            assert.ok((await t.checklists.getChecklistItems({ id: checklist.id })).length >= 1),
        ],
        [
          "checklists.createChecklistItem",
          async ({ checklist }) =>
            assert.equal(
              (await t.checklists.createChecklistItem({ id: checklist.id, name: "Second" })).name,
              "Second",
            ),
        ],
        [
          "checklists.getChecklistItem",
          async ({ checklist, checkItem }) =>
            assert.equal(
              (await t.checklists.getChecklistItem({ id: checklist.id, idCheckItem: checkItem.id })).id,
              checkItem.id,
            ),
        ],
        [
          "checklists.deleteChecklistItem",
          async ({ checklist }) => {
            const item = await t.checklists.createChecklistItem({ id: checklist.id, name: "Temp" });
            await t.checklists.deleteChecklistItem({ id: checklist.id, idCheckItem: item.id });
          },
        ],
        [
          "checklists.deleteChecklist",
          async ({ card }) => {
            const made = await t.checklists.createChecklist({ idCard: card.id, name: "Temp" });
            await t.checklists.deleteChecklist({ id: made.id });
          },
        ],
        [
          "labels.createLabel",
          async ({ board }) =>
            assert.equal(
              (await t.labels.createLabel({ idBoard: board.id, name: "Ops", color: "sky" })).name,
              "Ops",
            ),
        ],
        [
          "labels.getLabel",
          async ({ label }) => assert.equal((await t.labels.getLabel({ id: label.id })).id, label.id),
        ],
        [
          "labels.updateLabel",
          async ({ label }) =>
            assert.equal((await t.labels.updateLabel({ id: label.id, name: "Bugs" })).name, "Bugs"),
        ],
        [
          "labels.deleteLabel",
          async ({ board }) => {
            const made = await t.labels.createLabel({ idBoard: board.id, name: "Temp", color: "pink" });
            await t.labels.deleteLabel({ id: made.id });
          },
        ],
        [
          "actions.getAction",
          async ({ comment }) => assert.equal((await t.actions.getAction({ id: comment.id })).id, comment.id),
        ],
        [
          "actions.getActionBoard",
          async ({ comment, board }) =>
            assert.equal((await t.actions.getActionBoard({ id: comment.id })).id, board.id),
        ],
        [
          "actions.getActionCard",
          async ({ comment, card }) =>
            assert.equal((await t.actions.getActionCard({ id: comment.id })).id, card.id),
        ],
        [
          "actions.getActionList",
          async ({ comment, todo }) =>
            assert.equal((await t.actions.getActionList({ id: comment.id })).id, todo.id),
        ],
        [
          "actions.getActionCreator",
          async ({ comment }) =>
            assert.equal((await t.actions.getActionCreator({ id: comment.id })).id, ada.id),
        ],
        [
          "actions.getActionField",
          async ({ comment }) => assert.ok(await t.actions.getActionField({ id: comment.id, field: "type" })),
        ],
        [
          "actions.updateAction",
          async ({ card }) => {
            const made = await t.cards.createCardComment({ id: card.id, text: "Draft" });
            assert.equal((await t.actions.updateAction({ id: made.id, text: "Final" })).data.text, "Final");
          },
        ],
        [
          "actions.deleteAction",
          async ({ card }) => {
            const made = await t.cards.createCardComment({ id: card.id, text: "Oops" });
            await t.actions.deleteAction({ id: made.id });
          },
        ],
        [
          "boards.removeBoardMember",
          async ({ board }) => {
            const carol = await Person.signUp(server, `carol${Date.now().toString(36)}`);
            await t.boards.updateBoardMember({ id: board.id, idMember: carol.id, type: "normal" });
            await t.boards.removeBoardMember({ id: board.id, idMember: carol.id });
          },
        ],
        [
          "batch.run",
          async ({ board, card }) => {
            const [b, c] = await t.batch.run(
              (x) => [x.boards.getBoard({ id: board.id }), x.cards.getCard({ id: card.id })] as const,
            );
            assert.equal(b.id, board.id);
            assert.equal(c.id, card.id);
          },
        ],
        [
          "boards.deleteBoard",
          async () => {
            const made = await t.boards.createBoard({ name: "Throwaway" });
            await t.boards.deleteBoard({ id: made.id });
          },
        ],
      ];
      for (const [name, run] of operations) test(name, () => run(f));
    });

    describe("trello (npm) 0.11", () => {
      let f: Fixture;
      /** Calls one of the client's methods by name, as a script would call `trello.addCard(...)`. */
      let t: (method: string, ...args: unknown[]) => Promise<any>;
      before(async () => {
        f = await makeFixture(ada, bob, "trello npm");
        const client = new TrelloNodeClient("0".repeat(32), ada.token);
        client.uri = server.url;
        t = (method, ...args) => (client[method] as (...a: unknown[]) => Promise<any>).apply(client, args);
      });

      const operations: Operation[] = [
        [
          "addBoard",
          async () =>
            assert.equal((await t("addBoard", "Made by trello", null, null)).name, "Made by trello"),
        ],
        ["getBoards", async () => assert.ok((await t("getBoards", "me")).length > 0)],
        [
          "updateBoardPref",
          async ({ board }) => void (await t("updateBoardPref", board.id, "cardCovers", "false")),
        ],
        [
          "getListsOnBoard",
          async ({ board }) => assert.ok((await t("getListsOnBoard", board.id)).length >= 2),
        ],
        [
          "getListsOnBoardByFilter",
          async ({ board }) => assert.ok((await t("getListsOnBoardByFilter", board.id, "open")).length >= 2),
        ],
        [
          "addListToBoard",
          async ({ board }) => assert.equal((await t("addListToBoard", board.id, "Later")).name, "Later"),
        ],
        [
          "renameList",
          async ({ todo }) => assert.equal((await t("renameList", todo.id, "Todo")).name, "Todo"),
        ],
        [
          "addCard",
          async ({ todo }) => assert.equal((await t("addCard", "Plain", null, todo.id)).name, "Plain"),
        ],
        [
          "addCard with description",
          async ({ todo }) => assert.equal((await t("addCard", "Described", "words", todo.id)).desc, "words"),
        ],
        [
          "addCardWithExtraParams",
          async ({ todo }) =>
            assert.equal(
              (await t("addCardWithExtraParams", "Extra", { desc: "d", pos: "top" }, todo.id)).pos > 0,
              true,
            ),
        ],
        [
          "getCard (board, card)",
          async ({ board, card }) => assert.equal((await t("getCard", board.id, card.id)).id, card.id),
        ],
        [
          "getCard (no board)",
          async ({ card }) => assert.equal((await t("getCard", null, card.id)).id, card.id),
        ],
        ["getCardById", async ({ card }) => assert.equal((await t("getCardById", card.id)).id, card.id)],
        ["getCardsForList", async ({ todo }) => assert.ok((await t("getCardsForList", todo.id)).length >= 1)],
        ["getCardsOnList", async ({ todo }) => assert.ok((await t("getCardsOnList", todo.id)).length >= 1)],
        [
          "getCardsOnListWithExtraParams",
          async ({ todo }) =>
            assert.ok(Array.isArray(await t("getCardsOnListWithExtraParams", todo.id, { filter: "open" }))),
        ],
        [
          "getCardsOnBoard",
          async ({ board }) => assert.ok((await t("getCardsOnBoard", board.id)).length >= 1),
        ],
        [
          "getCardsOnBoardWithExtraParams",
          async ({ board }) =>
            assert.ok(Array.isArray(await t("getCardsOnBoardWithExtraParams", board.id, { filter: "all" }))),
        ],
        [
          "addMemberToBoard",
          async ({ board }) => {
            const dan = await Person.signUp(server, `dan${Date.now().toString(36)}`);
            await t("addMemberToBoard", board.id, dan.id, "normal");
          },
        ],
        [
          "getBoardMembers",
          async ({ board }) => assert.ok((await t("getBoardMembers", board.id)).length >= 2),
        ],
        ["getMember", async () => assert.equal((await t("getMember", "me")).id, ada.id)],
        ["getMemberCards", async () => assert.ok(Array.isArray(await t("getMemberCards", "me")))],
        [
          "addCommentToCard",
          async ({ card }) =>
            assert.equal((await t("addCommentToCard", card.id, "Nice")).type, "commentCard"),
        ],
        [
          "addAttachmentToCard",
          async ({ card }) =>
            assert.equal(
              (await t("addAttachmentToCard", card.id, "https://example.com/a")).url,
              "https://example.com/a",
            ),
        ],
        [
          "getAttachmentsOnCard",
          async ({ card }) => assert.ok(Array.isArray(await t("getAttachmentsOnCard", card.id))),
        ],
        [
          "addMemberToCard",
          async ({ card, bob }) => assert.ok(Array.isArray(await t("addMemberToCard", card.id, bob.id))),
        ],
        [
          "delMemberFromCard",
          async ({ todo, bob }) => {
            const card = await t("addCardWithExtraParams", "Assigned", { idMembers: bob.id }, todo.id);
            await t("delMemberFromCard", card.id, bob.id);
          },
        ],
        [
          "addChecklistToCard",
          async ({ card }) => assert.equal((await t("addChecklistToCard", card.id, "Todo")).name, "Todo"),
        ],
        [
          "addExistingChecklistToCard",
          async ({ card, checklist }) =>
            assert.ok((await t("addExistingChecklistToCard", card.id, checklist.id)).id),
        ],
        [
          "getChecklistsOnCard",
          async ({ card }) => assert.ok((await t("getChecklistsOnCard", card.id)).length >= 1),
        ],
        [
          "addItemToChecklist",
          async ({ checklist }) =>
            assert.equal((await t("addItemToChecklist", checklist.id, "Step", "bottom")).name, "Step"),
        ],
        [
          "updateChecklist",
          async ({ checklist }) =>
            assert.equal((await t("updateChecklist", checklist.id, "name", "Renamed")).name, "Renamed"),
        ],
        [
          "getActionsOnCard",
          async ({ card }) => assert.ok((await t("getActionsOnCard", card.id)).length >= 1),
        ],
        [
          "updateCard",
          async ({ card }) =>
            assert.equal((await t("updateCard", card.id, "name", "Renamed card")).name, "Renamed card"),
        ],
        [
          "updateCardName",
          async ({ card }) => assert.equal((await t("updateCardName", card.id, "Again")).name, "Again"),
        ],
        [
          "updateCardDescription",
          async ({ card }) =>
            assert.equal((await t("updateCardDescription", card.id, "new words")).desc, "new words"),
        ],
        [
          "updateCardList",
          async ({ todo, done }) => {
            const card = await t("addCard", "Mover", null, todo.id);
            assert.equal((await t("updateCardList", card.id, done.id)).idList, done.id);
          },
        ],
        [
          "updateCardPos",
          async ({ card }) => assert.equal((await t("updateCardPos", card.id, "top")).id, card.id),
        ],
        [
          "addDueDateToCard",
          async ({ card }) =>
            assert.equal(
              (await t("addDueDateToCard", card.id, "2030-01-01T00:00:00.000Z")).due,
              "2030-01-01T00:00:00.000Z",
            ),
        ],
        [
          "getLabelsForBoard",
          async ({ board }) => assert.ok((await t("getLabelsForBoard", board.id)).length >= 1),
        ],
        [
          "addLabelOnBoard",
          async ({ board }) =>
            assert.equal((await t("addLabelOnBoard", board.id, "Ops", "green")).name, "Ops"),
        ],
        [
          "updateLabel",
          async ({ label }) => assert.equal((await t("updateLabel", label.id, "name", "Bugs")).name, "Bugs"),
        ],
        [
          "updateLabelName",
          async ({ label }) => assert.equal((await t("updateLabelName", label.id, "Bug")).name, "Bug"),
        ],
        [
          "updateLabelColor",
          async ({ label }) =>
            assert.equal((await t("updateLabelColor", label.id, "orange")).color, "orange"),
        ],
        [
          "addLabelToCard",
          async ({ card, label }) =>
            assert.ok((await t("addLabelToCard", card.id, label.id)).includes(label.id)),
        ],
        [
          "deleteLabelFromCard",
          async ({ todo, label }) => {
            const card = await t("addCardWithExtraParams", "Labelled", { idLabels: label.id }, todo.id);
            await t("deleteLabelFromCard", card.id, label.id);
          },
        ],
        [
          "deleteLabel",
          async ({ board }) => {
            const made = await t("addLabelOnBoard", board.id, "Temp", "pink");
            await t("deleteLabel", made.id);
          },
        ],
        [
          "getActionsOnBoard",
          async ({ board }) => assert.ok((await t("getActionsOnBoard", board.id)).length >= 1),
        ],
        [
          "getCustomFieldsOnBoard",
          async ({ board }) => assert.ok(Array.isArray(await t("getCustomFieldsOnBoard", board.id))),
        ],
        [
          "getCustomFieldsOnCard",
          async ({ card }) => assert.ok(Array.isArray(await t("getCustomFieldsOnCard", card.id))),
        ],
        [
          "deleteCard",
          async ({ todo }) => {
            const card = await t("addCard", "Doomed", null, todo.id);
            await t("deleteCard", card.id);
          },
        ],
        [
          "makeRequest GET",
          async ({ board }) =>
            assert.equal((await t("makeRequest", "get", `/1/boards/${board.id}`)).id, board.id),
        ],
        [
          "makeRequest DELETE",
          async ({ todo }) => {
            const card = await t("addCard", "Doomed too", null, todo.id);
            await t("makeRequest", "delete", `/1/cards/${card.id}`);
          },
        ],
      ];
      for (const [name, run] of operations) test(name, () => run(f));
    });
  });
}
