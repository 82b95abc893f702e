// Notifications end to end over real HTTP on both stores: who hears of a comment (mentioned,
// watching, card members) and who does not (the author, a stranger, someone removed from the
// board); each event notified once however often the outbox delivers it; Trello's read/unread API;
// watching; and the outbox surviving the loss of the process that committed the change.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { buildApp } from "../src/app.ts";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

for (const kind of storeKinds()) {
  describe(`notifications on ${kind}`, () => {
    let server: TestServer;
    let alice: Person;
    let bob: Person;
    let carol: Person;
    let dave: Person;
    let eve: Person;
    let board: any;
    let list: any;
    let card: any;
    const delivered = () => server.app.notifications.outbox.drain();
    const notificationsOf = async (person: Person, query = "") => {
      const res = await person.get(`/1/members/me/notifications${query}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body as any[];
    };

    before(async () => {
      server = await startServer({ TACK_AUTH_RATE_LIMIT: "1000" }, kind);
      alice = await Person.signUp(server, "alice");
      bob = await Person.signUp(server, "bob");
      carol = await Person.signUp(server, "carol");
      dave = await Person.signUp(server, "dave");
      eve = await Person.signUp(server, "eve");
      board = (await alice.post("/1/boards", { name: "Launch" })).body;
      list = (await alice.post("/1/lists", { name: "Doing", idBoard: board.id })).body;
      card = (await alice.post("/1/cards", { idList: list.id, name: "Press kit" })).body;
      for (const [who, type] of [
        [bob, "normal"],
        [carol, "observer"],
        [dave, "normal"],
      ] as const)
        assert.equal((await alice.put(`/1/boards/${board.id}/members/${who.id}`, { type })).status, 200);
      await delivered();
    });
    after(() => server.stop());

    test("being added to a board notifies the person added, once", async () => {
      for (const who of [bob, carol, dave]) {
        const mine = await notificationsOf(who);
        assert.deepEqual(
          mine.map((n) => [n.type, n.data.board.name, n.unread, n.idMemberCreator]),
          [["addedToBoard", "Launch", true, alice.id]],
        );
      }
      assert.deepEqual(await notificationsOf(alice), []);
    });

    test("a comment notifies the mentioned and the watchers, never the author, a stranger or someone removed", async () => {
      // Carol (observer) watches the card, Dave watches the board and is then removed from it.
      assert.equal((await carol.put(`/1/cards/${card.id}/subscribed`, { value: true })).status, 200);
      assert.equal((await dave.put(`/1/boards/${board.id}/subscribed`, { value: true })).status, 200);
      assert.equal((await alice.del(`/1/boards/${board.id}/members/${dave.id}`)).status, 200);
      const before = { dave: (await notificationsOf(dave)).length, eve: (await notificationsOf(eve)).length };

      const res = await alice.post(`/1/cards/${card.id}/actions/comments`, {
        text: "@bob can you check this? (cc @eve @dave @alice)",
      });
      assert.equal(res.status, 200);
      await delivered();
      await delivered(); // a second pass finds nothing left: each event is delivered once

      const bobs = await notificationsOf(bob, "?read_filter=unread&filter=mentionedOnCard");
      assert.equal(bobs.length, 1);
      assert.equal(bobs[0].data.card.name, "Press kit");
      assert.equal(bobs[0].data.card.shortLink, card.shortLink);
      assert.match(bobs[0].data.text, /can you check this/);
      const carols = await notificationsOf(carol, "?filter=commentCard");
      assert.equal(carols.length, 1, "the observer watching the card hears of the comment");
      assert.equal((await notificationsOf(dave)).length, before.dave, "removed from the board: nothing more");
      assert.equal((await notificationsOf(eve)).length, before.eve, "a stranger mentioned hears nothing");
      assert.equal(
        (await notificationsOf(alice)).length,
        0,
        "the author is not notified of their own comment",
      );
    });

    test("a comment deleted before delivery notifies no one", async () => {
      await server.app.notifications.outbox.stop();
      try {
        const res = await alice.post(`/1/cards/${card.id}/actions/comments`, { text: "@bob secret plan" });
        assert.equal(res.status, 200);
        assert.equal((await alice.del(`/1/cards/${card.id}/actions/${res.body.id}/comments`)).status, 200);
        // (Each write also has its webhook entry: webhooks/webhook-topic.ts.)
        const pending = (await server.app.ctx.store.notify.pendingOutbox(10)).filter(
          (e) => e.topic === "notify",
        );
        assert.equal(pending.length, 1, "the entry was committed with the comment");
        await server.app.notifications.outbox.drain();
        const bobs = await notificationsOf(bob);
        assert.ok(bobs.every((n) => !String(n.data.text ?? "").includes("secret plan")));
      } finally {
        server.app.notifications.outbox.start();
      }
    });

    test("read, unread and all-read; someone else's notification answers like a missing one", async () => {
      const [first] = await notificationsOf(bob, "?filter=mentionedOnCard");
      const read = await bob.put(`/1/notifications/${first.id}/unread`, { value: false });
      assert.equal(read.status, 200);
      assert.equal(read.body.unread, false);
      assert.equal((await bob.get(`/1/notifications/${first.id}`)).body.unread, false);
      assert.equal(
        (await bob.put(`/1/notifications/${first.id}/unread`, { value: "true" })).body.unread,
        true,
      );

      const theirs = await carol.get(`/1/notifications/${first.id}`);
      const missing = await carol.get("/1/notifications/0123456789abcdef01234567");
      assert.equal(theirs.status, 404);
      assert.deepEqual(theirs.body, missing.body);
      assert.equal((await carol.put(`/1/notifications/${first.id}/unread`, { value: false })).status, 404);
      assert.equal((await bob.get(`/1/notifications/${first.id}`)).body.unread, true, "unchanged by Carol");

      assert.ok((await bob.get("/1/members/me/notificationsCount")).body.unread >= 2);
      const all = await bob.post("/1/notifications/all/read");
      assert.equal(all.status, 200);
      assert.equal(all.body.unread, 0);
      assert.deepEqual(await notificationsOf(bob, "?read_filter=unread"), []);
      assert.ok((await notificationsOf(bob, "?read_filter=read")).length >= 2);
    });

    test("bad input gets a 400 that says what to fix, and changes nothing", async () => {
      const unreadBefore = (await carol.get("/1/members/me/notificationsCount")).body.unread;
      for (const query of ["?read_filter=maybe", "?filter=everything", "?limit=0", "?before=nope"]) {
        const res = await carol.get(`/1/members/me/notifications${query}`);
        assert.equal(res.status, 400, query);
        assert.equal(res.body.error, "invalid_input");
      }
      const [first] = await notificationsOf(carol);
      const bad = await carol.put(`/1/notifications/${first.id}/unread`, { value: "sometimes" });
      assert.equal(bad.status, 400);
      const badIds = await carol.post("/1/notifications/all/read", { ids: ["not-an-id"] });
      assert.equal(badIds.status, 400);
      assert.equal((await carol.get("/1/members/me/notificationsCount")).body.unread, unreadBefore);
      assert.equal((await carol.get(`/1/notifications/${first.id}`)).body.unread, first.unread);
    });

    test("watching: members only; a stranger cannot tell a private card from a missing one", async () => {
      assert.deepEqual((await carol.get(`/1/cards/${card.id}/subscribed`)).body, { _value: true });
      assert.equal((await carol.get(`/1/cards/${card.id}`)).body.subscribed, true, "Trello's field on reads");
      assert.equal((await bob.get(`/1/cards/${card.id}`)).body.subscribed, false);
      assert.equal((await alice.get(`/1/boards/${board.id}`)).body.subscribed, false);
      assert.deepEqual((await bob.get(`/1/lists/${list.id}/subscribed`)).body, { _value: false });
      assert.equal((await bob.put(`/1/lists/${list.id}/subscribed`, { value: true })).status, 200);
      assert.deepEqual((await bob.get(`/1/lists/${list.id}/subscribed`)).body, { _value: true });
      // What each person watches on the board, for the eye on card tiles: their own watches only.
      assert.deepEqual((await bob.get(`/1/boards/${board.id}/watching`)).body, {
        board: false,
        idLists: [list.id],
        idCards: [],
      });
      assert.deepEqual((await carol.get(`/1/boards/${board.id}/watching`)).body, {
        board: false,
        idLists: [],
        idCards: [card.id],
      });
      const strangers = await eve.get(`/1/boards/${board.id}/watching`);
      assert.equal(strangers.status, 404);
      assert.deepEqual(strangers.body, (await eve.get("/1/boards/0123456789abcdef01234567/watching")).body);
      const theirs = await eve.put(`/1/cards/${card.id}/subscribed`, { value: true });
      const missing = await eve.put("/1/cards/0123456789abcdef01234567/subscribed", { value: true });
      assert.equal(theirs.status, 404);
      assert.deepEqual(theirs.body, missing.body);
      const bad = await bob.put(`/1/cards/${card.id}/subscribed`, { value: "often" });
      assert.equal(bad.status, 400);
      assert.deepEqual((await bob.get(`/1/cards/${card.id}/subscribed`)).body, { _value: false });
    });

    test("a member's boards as another person sees them: only the open boards they share", async () => {
      const bobsOwn = (await bob.post("/1/boards", { name: "Bob's secret plans" })).body;
      const answer = await alice.get(`/1/members/${bob.username}/boards`);
      assert.equal(answer.status, 200);
      assert.deepEqual(
        (answer.body as any[]).map((b) => b.name),
        ["Launch"],
        "Bob's own board is not Alice's to list",
      );
      assert.deepEqual(
        ((await alice.get(`/1/members/${bob.id}/boards`)).body as any[]).map((b) => b.id),
        [board.id],
      );
      assert.deepEqual((await eve.get(`/1/members/${bob.username}/boards`)).body, [], "nothing in common");
      assert.equal((await alice.get("/1/members/nobody_here/boards")).status, 404);
      assert.equal(
        (await new Person(server).call("GET", `/1/members/${bob.username}/boards`, undefined, "none")).status,
        401,
      );
      assert.ok(bobsOwn.id);
    });

    test("card members hear of being added and of changes; mentions in descriptions and checklist items", async () => {
      const second = (await alice.post("/1/cards", { idList: list.id, name: "Venue" })).body;
      assert.equal((await alice.post(`/1/cards/${second.id}/idMembers`, { value: bob.id })).status, 200);
      await delivered();
      assert.equal((await notificationsOf(bob, "?filter=addedToCard&read_filter=unread")).length, 1);
      assert.equal(
        (await alice.put(`/1/cards/${second.id}`, { due: "2030-01-01T10:00:00.000Z" })).status,
        200,
      );
      assert.equal((await alice.put(`/1/cards/${second.id}`, { desc: "Ask @carol about it" })).status, 200);
      const checklist = (await alice.post(`/1/cards/${second.id}/checklists`, { name: "Todo" })).body;
      assert.equal(
        (await alice.post(`/1/checklists/${checklist.id}/checkItems`, { name: "@carol books the hall" }))
          .status,
        200,
      );
      await delivered();
      const bobs = await notificationsOf(bob, "?filter=changeCard&read_filter=unread");
      assert.ok(bobs.length >= 1, "the card's member hears of its due date");
      const carols = await notificationsOf(carol, "?filter=mentionedOnCard");
      assert.equal(carols.length, 2, "mentioned in the description and in a checklist item");
      assert.ok(carols.every((n) => n.data.card.name === "Venue"));
    });

    test("a change only watchers could hear of queues an entry only while someone else watches", async () => {
      const quiet = (await alice.post("/1/boards", { name: "Quiet" })).body;
      const pending = async () =>
        (await server.app.ctx.store.notify.pendingOutbox(1000)).filter((e) => e.boardId === quiet.id).length;
      assert.equal(
        (await alice.put(`/1/boards/${quiet.id}/members/${bob.id}`, { type: "normal" })).status,
        200,
      );
      const [todo, done] = await Promise.all(
        ["Todo", "Done"].map(
          async (name) => (await alice.post("/1/lists", { name, idBoard: quiet.id })).body,
        ),
      );
      const task = (await alice.post("/1/cards", { idList: todo.id, name: "Task" })).body;
      assert.equal((await alice.put(`/1/cards/${task.id}/subscribed`, { value: true })).status, 200);
      await delivered();
      await server.app.notifications.outbox.stop();
      // What each commit told its listeners: whether the outbox worker needs waking for it.
      const wakes: boolean[] = [];
      const stopListening = server.app.ctx.commits.listen((changes, { outbox }) => {
        if (changes.some((c) => c.board === quiet.id)) wakes.push(outbox);
      });
      try {
        // Alice's own card, watched by Alice alone: no one else could hear of the move.
        assert.equal((await alice.put(`/1/cards/${task.id}`, { idList: done.id })).status, 200);
        assert.equal(await pending(), 0, "nothing queued for a move nobody else watches");
        assert.deepEqual(wakes, [false], "and nothing to wake the outbox worker for");
        // Bob watches the list it goes back to: that move is news to him.
        assert.equal((await bob.put(`/1/lists/${todo.id}/subscribed`, { value: true })).status, 200);
        assert.equal(
          (await alice.put(`/1/cards/${task.id}`, { idList: todo.id, name: "Task, renamed" })).status,
          200,
        );
        assert.equal(await pending(), 1);
        assert.deepEqual(wakes, [false, true], "the entry written wakes the outbox worker");
        // Alice watches nothing now; Bob still watches the list: only the move onto it is news.
        assert.equal((await alice.put(`/1/cards/${task.id}/subscribed`, { value: false })).status, 200);
        assert.equal((await alice.put(`/1/cards/${task.id}`, { idList: done.id })).status, 200);
        assert.equal(await pending(), 1, "a move onto a list no one watches queues nothing");
        assert.equal(
          (await alice.put(`/1/cards/${task.id}`, { idList: todo.id, name: "Task, back" })).status,
          200,
        );
        assert.equal(await pending(), 2, "one watched by someone else, the author watching nothing, queues");
      } finally {
        stopListening();
        server.app.notifications.outbox.start();
      }
      await delivered();
      const bobs = await notificationsOf(bob, "?filter=changeCard");
      assert.deepEqual(
        bobs.filter((n) => n.data.board.id === quiet.id).map((n) => [n.data.card.id, n.data.card.name]),
        [
          [task.id, "Task, back"],
          [task.id, "Task, back"],
        ],
        "Bob hears of the two moves onto the list he watched (named as the card is now), not of the others",
      );
    });

    test("a card's creation delivered after later changes to it notifies as created: no one twice", async () => {
      await server.app.notifications.outbox.stop();
      let created: any;
      try {
        created = (await alice.post("/1/cards", { idList: list.id, name: "Late delivery", desc: "plain" }))
          .body;
        assert.equal((await alice.post(`/1/cards/${created.id}/idMembers`, { value: bob.id })).status, 200);
        assert.equal((await alice.put(`/1/cards/${created.id}`, { desc: "plain, @carol" })).status, 200);
      } finally {
        server.app.notifications.outbox.start();
      }
      await delivered();
      const about = async (person: Person, type: string) =>
        (await notificationsOf(person, `?filter=${type}`)).filter((n: any) => n.data.card?.id === created.id)
          .length;
      assert.equal(await about(bob, "addedToCard"), 1, "Bob was added once");
      assert.equal(await about(carol, "mentionedOnCard"), 1, "Carol was mentioned once");
    });

    test("another worker delivers what a worker committed but never delivered", async () => {
      await server.app.notifications.outbox.stop();
      const other = await buildApp(
        { ...server.app.ctx.config, instanceId: `${server.app.ctx.config.instanceId}-b` },
        { store: server.app.ctx.store },
      );
      try {
        const res = await alice.post(`/1/cards/${card.id}/actions/comments`, { text: "@bob over to you" });
        assert.equal(res.status, 200);
        const before = (await notificationsOf(bob, "?filter=mentionedOnCard")).length;
        await other.notifications.outbox.drain();
        assert.equal((await notificationsOf(bob, "?filter=mentionedOnCard")).length, before + 1);
        assert.deepEqual(await server.app.ctx.store.notify.pendingOutbox(10), []);
      } finally {
        await other.close();
        server.app.notifications.outbox.start();
      }
    });
  });
}
