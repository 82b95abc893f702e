// The import route as the web client and scripts call it: a multipart file upload with the member
// mapping as form fields (cookie session + CSRF, like the browser), a large JSON body, and bodies
// past the route's own 50 MB limit, which stays the only route allowing more than 1 MB.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { MAX_IMPORT_BYTES } from "@tack/shared/limits";
import { generateLargeExport, smallExportText } from "./fixtures/trello/fixtures.ts";
import { Person, startServer, type TestServer } from "./harness.ts";
import { storedRows } from "./stored-rows.ts";

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

/** Uploads like a browser: FormData, the session cookie and the CSRF header. */
async function upload(form: FormData, person = ada) {
  const res = await fetch(server.url + IMPORT, {
    method: "POST",
    headers: { cookie: person.cookie, "x-csrf-token": person.csrf },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

const fileForm = (text: string, ...map: string[]) => {
  const form = new FormData();
  for (const entry of map) form.append("map", entry);
  form.append("file", new Blob([text], { type: "application/json" }), "board.json");
  return form;
};

describe("Trello import: uploads", () => {
  test("a multipart file upload with map fields, from a browser session", async () => {
    const res = await upload(fileForm(smallExportText(), "alicearcher=ada", "bobbaker=bert"));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.board.name, "Café Relaunch ☕ — Q3");
    assert.equal(res.body.counts.cards, 6);
    assert.deepEqual(res.body.board.members.map((m: any) => [m.fullName, m.memberType]).sort(), [
      ["Bob Baker", "ghost"],
      ["Carol Ünterberg", "ghost"],
      ["Test ada", "normal"],
    ]);
    assert.deepEqual(
      res.body.board.lists.map((l: any) => l.name),
      ["Ideas 💡", "Doing", "Done ✅", "Parking lot (archived)"],
    );
    assert.ok(Array.isArray(res.body.warnings));
    // Bert, named in the map, is asked first; once he accepts, the board is among his boards.
    const claims = (await bert.get("/1/members/me/claims")).body;
    assert.equal(claims.length, 1);
    assert.ok(!(await bert.get("/1/members/me/boards")).body.some((b: any) => b.id === res.body.board.id));
    assert.equal((await bert.post(`/1/members/me/claims/${claims[0].id}/accept`)).status, 200);
    const boards = (await bert.get("/1/members/me/boards")).body;
    assert.ok(boards.some((b: any) => b.id === res.body.board.id));
  });

  test("the map may come first or last, and as comma-separated entries", async () => {
    const form = new FormData();
    form.append("file", new Blob([smallExportText()]), "board.json");
    form.append("map", "alicearcher=ada,bobbaker=bert");
    const res = await upload(form);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.counts.members, 3);
    const record = (await ada.get(`/1/boards/${res.body.board.id}/actions?limit=1`)).body[0];
    assert.deepEqual(
      record.data.placeholders.map((p: any) => p.trelloUsername),
      ["bobbaker", "carolu"],
    );
  });

  test("without the CSRF header a browser upload is refused", async () => {
    const res = await fetch(server.url + IMPORT, {
      method: "POST",
      headers: { cookie: ada.cookie },
      body: fileForm(smallExportText()),
    });
    assert.equal(res.status, 403);
  });

  test("an upload with no file, two files, or a file that is not JSON → 400, nothing written", async () => {
    const rows = await storedRows(server);
    const noFile = new FormData();
    noFile.append("map", "alicearcher=ada");
    const a = await upload(noFile);
    assert.equal(a.status, 400);
    assert.match(a.body.message, /no file/);
    assert.equal(a.body.field, "file");

    const two = fileForm(smallExportText());
    two.append("file2", new Blob([smallExportText()]), "again.json");
    const b = await upload(two);
    assert.equal(b.status, 400);
    assert.match(b.body.message, /one export at a time/);

    const c = await upload(fileForm("<html>not json</html>"));
    assert.equal(c.status, 400);
    assert.equal(c.body.error, "malformed_json");
    assert.match(c.body.message, /not valid JSON.*Export as JSON/);

    const d = await upload(
      fileForm('{"__proto__": {"polluted": true}, "name": "x", "lists": [], "cards": []}'),
    );
    assert.equal(d.status, 400);
    assert.equal(({} as any).polluted, undefined);
    assert.deepEqual(await storedRows(server), rows);
  });

  test("a large export (a few hundred cards, 1,000 actions, over 1 MB) as a JSON body", async () => {
    const text = JSON.stringify(generateLargeExport());
    assert.ok(text.length > 1_048_576, "larger than the 1 MB every other route allows");
    const res = await ada.call("POST", IMPORT, text);
    assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 500));
    assert.equal(res.body.counts.cards, 300);
    assert.equal(res.body.counts.actions, 1000);
    // The big limit is this route's alone.
    const elsewhere = await ada.call(
      "POST",
      "/1/boards",
      JSON.stringify({ name: "x", desc: "y".repeat(1_100_000) }),
    );
    assert.equal(elsewhere.status, 413);
  });

  test("past 50 MB: refused with 413 as a JSON body and as a file, nothing written", async () => {
    const rows = await storedRows(server);
    const padding = "x".repeat(MAX_IMPORT_BYTES);
    const tooBig = `{"name":"big","lists":[],"cards":[],"desc":"${padding}"}`;
    const asJson = await ada.call("POST", IMPORT, tooBig);
    assert.equal(asJson.status, 413);
    assert.equal(asJson.body.error, "payload_too_large");
    const asFile = await upload(fileForm(tooBig));
    assert.equal(asFile.status, 413);
    assert.match(asFile.body.message, /larger than 50 MB/);
    assert.deepEqual(await storedRows(server), rows);
  });
});
