// Client mutation ids (`X-Tack-Mutation-Id`) make a retried write apply once. What they promise
// (docs/security.md, "Mutation ids and history"):
// - a replay answers only for the same kind of write, on the same board, with what the caller may
//   read now; an id reused for anything else is a clear 409 and changes nothing;
// - every attempt of one mutation id gets the first attempt's answer, also when attempts run at the
//   same time (a socket write cut off and retried over HTTP), for every command, on both stores.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { newId } from "@tack/shared/ids";
import { Person, type Response, startServer, storeKinds, type TestServer } from "./harness.ts";
import { LiveClient } from "./support/live-client.ts";

const servers: TestServer[] = [];
after(() => Promise.all(servers.map((s) => s.stop())));

const mutationHeader = (id: string) => ({ "x-tack-mutation-id": id });

async function write(
  person: Person,
  method: "POST" | "PUT" | "DELETE",
  path: string,
  body: Record<string, unknown> | undefined,
  mutationId: string,
): Promise<Response> {
  return person.call(method, path, body ?? {}, "token", mutationHeader(mutationId));
}

for (const kind of storeKinds()) {
  describe(`${kind}: mutation id replays`, () => {
    test("a former member's replay never answers with the board, card or list he wrote on", async () => {
      const server = await startServer({}, kind);
      servers.push(server);
      const ann = await Person.signUp(server, "ann");
      const bob = await Person.signUp(server, "bob");
      const annBoard = (await ann.post("/1/boards", { name: "Ann's secrets", defaultLists: false })).body;
      const annList = (await ann.post("/1/lists", { name: "Plans", idBoard: annBoard.id })).body;
      const annCard = (await ann.post("/1/cards", { name: "Acquisition target", idList: annList.id })).body;
      assert.equal(
        (await ann.put(`/1/boards/${annBoard.id}/members/${bob.id}`, { type: "normal" })).status,
        200,
      );

      // While a member, Bob writes on Ann's board with ids of his choice.
      const onCard = `card-${newId()}`;
      const onList = `list-${newId()}`;
      const onComment = `comment-${newId()}`;
      assert.equal(
        (await write(bob, "POST", "/1/cards", { name: "Bob's card", idList: annList.id }, onCard)).status,
        200,
      );
      assert.equal(
        (await write(bob, "POST", "/1/lists", { name: "Bob's list", idBoard: annBoard.id }, onList)).status,
        200,
      );
      assert.equal(
        (await write(bob, "POST", `/1/cards/${annCard.id}/actions/comments`, { text: "hi" }, onComment))
          .status,
        200,
      );
      assert.equal((await ann.del(`/1/boards/${annBoard.id}/members/${bob.id}`)).status, 200);
      assert.equal((await bob.get(`/1/boards/${annBoard.id}`)).status, 404);

      const bobBoard = (await bob.post("/1/boards", { name: "Bob's own", defaultLists: false })).body;
      const bobList = (await bob.post("/1/lists", { name: "Mine", idBoard: bobBoard.id })).body;
      const boardsBefore = (await bob.get("/1/members/me/boards")).body.length;

      const attempts: Array<[string, Promise<Response>]> = [
        ["POST /1/boards", write(bob, "POST", "/1/boards", { name: "Replay" }, onComment)],
        ["POST /1/boards (list id)", write(bob, "POST", "/1/boards", { name: "Replay" }, onList)],
        ["POST /1/cards", write(bob, "POST", "/1/cards", { name: "Replay", idList: bobList.id }, onCard)],
        ["POST /1/lists", write(bob, "POST", "/1/lists", { name: "Replay", idBoard: bobBoard.id }, onList)],
        [
          "POST /1/cards (comment id)",
          write(bob, "POST", "/1/cards", { name: "R", idList: bobList.id }, onComment),
        ],
      ];
      for (const [what, attempt] of attempts) {
        const answer = await attempt;
        assert.equal(answer.status, 409, `${what}: ${JSON.stringify(answer.body)}`);
        assert.match(answer.body.message, /mutation id was already used/);
        assert.match(answer.body.message, /X-Tack-Mutation-Id/);
        const text = JSON.stringify(answer.body);
        for (const secret of [annBoard.id, annCard.id, annList.id, "Ann's secrets", "Acquisition target"])
          assert.ok(!text.includes(secret), `${what} leaked ${secret}`);
      }
      // Nothing was written by the refused replays.
      assert.equal((await bob.get("/1/members/me/boards")).body.length, boardsBefore);
      assert.deepEqual(
        (await bob.get(`/1/boards/${bobBoard.id}/lists`)).body.map((l: { id: string }) => l.id),
        [bobList.id],
      );
      assert.deepEqual((await bob.get(`/1/lists/${bobList.id}/cards`)).body, []);
    });

    test("a replayed board creation answers only while the caller may still read that board", async () => {
      const server = await startServer({}, kind);
      servers.push(server);
      const ann = await Person.signUp(server, "ann");
      const bob = await Person.signUp(server, "bob");
      const mutationId = `board-${newId()}`;
      const created = await write(bob, "POST", "/1/boards", { name: "Handed over" }, mutationId);
      assert.equal(created.status, 200);
      const again = await write(bob, "POST", "/1/boards", { name: "Handed over" }, mutationId);
      assert.equal(again.status, 200);
      assert.equal(again.body.id, created.body.id, "a retry gets the first attempt's board");

      await bob.put(`/1/boards/${created.body.id}/members/${ann.id}`, { type: "admin" });
      assert.equal((await ann.del(`/1/boards/${created.body.id}/members/${bob.id}`)).status, 200);
      const boardsBefore = (await bob.get("/1/members/me/boards")).body.length;
      const replay = await write(bob, "POST", "/1/boards", { name: "Handed over" }, mutationId);
      assert.equal(replay.status, 409, JSON.stringify(replay.body));
      assert.ok(!JSON.stringify(replay.body).includes(created.body.id));
      assert.equal((await bob.get("/1/members/me/boards")).body.length, boardsBefore);
    });

    test("an id reused for a different kind of write is a 409 that changes nothing", async () => {
      const server = await startServer({}, kind);
      servers.push(server);
      const ann = await Person.signUp(server, "ann");
      const board = (await ann.post("/1/boards", { name: "Kinds", defaultLists: false })).body;
      const list = (await ann.post("/1/lists", { name: "L", idBoard: board.id })).body;
      const mutationId = `kind-${newId()}`;
      const card = (await write(ann, "POST", "/1/cards", { name: "First", idList: list.id }, mutationId))
        .body;
      const rename = await write(ann, "PUT", `/1/cards/${card.id}`, { name: "Renamed" }, mutationId);
      assert.equal(rename.status, 409, JSON.stringify(rename.body));
      assert.match(rename.body.message, /different kind of write/);
      const label = await write(
        ann,
        "POST",
        "/1/labels",
        { name: "x", color: "red", idBoard: board.id },
        mutationId,
      );
      assert.equal(label.status, 409);
      const newBoard = await write(ann, "POST", "/1/boards", { name: "Another" }, mutationId);
      assert.equal(newBoard.status, 409);
      assert.equal((await ann.get(`/1/cards/${card.id}`)).body.name, "First");
      assert.equal(
        (await ann.get(`/1/boards/${board.id}/labels`)).body.filter((l: { name: string }) => l.name === "x")
          .length,
        0,
      );
      assert.equal((await ann.get("/1/members/me/boards")).body.length, 1);
    });
  });

  describe(`${kind}: every attempt of one mutation id gets the first attempt's answer`, () => {
    test("for every command, HTTP+HTTP and socket+HTTP, concurrently and retried later", async () => {
      const server = await startServer({}, kind);
      servers.push(server);
      const ann = await Person.signUp(server, "ann");
      const carl = await Person.signUp(server, "carl");
      const board = (await ann.post("/1/boards", { name: "Races", defaultLists: false })).body;
      const list = (await ann.post("/1/lists", { name: "L", idBoard: board.id })).body;
      const labelId = (await ann.post("/1/labels", { name: "tag", color: "red", idBoard: board.id })).body.id;
      const live = new LiveClient(board.id, ann.token);
      await live.connect(server.url);

      const newCard = async () =>
        (await ann.post("/1/cards", { name: "c", idList: list.id })).body.id as string;
      const newChecklist = async () =>
        (await ann.post("/1/checklists", { idCard: await newCard(), name: "todo" })).body.id as string;
      const withItem = async () => {
        const checklist = await newChecklist();
        const item = (await ann.post(`/1/checklists/${checklist}/checkItems`, { name: "step" })).body.id;
        return { checklist, item: item as string };
      };
      const withComment = async () => {
        const card = await newCard();
        const comment = (await ann.post(`/1/cards/${card}/actions/comments`, { text: "c" })).body.id;
        return { card, comment: comment as string };
      };
      const withAttachment = async () => {
        const card = await newCard();
        const attachment = (await ann.post(`/1/cards/${card}/attachments`, { url: "https://example.test/a" }))
          .body.id;
        return { card, attachment: attachment as string };
      };
      type Write = { method: "POST" | "PUT" | "DELETE"; path: string; body?: Record<string, unknown> };
      const commands: Record<string, () => Promise<Write>> = {
        createBoard: async () => ({
          method: "POST",
          path: "/1/boards",
          body: { name: "new", defaultLists: false },
        }),
        updateBoard: async () => ({ method: "PUT", path: `/1/boards/${board.id}`, body: { desc: newId() } }),
        setBoardMember: async () => {
          await ann.del(`/1/boards/${board.id}/members/${carl.id}`);
          return {
            method: "PUT",
            path: `/1/boards/${board.id}/members/${carl.id}`,
            body: { type: "normal" },
          };
        },
        removeBoardMember: async () => {
          await ann.put(`/1/boards/${board.id}/members/${carl.id}`, { type: "normal" });
          return { method: "DELETE", path: `/1/boards/${board.id}/members/${carl.id}` };
        },
        createList: async () => ({
          method: "POST",
          path: "/1/lists",
          body: { name: "n", idBoard: board.id },
        }),
        updateList: async () => ({ method: "PUT", path: `/1/lists/${list.id}`, body: { name: newId() } }),
        archiveAllCards: async () => {
          const other = (await ann.post("/1/lists", { name: "A", idBoard: board.id })).body.id;
          await ann.post("/1/cards", { name: "a", idList: other });
          return { method: "POST", path: `/1/lists/${other}/archiveAllCards` };
        },
        createCard: async () => ({ method: "POST", path: "/1/cards", body: { name: "n", idList: list.id } }),
        updateCard: async () => ({
          method: "PUT",
          path: `/1/cards/${await newCard()}`,
          body: { name: "moved" },
        }),
        deleteCard: async () => ({ method: "DELETE", path: `/1/cards/${await newCard()}` }),
        addCardLabel: async () => ({
          method: "POST",
          path: `/1/cards/${await newCard()}/idLabels`,
          body: { value: labelId },
        }),
        removeCardLabel: async () => {
          const card = await newCard();
          await ann.post(`/1/cards/${card}/idLabels`, { value: labelId });
          return { method: "DELETE", path: `/1/cards/${card}/idLabels/${labelId}` };
        },
        addCardMember: async () => ({
          method: "POST",
          path: `/1/cards/${await newCard()}/idMembers`,
          body: { value: ann.id },
        }),
        removeCardMember: async () => {
          const card = await newCard();
          await ann.post(`/1/cards/${card}/idMembers`, { value: ann.id });
          return { method: "DELETE", path: `/1/cards/${card}/idMembers/${ann.id}` };
        },
        addComment: async () => ({
          method: "POST",
          path: `/1/cards/${await newCard()}/actions/comments`,
          body: { text: "once" },
        }),
        editComment: async () => {
          const { card, comment } = await withComment();
          return {
            method: "PUT",
            path: `/1/cards/${card}/actions/${comment}/comments`,
            body: { text: "edited" },
          };
        },
        deleteComment: async () => {
          const { card, comment } = await withComment();
          return { method: "DELETE", path: `/1/cards/${card}/actions/${comment}/comments` };
        },
        createChecklist: async () => ({
          method: "POST",
          path: "/1/checklists",
          body: { idCard: await newCard(), name: "n" },
        }),
        updateChecklist: async () => ({
          method: "PUT",
          path: `/1/checklists/${await newChecklist()}`,
          body: { name: "renamed" },
        }),
        deleteChecklist: async () => ({ method: "DELETE", path: `/1/checklists/${await newChecklist()}` }),
        createCheckItem: async () => ({
          method: "POST",
          path: `/1/checklists/${await newChecklist()}/checkItems`,
          body: { name: "n" },
        }),
        updateCheckItem: async () => {
          const { checklist, item } = await withItem();
          return {
            method: "PUT",
            path: `/1/checklists/${checklist}/checkItems/${item}`,
            body: { state: "complete" },
          };
        },
        deleteCheckItem: async () => {
          const { checklist, item } = await withItem();
          return { method: "DELETE", path: `/1/checklists/${checklist}/checkItems/${item}` };
        },
        createLabel: async () => ({
          method: "POST",
          path: "/1/labels",
          body: { name: "n", color: "blue", idBoard: board.id },
        }),
        updateLabel: async () => {
          const label = (await ann.post("/1/labels", { name: "u", color: "blue", idBoard: board.id })).body
            .id;
          return { method: "PUT", path: `/1/labels/${label}`, body: { name: "renamed" } };
        },
        deleteLabel: async () => {
          const label = (await ann.post("/1/labels", { name: "d", color: "blue", idBoard: board.id })).body
            .id;
          return { method: "DELETE", path: `/1/labels/${label}` };
        },
        addAttachment: async () => ({
          method: "POST",
          path: `/1/cards/${await newCard()}/attachments`,
          body: { url: "https://example.test/b" },
        }),
        renameAttachment: async () => {
          const { card, attachment } = await withAttachment();
          return {
            method: "PUT",
            path: `/1/cards/${card}/attachments/${attachment}`,
            body: { name: "renamed" },
          };
        },
        deleteAttachment: async () => {
          const { card, attachment } = await withAttachment();
          return { method: "DELETE", path: `/1/cards/${card}/attachments/${attachment}` };
        },
      };

      const answerOf = (r: { status: number; body: unknown }) => ({
        status: r.status,
        // Objects are compared by id (a later read may show later edits); anything else whole.
        body:
          typeof r.body === "object" && r.body !== null && "id" in r.body
            ? (r.body as { id: unknown }).id
            : JSON.stringify(r.body),
      });
      const ROUNDS = 3;
      for (const [name, prepare] of Object.entries(commands)) {
        for (let round = 0; round < ROUNDS; round++) {
          for (const channel of ["http+http", "socket+http"] as const) {
            const request = await prepare();
            const mutationId = `${name.slice(0, 20)}-${channel.slice(0, 4)}-${round}-${newId()}`;
            const viaHttp = () => write(ann, request.method, request.path, request.body, mutationId);
            const first =
              channel === "http+http"
                ? viaHttp()
                : live.mutate(request.method, request.path, request.body ?? {}, mutationId);
            const [a, b] = await Promise.all([first, viaHttp()]);
            const late = await viaHttp();
            const where = `${name} ${channel} round ${round}`;
            assert.equal(a.status, 200, `${where}: ${JSON.stringify(a.body)}`);
            assert.deepEqual(answerOf(b), answerOf(a), `${where}: concurrent attempts answered alike`);
            assert.deepEqual(answerOf(late), answerOf(a), `${where}: a later retry answered alike`);
          }
        }
      }
      assert.deepEqual(live.problems, []);
      await live.disconnect();
    });
  });
}
