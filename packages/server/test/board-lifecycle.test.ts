// A board's life from the API the web client uses: close and reopen (admins), the closed filter,
// delete (admins; everything gone, search finds nothing), the CSV export, and backgrounds in
// Trello's prefs shape, on both stores.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Person, startServer, storeKinds, type TestServer } from "./harness.ts";

for (const kind of storeKinds()) {
  describe(`board lifecycle on ${kind}`, () => {
    let server: TestServer;
    let ada: Person;
    let bob: Person;

    before(async () => {
      server = await startServer({}, kind);
      ada = await Person.signUp(server, "ada");
      bob = await Person.signUp(server, "bob");
    });
    after(() => server.stop());

    async function boardWithCards(name: string) {
      const board = (await ada.post("/1/boards", { name, defaultLists: false })).body;
      await ada.put(`/1/boards/${board.id}/members/${bob.id}`, { type: "normal" });
      const list = (await ada.post("/1/lists", { name: "To do", idBoard: board.id })).body;
      const label = (await ada.post("/1/labels", { name: "Urgent", color: "red", idBoard: board.id })).body;
      const card = (
        await ada.post("/1/cards", {
          idList: list.id,
          name: '=HYPERLINK("x") launch, "now"',
          desc: "line one\nline two",
          idLabels: label.id,
          idMembers: bob.id,
          due: "2026-12-24T10:00:00.000Z",
        })
      ).body;
      return { board, list, card };
    }

    test("admins close and reopen; members may not; closed boards are listed apart", async () => {
      const { board } = await boardWithCards("Closable");
      assert.equal((await bob.put(`/1/boards/${board.id}`, { closed: true })).status, 403);
      assert.equal((await ada.put(`/1/boards/${board.id}`, { closed: true })).body.closed, true);
      const closed = (await ada.get("/1/members/me/boards?filter=closed")).body.map(
        (b: { id: string }) => b.id,
      );
      const open = (await ada.get("/1/members/me/boards?filter=open")).body.map((b: { id: string }) => b.id);
      assert.ok(closed.includes(board.id));
      assert.ok(!open.includes(board.id));
      assert.equal((await ada.put(`/1/boards/${board.id}`, { closed: false })).body.closed, false);
    });

    test("a closed board is read-only, for its admins too, until an admin reopens it", async () => {
      const { board, list, card } = await boardWithCards("Read only");
      const elsewhere = await boardWithCards("Still open");
      assert.equal((await ada.put(`/1/boards/${board.id}`, { closed: true })).status, 200);
      const refusals: Array<[string, Promise<{ status: number; body: { message?: string } }>]> = [
        ["rename a card", ada.put(`/1/cards/${card.id}`, { name: "changed" })],
        ["a member renames a card", bob.put(`/1/cards/${card.id}`, { name: "changed" })],
        ["add a card", ada.post("/1/cards", { idList: list.id, name: "new" })],
        ["add a list", ada.post("/1/lists", { idBoard: board.id, name: "new" })],
        ["comment", bob.post(`/1/cards/${card.id}/actions/comments`, { text: "hello" })],
        ["rename the board", ada.put(`/1/boards/${board.id}`, { name: "renamed" })],
        [
          "move a card in from an open board",
          ada.put(`/1/cards/${elsewhere.card.id}`, { idBoard: board.id, idList: list.id }),
        ],
        [
          "move a card out to an open board",
          ada.put(`/1/cards/${card.id}`, { idBoard: elsewhere.board.id, idList: elsewhere.list.id }),
        ],
      ];
      for (const [what, call] of refusals) {
        const res = await call;
        assert.equal(res.status, 403, what);
        assert.match(res.body.message ?? "", /This board is closed: an admin can reopen it/, what);
      }
      // Nothing was written, and reading stays open.
      const read = await bob.get(`/1/boards/${board.id}?cards=all&lists=all`);
      assert.equal(read.status, 200);
      assert.deepEqual(
        read.body.cards.map((c: { name: string }) => c.name),
        ['=HYPERLINK("x") launch, "now"'],
      );
      assert.equal(read.body.lists.length, 1);
      assert.equal(read.body.name, "Read only");
      assert.equal((await ada.get(`/1/cards/${elsewhere.card.id}`)).body.idBoard, elsewhere.board.id);
      // What only admins do stays open to them: settings, then reopening; then writes work again.
      assert.equal((await bob.put(`/1/boards/${board.id}/prefs/background`, { value: "green" })).status, 403);
      assert.equal((await ada.put(`/1/boards/${board.id}/prefs/background`, { value: "green" })).status, 200);
      assert.equal((await ada.put(`/1/boards/${board.id}`, { closed: false })).body.closed, false);
      assert.equal((await bob.put(`/1/cards/${card.id}`, { name: "changed" })).body.name, "changed");
    });

    test("delete: admins only, then the board and all on it are gone, search included", async () => {
      const { board, list, card } = await boardWithCards("Doomed rocket");
      assert.equal((await bob.del(`/1/boards/${board.id}`)).status, 403);
      assert.equal(
        (await ada.get(`/1/search?query=HYPERLINK%20board:doomed&modelTypes=cards`)).body.cards.length,
        1,
      );
      assert.equal((await ada.del(`/1/boards/${board.id}`)).status, 200);
      for (const path of [`/1/boards/${board.id}`, `/1/lists/${list.id}`, `/1/cards/${card.id}`])
        assert.equal((await ada.get(path)).status, 404, path);
      assert.equal((await ada.get(`/1/boards/${board.id}/actions`)).status, 404);
      assert.equal(
        (await ada.get(`/1/search?query=HYPERLINK%20board:doomed&modelTypes=cards`)).body.cards.length,
        0,
      );
      const bobs = (await bob.get("/1/members/me/boards")).body.map((b: { id: string }) => b.id);
      assert.ok(!bobs.includes(board.id));
      assert.equal((await ada.del(`/1/boards/${board.id}`)).status, 404);
    });

    test("CSV export: one row per card with list, labels, members, due, description; formulas defused", async () => {
      const { board, card } = await boardWithCards("Spreadsheet");
      const res = await fetch(`${server.url}/1/boards/${board.id}/export/csv`, {
        headers: { cookie: ada.cookie },
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get("content-type") ?? "", /^text\/csv/);
      assert.match(
        res.headers.get("content-disposition") ?? "",
        /attachment; filename="spreadsheet-\w+\.csv"/,
      );
      const text = await res.text();
      const [header, row] = text.split("\r\n");
      assert.equal(header, "Card ID,Card name,List,Labels,Members,Due,Due complete,Description,Archived,URL");
      assert.ok(
        row?.startsWith(
          `${card.id},"'=HYPERLINK(""x"") launch, ""now""",To do,Urgent,Test bob,2026-12-24T10:00:00.000Z,false,"line one`,
        ),
      );
      assert.ok(text.includes('line two",false,http'));
      assert.equal((await fetch(`${server.url}/1/boards/${board.id}/export/csv`)).status, 404);
      const stranger = await Person.signUp(server, `carol${kind}`);
      assert.equal((await stranger.get(`/1/boards/${board.id}/export/csv`)).status, 404);
    });

    test("backgrounds: pictures, gradients and colors in Trello's prefs; bad ids refused; admins only", async () => {
      const { board } = await boardWithCards("Pretty");
      const photo = await ada.put(`/1/boards/${board.id}/prefs/background`, { value: "photo-dunes" });
      assert.equal(photo.status, 200, JSON.stringify(photo.body));
      const prefs = photo.body.prefs;
      assert.equal(prefs.background, "photo-dunes");
      assert.equal(prefs.backgroundImage, `${server.url}/backgrounds/dunes.svg`);
      assert.equal(prefs.backgroundImageScaled.length, 3);
      assert.equal(prefs.backgroundImageScaled[0].url, prefs.backgroundImage);
      assert.equal(prefs.backgroundTile, false);
      assert.equal(prefs.backgroundBrightness, "dark");
      assert.match(prefs.backgroundColor, /^#[0-9a-f]{6}$/i);
      const gradient = (await ada.put(`/1/boards/${board.id}`, { prefs: { background: "gradient-snow" } }))
        .body.prefs;
      assert.equal(gradient.background, "gradient-snow");
      assert.equal(gradient.backgroundImage, null);
      assert.equal(gradient.backgroundBrightness, "light");
      assert.notEqual(gradient.backgroundTopColor, gradient.backgroundBottomColor);
      const color = (await ada.put(`/1/boards/${board.id}/prefs/background`, { value: "green" })).body.prefs;
      assert.deepEqual(
        [color.background, color.backgroundColor, color.backgroundImage, color.backgroundImageScaled],
        ["green", "#519839", null, null],
      );
      const bad = await ada.put(`/1/boards/${board.id}/prefs/background`, { value: "photo-nope" });
      assert.equal(bad.status, 400);
      assert.equal(
        (await bob.put(`/1/boards/${board.id}/prefs/background`, { value: "photo-peaks" })).status,
        403,
      );
      const read = (await ada.get(`/1/boards/${board.id}`)).body.prefs;
      assert.equal(read.background, "green");
      const created = (await ada.post("/1/boards", { name: "Made", prefs_background: "photo-aurora" })).body;
      assert.equal(created.prefs.backgroundImage, `${server.url}/backgrounds/aurora.svg`);
    });
  });
}
