// GET /1/search with Trello's operators, on both stores: each operator, negation, phrases, what a
// person may read (a removed member finds nothing), and bad input.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

const HOUR = 3_600_000;

for (const kind of storeKinds()) {
  describe(`search on ${kind}`, () => {
    let server: TestServer;
    let ada: Person;
    let bob: Person;
    let boardId: string;
    const card: Record<string, string> = {};

    const names = async (who: Person, q: string, extra = "") => {
      const res = await who.get(
        `/1/search?query=${encodeURIComponent(q)}&modelTypes=cards&cards_limit=100${extra}`,
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.cards.map((c: { name: string }) => c.name).sort();
    };

    before(async () => {
      server = await startServer({}, kind);
      ada = await Person.signUp(server, "ada");
      bob = await Person.signUp(server, "bob");
      const board = (await ada.post("/1/boards", { name: "Rocket launch", defaultLists: false })).body;
      boardId = board.id;
      const other = (await ada.post("/1/boards", { name: "Garden", defaultLists: false })).body;
      const todo = (await ada.post("/1/lists", { name: "To do", idBoard: board.id })).body;
      const doing = (await ada.post("/1/lists", { name: "Doing", idBoard: board.id })).body;
      const beds = (await ada.post("/1/lists", { name: "Beds", idBoard: other.id })).body;
      const label = (await ada.post("/1/labels", { name: "Urgent", color: "red", idBoard: board.id })).body;
      await ada.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "normal" });
      const add = async (idList: string, name: string, extra: Record<string, unknown> = {}) => {
        const res = await ada.post("/1/cards", { idList, name, ...extra });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        card[name] = res.body.id;
        return res.body.id as string;
      };
      await add(todo.id, "Fuel the rocket", { desc: "liquid oxygen first", idLabels: label.id });
      await add(todo.id, "Paint the rocket", {
        idMembers: bob.id,
        due: new Date(Date.now() + 2 * HOUR).toISOString(),
      });
      await add(doing.id, "Count down", { due: new Date(Date.now() + 3 * 24 * HOUR).toISOString() });
      await add(doing.id, "Old launch", { due: new Date(Date.now() - 24 * HOUR).toISOString() });
      await add(doing.id, "Archived rocket");
      await ada.put(`/1/cards/${card["Archived rocket"]}`, { closed: true });
      await ada.post(`/1/cards/${card["Count down"]}/attachments`, {
        url: "https://example.com/plan",
        name: "Plan",
      });
      await ada.put(`/1/cards/${card["Old launch"]}`, { cover: { color: "green" } });
      await add(beds.id, "Plant rocket salad");
      await ada.post("/1/members/me/boardStars", { idBoard: other.id });
    });
    after(() => server.stop());

    test("free words match name or description; quoted phrases stay whole; -word excludes", async () => {
      assert.deepEqual(await names(ada, "rocket"), [
        "Fuel the rocket",
        "Paint the rocket",
        "Plant rocket salad",
      ]);
      assert.deepEqual(await names(ada, "ROCKET oxygen"), ["Fuel the rocket"]);
      assert.deepEqual(await names(ada, '"the rocket"'), ["Fuel the rocket", "Paint the rocket"]);
      assert.deepEqual(await names(ada, '"rocket the"'), []);
      assert.deepEqual(await names(ada, "rocket -paint -salad"), ["Fuel the rocket"]);
    });

    test("label:, @member, member:, board:, list:", async () => {
      assert.deepEqual(await names(ada, "label:urgent"), ["Fuel the rocket"]);
      assert.deepEqual(await names(ada, "label:red"), ["Fuel the rocket"]);
      assert.deepEqual(await names(ada, "@bob"), ["Paint the rocket"]);
      assert.deepEqual(await names(bob, "@me"), ["Paint the rocket"]);
      assert.deepEqual(await names(ada, "member:bob"), ["Paint the rocket"]);
      assert.deepEqual(await names(ada, "rocket -@bob board:launch"), ["Fuel the rocket"]);
      assert.deepEqual(await names(ada, "board:garden"), ["Plant rocket salad"]);
      assert.deepEqual(await names(ada, 'list:"to do"'), ["Fuel the rocket", "Paint the rocket"]);
      assert.deepEqual(await names(ada, "list:doing -label:urgent"), ["Count down", "Old launch"]);
    });

    test("due:day|week|overdue, is:open|archived|starred, has:attachments|description|cover", async () => {
      assert.deepEqual(await names(ada, "due:day"), ["Paint the rocket"]);
      assert.deepEqual(await names(ada, "due:week"), ["Count down", "Paint the rocket"]);
      assert.deepEqual(await names(ada, "due:overdue"), ["Old launch"]);
      assert.deepEqual(await names(ada, "rocket is:archived"), ["Archived rocket"]);
      assert.deepEqual(await names(ada, "rocket is:open board:launch"), [
        "Fuel the rocket",
        "Paint the rocket",
      ]);
      assert.deepEqual(await names(ada, "is:starred"), ["Plant rocket salad"]);
      assert.deepEqual(await names(ada, "rocket -is:starred"), ["Fuel the rocket", "Paint the rocket"]);
      assert.deepEqual(await names(ada, "has:attachments"), ["Count down"]);
      assert.deepEqual(await names(ada, "has:description"), ["Fuel the rocket"]);
      assert.deepEqual(await names(ada, "has:cover"), ["Old launch"]);
    });

    test("answers in Trello's shape, with the card's board and list when asked; boards and members by name", async () => {
      const res = await ada.get(`/1/search?query=rocket&card_board=true&card_list=true&cards_limit=1`);
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body).sort(), ["boards", "cards", "members", "options"]);
      assert.equal(res.body.cards.length, 1);
      assert.ok(["Rocket launch", "Garden"].includes(res.body.cards[0].board.name));
      assert.equal(typeof res.body.cards[0].list.name, "string");
      assert.deepEqual(
        res.body.boards.map((b: { name: string }) => b.name),
        ["Rocket launch"],
      );
      const people = await ada.get(`/1/search?query=bob&modelTypes=members`);
      assert.deepEqual(
        people.body.members.map((m: { username: string }) => m.username),
        ["bob"],
      );
    });

    test("only boards I may read: bob does not see Garden, and finds nothing once removed", async () => {
      assert.deepEqual(await names(bob, "rocket"), ["Fuel the rocket", "Paint the rocket"]);
      assert.deepEqual(await names(bob, "salad"), []);
      const res = await ada.del(`/1/boards/${boardId}/members/${bob.id}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(await names(bob, "rocket"), []);
      assert.deepEqual(await names(bob, "rocket", `&idBoards=${boardId}`), []);
      const outsider = await bob.get(`/1/search?query=rocket&modelTypes=boards`);
      assert.deepEqual(outsider.body.boards, []);
    });

    test("bad input: empty, unknown operator values, bad limits, anonymous", async () => {
      for (const [q, message] of [
        ["", /give 1 to 16384/],
        ["due:someday", /due: takes day, week, month, overdue/],
        ["is:pinned", /is: takes open, archived, starred/],
        ["has:", /has: needs a value/],
      ] as const) {
        const res = await ada.get(`/1/search?query=${encodeURIComponent(q)}`);
        assert.equal(res.status, 400, q);
        assert.match(JSON.stringify(res.body), message);
      }
      const limit = await ada.get("/1/search?query=rocket&cards_limit=lots");
      assert.equal(limit.status, 400);
      const anonymous = await fetch(`${server.url}/1/search?query=rocket`);
      assert.equal(anonymous.status, 401);
    });
  });
}
