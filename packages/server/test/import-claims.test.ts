// Claiming placeholder members over real HTTP and a real WebSocket, on both stores: only a board
// admin may ask, only the asked account may answer, and nobody else learns or changes anything
// (a stranger, an observer, a normal member, a removed member, the admin on the answer side).
// Accepting moves the placeholder's comments, actions, cards, check items and board membership to
// the account in one change that live viewers receive.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { smallExport } from "./fixtures/trello/fixtures.ts";
import { Person, type Response, startServer, storeKinds, type TestServer } from "./harness.ts";
import { storedRows } from "./stored-rows.ts";
import { SocketClient } from "./support/socket-client.ts";

const IMPORT = "/1/boards/import/trello";

for (const kind of storeKinds()) {
  describe(`placeholder claims on ${kind}`, () => {
    let server: TestServer;
    let ada: Person;
    let bert: Person;
    let stranger: Person;
    let observer: Person;
    let normal: Person;
    let removed: Person;
    let boardId: string;
    let bob: any;
    let carol: any;

    const claimPath = (placeholder: string, board = boardId) =>
      `/1/boards/${board}/placeholders/${placeholder}/claim`;
    const ask = (who: Person, placeholder: string, member: string) =>
      who.post(claimPath(placeholder), { member });
    const claimsOf = async (who: Person) => (await who.get("/1/members/me/claims")).body as any[];

    /** Everything a claim could change: rows, the board as its admin sees it, bert's claims. */
    const snapshot = async () => ({
      rows: await storedRows(server),
      board: (
        await ada.get(`/1/boards/${boardId}?cards=all&members=all&memberships=all&checklists=all&actions=all`)
      ).body,
      bertsClaims: await claimsOf(bert),
      bertsBoards: (await bert.get("/1/members/me/boards")).body.map((b: any) => b.id),
    });

    const expectStatus = (res: Response, status: number) =>
      assert.equal(res.status, status, JSON.stringify(res.body));

    before(async () => {
      server = await startServer({ TACK_AUTH_RATE_LIMIT: "1000" }, kind);
      ada = await Person.signUp(server, "ada");
      bert = await Person.signUp(server, "bert");
      stranger = await Person.signUp(server, "stranger");
      observer = await Person.signUp(server, "observer");
      normal = await Person.signUp(server, "normal");
      removed = await Person.signUp(server, "removed");
      const res = await ada.post(`${IMPORT}?map=alicearcher%3Dada`, smallExport());
      expectStatus(res, 200);
      boardId = res.body.board.id;
      expectStatus(await ada.put(`/1/boards/${boardId}/members/${observer.id}`, { type: "observer" }), 200);
      expectStatus(await ada.put(`/1/boards/${boardId}/members/${normal.id}`, { type: "normal" }), 200);
      expectStatus(await ada.put(`/1/boards/${boardId}/members/${removed.id}`, { type: "admin" }), 200);
      expectStatus(await ada.del(`/1/boards/${boardId}/members/${removed.id}`), 200);
      const members = (await ada.get(`/1/boards/${boardId}/members`)).body;
      bob = members.find((m: any) => m.fullName === "Bob Baker");
      carol = members.find((m: any) => m.fullName === "Carol Ünterberg");
      assert.equal(bob.memberType, "ghost");
    });
    after(() => server.stop());

    test("only a board admin may ask: others get 404 (cannot read) or 403 (can), nothing changes", async () => {
      const before = await snapshot();
      expectStatus(await ask(stranger, bob.id, "bert"), 404);
      expectStatus(await ask(removed, bob.id, "bert"), 404);
      expectStatus(await ask(observer, bob.id, "bert"), 403);
      expectStatus(await ask(normal, bob.id, "bert"), 403);
      expectStatus(await bert.post(claimPath(bob.id), { member: "bert" }), 404);
      expectStatus(await ada.call("POST", claimPath(bob.id), { member: "bert" }, "none"), 401);
      expectStatus(await stranger.del(claimPath(bob.id)), 404);
      expectStatus(await normal.del(claimPath(bob.id)), 403);
      assert.deepEqual(await snapshot(), before);
    });

    test("asking for what is not there: no such account, a placeholder as the account, not a placeholder", async () => {
      const before = await snapshot();
      const nobody = await ask(ada, bob.id, "nobody");
      expectStatus(nobody, 404);
      assert.match(nobody.body.message, /No account "nobody": ask them to sign up first/);
      expectStatus(await ask(ada, bob.id, carol.id), 404);
      expectStatus(await ask(ada, bob.id, carol.username), 404);
      expectStatus(await ask(ada, bert.id, "bert"), 404);
      expectStatus(await ask(ada, "0123456789abcdef01234567", "bert"), 404);
      expectStatus(await ada.post(claimPath(bob.id), {}), 400);
      // A placeholder of another board is not this board's.
      const other = (await ada.post("/1/boards", { name: "Other", defaultLists: false })).body;
      const afterOther = await snapshot();
      expectStatus(await ada.post(claimPath(bob.id, other.id), { member: "bert" }), 404);
      // Nor can it be invited there: a placeholder belongs to its own board only.
      expectStatus(await ada.put(`/1/boards/${other.id}/members/${bob.id}`, { type: "normal" }), 404);
      expectStatus(await ada.put(`/1/boards/${other.id}/members`, { username: bob.username }), 404);
      assert.deepEqual(await snapshot(), afterOther);
      assert.deepEqual(before.bertsClaims, afterOther.bertsClaims);
    });

    test("a placeholder can never log in or be found as an account", async () => {
      for (const username of [bob.username, `${bob.id}@placeholder.invalid`]) {
        const login = await ada.call(
          "POST",
          "/auth/login",
          { username, password: "anything at all" },
          "none",
        );
        expectStatus(login, 401);
      }
      expectStatus(await ada.get(`/1/members/${bob.username}`), 404);
      assert.equal(await server.app.ctx.store.credentialsOf(bob.username), null);
    });

    test("only the asked account sees and answers a claim; declining changes nothing else", async () => {
      const asked = await ask(ada, bob.id, "@bert");
      expectStatus(asked, 200);
      assert.equal(asked.body.idMemberAsked, bert.id);
      const before = await snapshot();
      assert.deepEqual(
        before.bertsClaims.map((c: any) => [c.id, c.placeholder.fullName, c.board.id, c.requestedBy.id]),
        [[bob.id, "Bob Baker", boardId, ada.id]],
      );
      for (const other of [ada, stranger, observer, normal, removed]) {
        assert.deepEqual(await claimsOf(other), []);
        expectStatus(await other.post(`/1/members/me/claims/${bob.id}/accept`), 404);
        expectStatus(await other.post(`/1/members/me/claims/${bob.id}/decline`), 404);
      }
      expectStatus(await bert.post(`/1/members/me/claims/${carol.id}/accept`), 404);
      expectStatus(await bert.call("POST", `/1/members/me/claims/${bob.id}/accept`, {}, "none"), 401);
      assert.deepEqual(await snapshot(), before);

      expectStatus(await bert.post(`/1/members/me/claims/${bob.id}/decline`), 200);
      const declined = await snapshot();
      assert.deepEqual(declined.bertsClaims, []);
      assert.deepEqual(declined.board, before.board);
      assert.deepEqual(declined.rows, before.rows);
      expectStatus(await bert.post(`/1/members/me/claims/${bob.id}/accept`), 404);

      // An admin may withdraw a request too.
      expectStatus(await ask(ada, bob.id, "bert"), 200);
      expectStatus(await ada.del(claimPath(bob.id)), 200);
      assert.deepEqual(await claimsOf(bert), []);
    });

    test("accepting moves comments, actions, cards, check items and membership at once, pushed live", async () => {
      const beforeBoard = (
        await ada.get(`/1/boards/${boardId}?cards=all&members=all&memberships=all&checklists=all`)
      ).body;
      const bobsCards = beforeBoard.cards
        .filter((c: any) => c.idMembers.includes(bob.id))
        .map((c: any) => c.id);
      assert.equal(bobsCards.length, 2);
      const bobsActions = (await ada.get(`/1/boards/${boardId}/actions?limit=1000`)).body.filter(
        (a: any) => a.idMemberCreator === bob.id,
      );
      assert.ok(bobsActions.some((a: any) => a.type === "commentCard"));

      expectStatus(await ask(ada, bob.id, "bert"), 200);
      const socket = await SocketClient.open(server.url, { token: ada.token });
      await socket.next("hello");
      socket.send({ type: "board.subscribe", board: boardId });
      await socket.next("board.subscribed", (m) => m.board === boardId);

      expectStatus(await bert.post(`/1/members/me/claims/${bob.id}/accept`), 200);
      const pushed = await socket.next("board.change");
      assert.equal(pushed.change.action.type, "addMemberToBoard");
      assert.equal(pushed.change.action.idMemberCreator, bert.id);
      assert.deepEqual(pushed.change.models.cards?.map((c) => c.id).sort(), [...bobsCards].sort());
      assert.deepEqual(
        pushed.change.models.memberships?.map((m) => [m.idMember, m.memberType]),
        [[bert.id, "normal"]],
      );
      assert.equal(pushed.change.deleted[0]?.kind, "membership");
      await socket.close();

      const board = (
        await bert.get(`/1/boards/${boardId}?cards=all&members=all&memberships=all&checklists=all`)
      ).body;
      for (const id of bobsCards) {
        const card = board.cards.find((c: any) => c.id === id);
        assert.ok(card.idMembers.includes(bert.id) && !card.idMembers.includes(bob.id));
      }
      const item = board.checklists
        .flatMap((l: any) => l.checkItems)
        .find((i: any) => i.name === "Shortlist 3 drafts");
      assert.equal(item.idMember, bert.id);
      assert.ok(!board.members.some((m: any) => m.id === bob.id));
      assert.ok(!board.memberships.some((m: any) => m.idMember === bob.id));
      const actions = (await bert.get(`/1/boards/${boardId}/actions?limit=1000`)).body;
      assert.equal(actions.filter((a: any) => a.idMemberCreator === bob.id).length, 0);
      for (const moved of bobsActions) {
        const now = actions.find((a: any) => a.id === moved.id);
        assert.equal(now.memberCreator.username, "bert");
      }
      // Bert's comment is now his to edit.
      const comment = bobsActions.find((a: any) => a.type === "commentCard");
      expectStatus(await bert.put(`/1/actions/${comment.id}`, { text: "Edited by its author" }), 200);
      // A claim is answered once; a claimed placeholder cannot be asked for again.
      expectStatus(await bert.post(`/1/members/me/claims/${bob.id}/accept`), 404);
      const again = await ask(ada, bob.id, "normal");
      expectStatus(again, 409);
      assert.match(again.body.message, /Bob Baker was already claimed/);
      assert.deepEqual(await claimsOf(bert), []);
    });

    test("deleting the board deletes its placeholders; accounts that claimed stay", async () => {
      const before = await storedRows(server);
      expectStatus(await ask(ada, carol.id, "bert"), 200);
      expectStatus(await ada.del(`/1/boards/${boardId}`), 200);
      const { store } = server.app.ctx;
      assert.equal(await store.memberById(carol.id), null);
      assert.equal(await store.memberById(bob.id), null);
      assert.equal((await store.memberById(bert.id))?.username, "bert");
      assert.deepEqual(await claimsOf(bert), []);
      // Alice was mapped to ada: Bob and Carol were this board's only placeholders.
      assert.equal((await storedRows(server)).members, before.members - 2);
    });
  });
}
