// Uploaded avatars and custom board backgrounds (decision 0034), through real multipart uploads on
// both stores: scaled copies served, types sniffed from the bytes, size limits, only your own
// pictures, and a board serving only the background it uses.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import sharp from "sharp";
import { download, pngImage } from "./attachment-helpers.ts";
import { Person, type Response, startServer, storeKinds, type TestServer } from "./harness.ts";

async function postFile(
  person: Person,
  path: string,
  bytes: Uint8Array | string,
  fileName: string,
): Promise<Response> {
  const form = new FormData();
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  form.append("file", new Blob([data as Uint8Array<ArrayBuffer>], { type: "image/png" }), fileName);
  const url = `${person.server.url}${path}?key=${"0".repeat(32)}&token=${person.token}`;
  const res = await fetch(url, { method: "POST", body: form });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body, headers: res.headers };
}

const blobCount = (server: TestServer) =>
  (server.app.ctx.blobs as unknown as { keys(): Promise<string[]> }).keys().then((k) => k.length);

for (const kind of storeKinds()) {
  describe(`member uploads (${kind})`, () => {
    let server: TestServer;
    let ada: Person;
    let bob: Person;
    before(async () => {
      server = await startServer(
        { TACK_AVATAR_MAX_BYTES: String(200 * 1024), TACK_BACKGROUND_MAX_BYTES: String(400 * 1024) },
        kind,
      );
      ada = await Person.signUp(server, "ada");
      bob = await Person.signUp(server, "bob");
    });
    after(() => server.stop());

    test("an avatar upload gives avatarHash/avatarUrl and serves 30, 50, 170 and the original", async () => {
      const res = await postFile(ada, "/1/members/me/avatar", await pngImage(400, 300), "me.png");
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.match(res.body.avatarHash, /^[0-9a-f]{24}$/);
      assert.equal(res.body.avatarUrl, `${server.url}/1/members/${ada.id}/avatars/${res.body.avatarHash}`);
      for (const size of [30, 50, 170]) {
        const got = await download(`${res.body.avatarUrl}/${size}.png`);
        assert.equal(got.status, 200);
        assert.equal(got.headers.get("content-type"), "image/png");
        const meta = await sharp(got.bytes).metadata();
        assert.deepEqual([meta.width, meta.height], [size, size]);
      }
      const original = await download(`${res.body.avatarUrl}/original.png`);
      assert.deepEqual([(await sharp(original.bytes).metadata()).width], [400]);
      assert.equal((await download(`${res.body.avatarUrl}/64.png`)).status, 404);
      // Everywhere members are presented: the profile, and a board's members.
      const profile = (await bob.get(`/1/members/${ada.id}`)).body;
      assert.equal(profile.avatarUrl, res.body.avatarUrl);
      const board = (await ada.post("/1/boards", { name: "Faces" })).body;
      const members = (await ada.get(`/1/boards/${board.id}/members`)).body;
      assert.equal(members.find((m: { id: string }) => m.id === ada.id).avatarHash, res.body.avatarHash);
    });

    test("a new avatar replaces the old one, whose address and bytes are gone; removing it goes back to initials", async () => {
      const first = (await postFile(ada, `/1/members/${ada.id}/avatar`, await pngImage(60, 60), "a.png"))
        .body;
      const blobsWithOne = await blobCount(server);
      const second = await postFile(ada, "/1/members/ada/avatar", await pngImage(80, 80), "b.png");
      assert.equal(second.status, 200);
      assert.notEqual(second.body.avatarHash, first.avatarHash);
      assert.equal((await download(`${first.avatarUrl}/50.png`)).status, 404);
      assert.equal(await blobCount(server), blobsWithOne, "the old picture's blobs are deleted");
      assert.equal((await bob.put(`/1/members/${ada.id}`, { avatarSource: "none" })).status, 403);
      assert.equal((await ada.put("/1/members/me", { avatarSource: "gravatar" })).status, 400);
      const kept = await ada.put("/1/members/me", { avatarSource: "upload" });
      assert.equal(kept.body.avatarHash, second.body.avatarHash);
      const removed = await ada.put("/1/members/me", { avatarSource: "none" });
      assert.equal(removed.status, 200);
      assert.equal(removed.body.avatarUrl, undefined);
      assert.equal((await ada.get("/1/members/me")).body.avatarHash, undefined);
      assert.equal((await download(`${second.body.avatarUrl}/50.png`)).status, 404);
      assert.equal(await blobCount(server), blobsWithOne - 4);
      assert.equal((await ada.del("/1/members/me/avatar")).status, 200, "removing no avatar is fine");
      const upload = await ada.put("/1/members/me", { avatarSource: "upload" });
      assert.equal(upload.status, 400);
      assert.match(upload.body.message, /no uploaded avatar/);
    });

    test("a text file named .png, an oversized image and someone else's avatar are refused, nothing stored", async () => {
      const blobs = await blobCount(server);
      const text = await postFile(
        ada,
        "/1/members/me/avatar",
        "<svg onload=alert(1)>not a png</svg>",
        "x.png",
      );
      assert.equal(text.status, 400);
      assert.match(text.body.message, /PNG, JPEG, GIF or WebP/);
      const big = await sharp({ create: { width: 1200, height: 1200, channels: 3, background: "#123456" } })
        .png({ compressionLevel: 0 })
        .toBuffer();
      const tooBig = await postFile(ada, "/1/members/me/avatar", big, "big.png");
      assert.equal(tooBig.status, 413);
      assert.match(tooBig.body.message, /limit/);
      const other = await postFile(bob, `/1/members/${ada.id}/avatar`, await pngImage(40, 40), "x.png");
      assert.equal(other.status, 403);
      assert.equal((await bob.del(`/1/members/${ada.id}/avatar`)).status, 403);
      const none = await fetch(`${server.url}/1/members/me/avatar`, { method: "POST", body: new FormData() });
      assert.equal(none.status, 401);
      assert.equal(await blobCount(server), blobs);
      assert.equal((await ada.get("/1/members/me")).body.avatarHash, undefined);
    });

    test("a custom background: uploaded, listed, set on a board, served to its readers only", async () => {
      const up = await postFile(ada, "/1/members/me/boardBackgrounds", await pngImage(1200, 800), "bg.png");
      assert.equal(up.status, 200, JSON.stringify(up.body));
      assert.equal(up.body.type, "custom");
      assert.deepEqual(
        up.body.scaled.map((s: { width: number; height: number }) => [s.width, s.height]),
        [
          [480, 320],
          [960, 640],
          [1200, 800],
        ],
      );
      assert.equal((await download(up.body.fullSizeUrl, ada)).status, 200);
      assert.equal((await download(up.body.fullSizeUrl, bob)).status, 403, "the library is its owner's");
      const listed = (await ada.get("/1/members/me/boardBackgrounds")).body;
      assert.deepEqual(
        listed.map((b: { id: string }) => b.id),
        [up.body.id],
      );
      assert.equal((await bob.get(`/1/members/${ada.id}/boardBackgrounds`)).status, 403);

      const board = (await ada.post("/1/boards", { name: "Pictured", prefs_permissionLevel: "private" }))
        .body;
      const set = await ada.put(`/1/boards/${board.id}/prefs/background`, { value: up.body.id });
      assert.equal(set.status, 200, JSON.stringify(set.body));
      const prefs = (await ada.get(`/1/boards/${board.id}`)).body.prefs;
      assert.equal(prefs.background, up.body.id);
      assert.match(
        prefs.backgroundImage,
        new RegExp(`/1/boards/${board.id}/backgroundImage/${up.body.id}/original.png$`),
      );
      assert.equal(prefs.backgroundImageScaled.length, 3);
      const scaled = await download(prefs.backgroundImageScaled[0].url, ada);
      assert.equal(scaled.status, 200);
      assert.equal((await sharp(scaled.bytes).metadata()).width, 480);
      // Bob cannot read the private board, so not its picture either.
      assert.equal((await download(prefs.backgroundImage, bob)).status, 404);
      // Another of Ada's backgrounds is not readable through this board.
      const other = (await postFile(ada, "/1/members/me/boardBackgrounds", await pngImage(300, 200), "2.png"))
        .body;
      const sneaky = prefs.backgroundImage.replace(up.body.id, other.id);
      assert.equal((await download(sneaky, ada)).status, 404);

      // Bob cannot put Ada's background on his board.
      const bobs = (await bob.post("/1/boards", { name: "Bob's" })).body;
      const refused = await bob.put(`/1/boards/${bobs.id}/prefs/background`, { value: up.body.id });
      assert.equal(refused.status, 400);
      assert.match(refused.body.message, /not one of your uploaded backgrounds/);
      assert.equal((await bob.get(`/1/boards/${bobs.id}`)).body.prefs.background, "blue");
      const unknown = await ada.put(`/1/boards/${board.id}/prefs/background`, { value: "0".repeat(24) });
      assert.equal(unknown.status, 400);

      // Back to a built-in color: the custom picture is no longer the board's.
      await ada.put(`/1/boards/${board.id}/prefs/background`, { value: "green" });
      const plain = (await ada.get(`/1/boards/${board.id}`)).body.prefs;
      assert.equal(plain.backgroundImage, null);
      assert.equal((await download(prefs.backgroundImage, ada)).status, 404);

      // Deleting from the library: gone from the list and the store.
      assert.equal((await bob.del(`/1/members/${ada.id}/boardBackgrounds/${other.id}`)).status, 403);
      assert.equal((await ada.del(`/1/members/me/boardBackgrounds/${other.id}`)).status, 200);
      assert.equal((await ada.del(`/1/members/me/boardBackgrounds/${other.id}`)).status, 404);
      assert.equal((await download(other.fullSizeUrl, ada)).status, 404);
    });

    test("a board change naming a member carries its avatarUrl, never its picture records", async () => {
      const up = await postFile(ada, "/1/members/me/avatar", await pngImage(64, 64), "me.png");
      await postFile(ada, "/1/members/me/boardBackgrounds", await pngImage(64, 64), "bg.png");
      const board = (await bob.post("/1/boards", { name: "Team" })).body;
      const added = await bob.put(`/1/boards/${board.id}/members/${ada.id}`, { type: "normal" });
      assert.equal(added.status, 200, JSON.stringify(added.body));
      const { changes } = (await bob.get(`/1/boards/${board.id}/changes?since=0`)).body;
      const adaOnWire = changes
        .flatMap((c: { models: { members?: Array<Record<string, unknown>> } }) => c.models.members ?? [])
        .find((m: { id: string }) => m.id === ada.id);
      assert.ok(adaOnWire, "the change names Ada");
      assert.equal(adaOnWire.avatarUrl, up.body.avatarUrl);
      assert.equal(adaOnWire.avatar, undefined);
      assert.equal(adaOnWire.boardBackgrounds, undefined);
      assert.doesNotMatch(JSON.stringify(changes), /storageKey/);
    });

    test("background uploads refuse text and oversized files", async () => {
      const text = await postFile(ada, "/1/members/me/boardBackgrounds", "just text", "photo.png");
      assert.equal(text.status, 400);
      const big = await sharp({ create: { width: 1500, height: 1500, channels: 3, background: "#654321" } })
        .png({ compressionLevel: 0 })
        .toBuffer();
      assert.equal((await postFile(ada, "/1/members/me/boardBackgrounds", big, "big.png")).status, 413);
    });
  });
}
