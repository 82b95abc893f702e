// Attachment safety: storage keys never come from names, types come from the bytes, anything a
// browser could run is served as an inert download, and only readers of the board get the bytes.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { boardWithCard, download, pngImage, upload } from "./attachment-helpers.ts";
import { type AttachmentServer, startAttachmentServer } from "./attachment-servers.ts";
import { Person } from "./harness.ts";

let env: AttachmentServer;
let ada: Person;
let eve: Person;

before(async () => {
  env = await startAttachmentServer("local");
  ada = await Person.signUp(env.server, "ada");
  eve = await Person.signUp(env.server, "eve");
});
after(() => env.stop());

describe("names never reach the file system", () => {
  for (const fileName of ["../../../../tmp/evil.txt", "..\\..\\windows\\evil.txt", "/etc/passwd", ".."]) {
    test(`file name ${JSON.stringify(fileName)}`, async () => {
      const { card } = await boardWithCard(ada);
      const res = await upload(ada, card.id, "payload", { fileName });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.doesNotMatch(res.body.name, /[/\\]/);
      for (const key of await env.blobKeys())
        assert.match(key, /^[0-9a-f]{24}\/[0-9a-f]{32}(\.[0-9a-f]{24})?$/);
      assert.equal(existsSync("/tmp/evil.txt"), false);
      assert.equal(existsSync(join(env.server.dataDir, "tmp")), false);
      const file = await download(res.body.url, ada);
      assert.equal(file.bytes.toString(), "payload");
    });
  }

  test("quotes, newlines and non-ASCII in a name cannot break the download headers", async () => {
    const { card } = await boardWithCard(ada);
    const res = await upload(ada, card.id, "x", { fields: { name: 'a"b\r\nSet-Cookie: x=1; é.txt' } });
    assert.equal(res.status, 200);
    const file = await download(res.body.url, ada);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get("set-cookie"), null);
    assert.match(
      file.headers.get("content-disposition")!,
      /^attachment; filename="a_bSet-Cookie: x=1; _.txt"; filename\*=UTF-8''/,
    );
  });
});

describe("types are sniffed from the bytes, not trusted", () => {
  const cases = [
    {
      what: "HTML claiming to be a PNG",
      bytes: "<html><script>alert(1)</script></html>",
      fileName: "cat.png",
      type: "image/png",
      mime: "text/plain",
      inline: false,
    },
    {
      what: "SVG with script",
      bytes: '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      fileName: "x.svg",
      type: "image/svg+xml",
      mime: "text/plain",
      inline: false,
    },
    {
      what: "JavaScript",
      bytes: "fetch('/1/members/me')",
      fileName: "x.js",
      type: "text/javascript",
      mime: "text/plain",
      inline: false,
    },
    {
      what: "binary junk claiming to be a PDF",
      bytes: new Uint8Array([0, 1, 2, 3, 255, 254]),
      fileName: "x.pdf",
      type: "application/pdf",
      mime: "application/octet-stream",
      inline: false,
    },
  ] as const;
  for (const c of cases) {
    test(c.what, async () => {
      const { card } = await boardWithCard(ada);
      const res = await upload(ada, card.id, c.bytes, {
        fileName: c.fileName,
        type: c.type,
        fields: { mimeType: c.type },
      });
      assert.equal(res.status, 200);
      assert.equal(res.body.mimeType, c.mime);
      const file = await download(res.body.url, ada);
      assert.match(
        file.headers.get("content-type")!,
        new RegExp(`^${c.mime === "text/plain" ? "text/plain" : "application/octet-stream"}`),
      );
      assert.match(file.headers.get("content-disposition")!, /^attachment;/);
      assert.equal(file.headers.get("x-content-type-options"), "nosniff");
      assert.match(file.headers.get("content-security-policy")!, /^sandbox; default-src 'none'/);
    });
  }

  test("a real PNG named .html is an image and opens inline", async () => {
    const { card } = await boardWithCard(ada);
    const res = await upload(ada, card.id, await pngImage(10, 10), {
      fileName: "page.html",
      type: "text/html",
    });
    assert.equal(res.body.mimeType, "image/png");
    const file = await download(res.body.url, ada);
    assert.equal(file.headers.get("content-type"), "image/png");
    assert.match(file.headers.get("content-disposition")!, /^inline;/);
  });
});

describe("who may download", () => {
  test("a stranger gets the same 404 as for a missing file, also with a guessed id", async () => {
    const { board, card } = await boardWithCard(ada);
    const a = (await upload(ada, card.id, "secret", { fileName: "secret.txt" })).body;
    const stranger = await download(a.url, eve);
    assert.equal(stranger.status, 404);
    assert.equal(JSON.parse(stranger.bytes.toString()).error, "not_found");
    assert.equal((await download(a.url)).status, 404, "anonymous");
    assert.equal((await eve.get(`/1/cards/${card.id}/attachments`)).status, 404);
    assert.equal((await eve.del(`/1/cards/${card.id}/attachments/${a.id}`)).status, 404);
    // Public boards follow visibility: anyone may read, only members may write.
    await ada.put(`/1/boards/${board.id}`, { prefs: { permissionLevel: "public" } });
    const anonymous = await download(a.url);
    assert.equal(anonymous.status, 200);
    assert.equal(anonymous.bytes.toString(), "secret");
    assert.equal((await upload(eve, card.id, "x")).status, 403);
    assert.equal((await eve.del(`/1/cards/${card.id}/attachments/${a.id}`)).status, 403);
  });

  test("an observer may download but not upload", async () => {
    const { board, card } = await boardWithCard(ada);
    const a = (await upload(ada, card.id, "team file", { fileName: "t.txt" })).body;
    const joined = await ada.put(`/1/boards/${board.id}/members/${eve.id}`, { type: "observer" });
    assert.equal(joined.status, 200, JSON.stringify(joined.body));
    assert.equal((await download(a.url, eve)).status, 200);
    const refused = await upload(eve, card.id, "x");
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error, "forbidden");
  });

  test("another board's attachment id through my card is not found", async () => {
    const mine = await boardWithCard(ada);
    const theirs = await boardWithCard(eve);
    const a = (await upload(eve, theirs.card.id, "theirs", { fileName: "t.txt" })).body;
    const viaMyCard = `${env.server.url}/1/cards/${mine.card.id}/attachments/${a.id}`;
    assert.equal((await download(`${viaMyCard}/download/t.txt`, ada)).status, 404);
    assert.equal((await ada.get(`/1/cards/${mine.card.id}/attachments/${a.id}`)).status, 404);
    assert.equal((await ada.del(`/1/cards/${mine.card.id}/attachments/${a.id}`)).status, 404);
    assert.equal((await ada.put(`/1/cards/${mine.card.id}`, { idAttachmentCover: a.id })).status, 400);
    assert.equal(
      (await eve.get(`/1/cards/${theirs.card.id}/attachments/${a.id}`)).status,
      200,
      "still there",
    );
  });
});

describe("link attachments", () => {
  for (const url of [
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "ftp://example.com/x",
    "not a url",
    " ",
  ]) {
    test(`refuses ${JSON.stringify(url)}`, async () => {
      const { card } = await boardWithCard(ada);
      const res = await ada.post(`/1/cards/${card.id}/attachments`, { url });
      assert.equal(res.status, 400);
      assert.equal(res.body.error, "invalid_input");
      assert.equal(res.body.field, "url");
      assert.equal((await ada.get(`/1/cards/${card.id}/attachments`)).body.length, 0);
    });
  }

  test("neither a file nor a url is a clear 400", async () => {
    const { card } = await boardWithCard(ada);
    const res = await ada.post(`/1/cards/${card.id}/attachments`, { name: "nothing" });
    assert.equal(res.status, 400);
    assert.equal(res.body.field, "file");
  });
});
