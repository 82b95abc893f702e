// Attachments through Trello's REST routes, end to end over real HTTP, on both blob stores:
// upload, list, read, download, thumbnails, covers, rename, delete, and the actions and changes
// they produce.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { BoardChange } from "@tack/shared/changes";
import sharp from "sharp";
import { boardWithCard, download, pngImage, upload } from "./attachment-helpers.ts";
import { ADAPTERS, type AttachmentServer, startAttachmentServer } from "./attachment-servers.ts";
import { Person } from "./harness.ts";

for (const adapter of ADAPTERS) {
  describe(`attachments API (${adapter} blob store)`, () => {
    let env: AttachmentServer;
    let ada: Person;
    const changes: BoardChange[] = [];

    before(async () => {
      env = await startAttachmentServer(adapter);
      ada = await Person.signUp(env.server, "ada");
      env.server.app.ctx.commits.listen((committed) => changes.push(...committed));
    });
    after(() => env.stop());

    test("upload an image as the cover: record, thumbnails, cover, count, action and live change", async () => {
      const { card } = await boardWithCard(ada);
      const png = await pngImage(1200, 800);
      changes.length = 0;
      const res = await upload(ada, card.id, png, {
        fileName: "photo.png",
        type: "image/png",
        fields: { setCover: "true" },
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const a = res.body;
      assert.match(a.id, /^[0-9a-f]{24}$/);
      assert.equal(a.name, "photo.png");
      assert.equal(a.mimeType, "image/png");
      assert.equal(a.bytes, png.length);
      assert.equal(a.isUpload, true);
      assert.equal(a.idMember, ada.id);
      assert.equal(a.url, `${env.server.url}/1/cards/${card.id}/attachments/${a.id}/download/photo.png`);
      assert.deepEqual(
        a.previews.map((p: { width: number; height: number }) => [p.width, p.height]),
        [
          [320, 213],
          [640, 427],
        ],
      );
      assert.equal("storageKey" in a, false, "the storage key never leaves the server");

      const after = (await ada.get(`/1/cards/${card.id}`)).body;
      assert.equal(after.idAttachmentCover, a.id);
      assert.equal(after.cover.idAttachment, a.id);
      assert.equal(after.badges.attachments, 1);
      assert.equal(after.cover.scaled.length, 2);
      assert.equal(after.cover.scaled[0].url, a.previews[0].url);

      const actions = (await ada.get(`/1/cards/${card.id}/actions?filter=addAttachmentToCard`)).body;
      assert.equal(actions.length, 1);
      assert.equal(actions[0].data.attachment.id, a.id);
      assert.equal(actions[0].data.attachment.name, "photo.png");
      assert.equal(actions[0].data.card.id, card.id);

      assert.equal(changes.length, 1, "one committed change, pushed like every change");
      assert.equal(changes[0]!.action.type, "addAttachmentToCard");
      assert.equal(changes[0]!.models.attachments![0]!.id, a.id);
      assert.equal(changes[0]!.models.cards![0]!.attachmentCount, 1);

      const file = await download(a.url, ada);
      assert.equal(file.status, 200);
      assert.ok(file.bytes.equals(png));
      assert.equal(file.headers.get("content-type"), "image/png");
      assert.match(file.headers.get("content-disposition")!, /^inline; filename="photo.png"/);
      assert.equal(file.headers.get("x-content-type-options"), "nosniff");
      assert.match(file.headers.get("content-security-policy")!, /^sandbox/);
      const again = await download(a.url, ada, { "if-none-match": file.headers.get("etag")! });
      assert.equal(again.status, 304);

      const thumb = await download(a.previews[0].url, ada);
      assert.equal(thumb.status, 200);
      assert.equal(thumb.headers.get("content-type"), "image/webp");
      const meta = await sharp(thumb.bytes).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height], ["webp", 320, 213]);
      assert.equal((await env.blobKeys()).filter((k) => k.includes(a.id)).length, 0, "keys are not ids");
    });

    test("list and read attachments in Trello's shapes; a link attachment", async () => {
      const { card } = await boardWithCard(ada);
      await upload(ada, card.id, "plain notes\n", { fileName: "notes.txt", type: "text/plain" });
      const link = await ada.post(`/1/cards/${card.id}/attachments`, {
        url: "https://example.com/spec",
        name: "Spec",
      });
      assert.equal(link.status, 200, JSON.stringify(link.body));
      assert.equal(link.body.isUpload, false);
      assert.equal(link.body.url, "https://example.com/spec");
      assert.equal(link.body.bytes, null);
      const list = await ada.get(`/1/cards/${card.id}/attachments`);
      assert.deepEqual(
        list.body.map((a: { name: string }) => a.name),
        ["notes.txt", "Spec"],
      );
      assert.ok(list.body[0].pos < list.body[1].pos);
      const one = await ada.get(`/1/cards/${card.id}/attachments/${link.body.id}?fields=name,url`);
      assert.deepEqual(one.body, { id: link.body.id, name: "Spec", url: "https://example.com/spec" });
      const withCard = await ada.get(`/1/cards/${card.id}?attachments=true`);
      assert.equal(withCard.body.attachments.length, 2);
      const linkDownload = await download(
        `${env.server.url}/1/cards/${card.id}/attachments/${link.body.id}/download/x`,
        ada,
      );
      assert.equal(linkDownload.status, 404, "a link has no file to download");
    });

    test("the board read embeds attachments (attachments=true|cover, attachment_fields)", async () => {
      const { board, card } = await boardWithCard(ada);
      const png = await upload(ada, card.id, await pngImage(400, 300), {
        fileName: "cover.png",
        type: "image/png",
        fields: { setCover: "true" },
      });
      await ada.post(`/1/cards/${card.id}/attachments`, { url: "https://example.com/a", name: "A" });
      const all = (await ada.get(`/1/boards/${board.id}?attachments=true`)).body;
      assert.deepEqual(
        all.attachments.map((a: { name: string }) => a.name),
        ["cover.png", "A"],
      );
      assert.equal(all.attachments[0].previews.length, png.body.previews.length);
      assert.equal(all.attachments[0].url, png.body.url);
      const covers = (await ada.get(`/1/boards/${board.id}?attachments=cover&attachment_fields=name`)).body;
      assert.deepEqual(covers.attachments, [{ id: png.body.id, name: "cover.png" }]);
      const none = (await ada.get(`/1/boards/${board.id}`)).body;
      assert.equal("attachments" in none, false, "not embedded unless asked for");
    });

    test("rename, then delete: record, bytes and thumbnails go; the cover is cleared", async () => {
      const { card } = await boardWithCard(ada);
      const keysBefore = await env.blobKeys();
      const a = (
        await upload(ada, card.id, await pngImage(800, 600), {
          fileName: "a.png",
          fields: { setCover: "true" },
        })
      ).body;
      assert.equal((await env.blobKeys()).length, keysBefore.length + 3, "file and two thumbnails");
      const renamed = await ada.put(`/1/cards/${card.id}/attachments/${a.id}`, { name: "Plan.png" });
      assert.equal(renamed.status, 200);
      assert.equal(renamed.body.name, "Plan.png");
      assert.match(renamed.body.url, /\/download\/Plan\.png$/);
      assert.equal((await ada.put(`/1/cards/${card.id}/attachments/${a.id}`, { name: " " })).status, 400);

      changes.length = 0;
      const gone = await ada.del(`/1/cards/${card.id}/attachments/${a.id}`);
      assert.equal(gone.status, 200);
      assert.equal(changes[0]!.action.type, "deleteAttachmentFromCard");
      assert.deepEqual(changes[0]!.deleted, [{ kind: "attachment", id: a.id }]);
      const after = (await ada.get(`/1/cards/${card.id}`)).body;
      assert.equal(after.badges.attachments, 0);
      assert.equal(after.idAttachmentCover, null);
      assert.equal(after.cover.idAttachment, null);
      assert.equal((await ada.get(`/1/cards/${card.id}/attachments/${a.id}`)).status, 404);
      assert.equal((await download(a.url, ada)).status, 404);
      assert.deepEqual((await env.blobKeys()).sort(), keysBefore.sort(), "no bytes left behind");
      assert.equal((await ada.del(`/1/cards/${card.id}/attachments/${a.id}`)).status, 404);
    });

    test("deleting a card or a board deletes its files", async () => {
      const keysBefore = await env.blobKeys();
      const one = await boardWithCard(ada);
      await upload(ada, one.card.id, "bytes", { fileName: "a.txt" });
      const two = await boardWithCard(ada);
      await upload(ada, two.card.id, "bytes", { fileName: "b.txt" });
      assert.equal((await env.blobKeys()).length, keysBefore.length + 2);
      assert.equal((await ada.del(`/1/cards/${one.card.id}`)).status, 200);
      assert.equal((await ada.del(`/1/boards/${two.board.id}`)).status, 200);
      assert.deepEqual((await env.blobKeys()).sort(), keysBefore.sort());
    });

    test("covers: an image attachment or a color, never both; only images qualify", async () => {
      const { card } = await boardWithCard(ada);
      const image = (await upload(ada, card.id, await pngImage(400, 300), { fileName: "i.png" })).body;
      const text = (await upload(ada, card.id, "text", { fileName: "t.txt" })).body;
      const set = await ada.put(`/1/cards/${card.id}`, { idAttachmentCover: image.id });
      assert.equal(set.status, 200);
      assert.equal(set.body.cover.idAttachment, image.id);
      assert.deepEqual(
        set.body.cover.scaled.map((p: { width: number }) => p.width),
        [320, 400],
        "never enlarged past the original",
      );
      const color = await ada.put(`/1/cards/${card.id}`, { cover: { color: "red" } });
      assert.equal(color.body.cover.color, "red");
      assert.equal(color.body.idAttachmentCover, null);
      const back = await ada.put(`/1/cards/${card.id}`, { cover: { idAttachment: image.id } });
      assert.equal(back.body.idAttachmentCover, image.id);
      assert.equal(back.body.cover.color, null);
      const refused = await ada.put(`/1/cards/${card.id}`, { idAttachmentCover: text.id });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.field, "idAttachmentCover");
      const textCover = await upload(ada, card.id, "x", { fileName: "x.txt", fields: { setCover: "true" } });
      assert.equal(textCover.status, 400);
      assert.equal(textCover.body.field, "setCover");
      const linkCover = await ada.post(`/1/cards/${card.id}/attachments`, {
        url: "https://example.com/a.png",
        setCover: true,
      });
      assert.equal(linkCover.status, 400);
      assert.equal(
        (await ada.get(`/1/cards/${card.id}`)).body.badges.attachments,
        2,
        "refusals wrote nothing",
      );
    });

    test("a retried upload (same X-Tack-Mutation-Id) is applied once and stores no second copy", async () => {
      const { card } = await boardWithCard(ada);
      const keysBefore = (await env.blobKeys()).length;
      const headers = { "x-tack-mutation-id": "upload-retry-1" };
      const form = () => {
        const f = new FormData();
        f.append("file", new Blob(["same bytes"]), "same.txt");
        return f;
      };
      const url = `${env.server.url}/1/cards/${card.id}/attachments?key=${"0".repeat(32)}&token=${ada.token}`;
      const first = (await (await fetch(url, { method: "POST", body: form(), headers })).json()) as any;
      const second = (await (await fetch(url, { method: "POST", body: form(), headers })).json()) as any;
      assert.equal(first.id, second.id);
      assert.equal((await ada.get(`/1/cards/${card.id}/attachments`)).body.length, 1);
      assert.equal((await env.blobKeys()).length, keysBefore + 1);
    });

    test("a browser session uploads with its CSRF token, and not without it", async () => {
      const { card } = await boardWithCard(ada);
      const ok = await upload(ada, card.id, "from the browser", { fileName: "b.txt", auth: "session" });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const form = new FormData();
      form.append("file", new Blob(["x"]), "x.txt");
      const forged = await fetch(`${env.server.url}/1/cards/${card.id}/attachments`, {
        method: "POST",
        body: form,
        headers: { cookie: ada.cookie },
      });
      assert.equal(forged.status, 403);
    });
  });
}

describe("S3 with presigned downloads", () => {
  let env: AttachmentServer;
  let ada: Person;
  before(async () => {
    env = await startAttachmentServer("s3", {
      TACK_S3_PRESIGNED_DOWNLOADS: "true",
      TACK_S3_PRESIGN_SECONDS: "60",
    });
    ada = await Person.signUp(env.server, "ada");
  });
  after(() => env.stop());

  test("a download redirects to a short-lived URL that serves the file with safe headers", async () => {
    const { card } = await boardWithCard(ada);
    const a = (await upload(ada, card.id, "<svg onload=alert(1)></svg>", { fileName: "x.svg" })).body;
    const res = await download(a.url, ada);
    assert.equal(res.status, 302);
    assert.equal(res.headers.get("cache-control"), "no-store");
    const location = res.headers.get("location")!;
    assert.match(location, /X-Amz-Expires=60/);
    const file = await fetch(location);
    assert.equal(file.status, 200);
    assert.equal(await file.text(), "<svg onload=alert(1)></svg>");
    assert.equal(file.headers.get("content-type"), "text/plain");
    assert.match(file.headers.get("content-disposition")!, /^attachment; filename="x.svg"/);
  });
});
