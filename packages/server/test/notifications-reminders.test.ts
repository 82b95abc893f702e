// Due-date reminders on both stores: "due soon" at the card's `dueReminder` minutes before its due
// time and "overdue" after it, to the card's members and watchers still on the board (an observer
// watching it too; not someone removed, not a stranger), each once even when the scheduler looks
// again or another worker's scheduler looks too; a new due date re-arms them. The scheduler is
// driven with chosen clock values, so nothing here waits for time to pass.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ReminderScheduler } from "../src/notifications/reminders.ts";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

for (const kind of storeKinds()) {
  describe(`due-date reminders on ${kind}`, () => {
    let server: TestServer;
    let alice: Person;
    let bob: Person;
    let carol: Person;
    let dave: Person;
    let card: any;
    const due = Date.parse("2031-03-01T12:00:00.000Z");
    const reminders = () => server.app.notifications.reminders;
    const ofType = async (who: Person, type: string) =>
      (await who.get(`/1/members/me/notifications?filter=${type}`)).body as any[];

    before(async () => {
      server = await startServer({ TACK_AUTH_RATE_LIMIT: "1000" }, kind);
      alice = await Person.signUp(server, "alice");
      bob = await Person.signUp(server, "bob");
      carol = await Person.signUp(server, "carol");
      dave = await Person.signUp(server, "dave");
      await Person.signUp(server, "stranger");
      const board = (await alice.post("/1/boards", { name: "Launch" })).body;
      const list = (await alice.post("/1/lists", { name: "Doing", idBoard: board.id })).body;
      for (const [who, type] of [
        [bob, "normal"],
        [carol, "observer"],
        [dave, "normal"],
      ] as const)
        assert.equal((await alice.put(`/1/boards/${board.id}/members/${who.id}`, { type })).status, 200);
      card = (
        await alice.post("/1/cards", {
          idList: list.id,
          name: "Press kit",
          idMembers: [bob.id, dave.id].join(","),
        })
      ).body;
      assert.equal(
        (await alice.put(`/1/cards/${card.id}`, { due: new Date(due).toISOString(), dueReminder: 60 }))
          .status,
        200,
      );
      assert.equal((await carol.put(`/1/cards/${card.id}/subscribed`, { value: true })).status, 200);
      assert.equal((await dave.put(`/1/cards/${card.id}/subscribed`, { value: true })).status, 200);
      assert.equal((await alice.del(`/1/boards/${board.id}/members/${dave.id}`)).status, 200);
      await server.app.notifications.outbox.drain();
    });
    after(() => server.stop());

    test("nothing before the reminder time; then due soon once, to members and watchers still on the board", async () => {
      await reminders().tick(due - 61 * 60_000);
      assert.deepEqual(await ofType(bob, "cardDueSoon"), []);
      await reminders().tick(due - 59 * 60_000);
      await reminders().tick(due - 58 * 60_000);
      const bobs = await ofType(bob, "cardDueSoon");
      assert.equal(bobs.length, 1);
      assert.equal(bobs[0].data.card.name, "Press kit");
      assert.equal(bobs[0].data.board.name, "Launch");
      assert.equal((await ofType(carol, "cardDueSoon")).length, 1, "the observer watching the card");
      assert.deepEqual(await ofType(dave, "cardDueSoon"), [], "removed from the board: no reminder");
      assert.deepEqual(await ofType(alice, "cardDueSoon"), [], "not on the card, not watching");
    });

    test("another worker's scheduler does not fire it again; overdue fires once after the due time", async () => {
      await reminders().stop();
      const other = new ReminderScheduler(
        server.app.ctx.store,
        { delivered: async () => {}, settled: async () => {} },
        {
          holder: "another-worker",
          intervalMs: 30_000,
          onError: (error) => {
            throw error;
          },
        },
      );
      await other.tick(due - 30 * 60_000);
      assert.equal((await ofType(bob, "cardDueSoon")).length, 1);
      await other.tick(due + 60_000);
      await other.tick(due + 120_000);
      await other.stop();
      reminders().start();
      await reminders().tick(due + 180_000);
      assert.equal((await ofType(bob, "cardOverdue")).length, 1);
      assert.equal((await ofType(carol, "cardOverdue")).length, 1);
      assert.deepEqual(await ofType(dave, "cardOverdue"), []);
    });

    test("a new due date re-arms the reminder; -1 turns it off; a finished card is not reminded", async () => {
      const later = due + 7 * 86_400_000;
      await alice.put(`/1/cards/${card.id}`, { due: new Date(later).toISOString() });
      await reminders().tick(later - 30 * 60_000);
      assert.equal((await ofType(bob, "cardDueSoon")).length, 2);
      const evenLater = later + 7 * 86_400_000;
      await alice.put(`/1/cards/${card.id}`, { due: new Date(evenLater).toISOString(), dueReminder: -1 });
      await reminders().tick(evenLater - 30 * 60_000);
      await reminders().tick(evenLater + 60_000);
      assert.equal((await ofType(bob, "cardDueSoon")).length, 2);
      assert.equal((await ofType(bob, "cardOverdue")).length, 1);
      const last = evenLater + 7 * 86_400_000;
      await alice.put(`/1/cards/${card.id}`, {
        due: new Date(last).toISOString(),
        dueReminder: 60,
        dueComplete: true,
      });
      await reminders().tick(last - 30 * 60_000);
      assert.equal((await ofType(bob, "cardDueSoon")).length, 2);
    });
  });
}
