// Limits on both blob stores: the size limit (declared or discovered while streaming), a cut-off
// upload, and Trello's per-card and per-board counts. Past each: a clear error, and neither a blob
// nor a record left behind.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { boardWithCard, multipartHead, multipartTail, rawUpload, upload } from "./attachment-helpers.ts";
import { ADAPTERS, type AttachmentServer, startAttachmentServer } from "./attachment-servers.ts";
import { patternStream } from "./blob-store-contract.ts";
import { Person } from "./harness.ts";

const MAX = 2 * 1024 * 1024;

/** Waits (bounded) for the blob store to hold exactly `expected` keys again. */
async function settlesTo(env: AttachmentServer, expected: string[]): Promise<void> {
  let keys: string[] = [];
  for (let i = 0; i < 40; i++) {
    keys = (await env.blobKeys()).sort();
    if (JSON.stringify(keys) === JSON.stringify([...expected].sort())) return;
    await sleep(50);
  }
  assert.deepEqual(keys, [...expected].sort(), "blobs left behind");
}

for (const adapter of ADAPTERS) {
  describe(`upload limits (${adapter} blob store)`, () => {
    let env: AttachmentServer;
    let ada: Person;
    before(async () => {
      env = await startAttachmentServer(adapter, {
        TACK_ATTACHMENT_MAX_BYTES: String(MAX),
        TACK_ATTACHMENTS_PER_CARD: "3",
        TACK_ATTACHMENTS_PER_BOARD: "5",
      });
      ada = await Person.signUp(env.server, "ada");
    });
    after(() => env.stop());

    async function assertNothingOn(cardId: string, keysBefore: string[]) {
      await settlesTo(env, keysBefore);
      assert.equal((await ada.get(`/1/cards/${cardId}/attachments`)).body.length, 0);
      assert.equal((await ada.get(`/1/cards/${cardId}`)).body.badges.attachments, 0);
    }

    test("exactly the limit is accepted", async () => {
      const { card } = await boardWithCard(ada);
      const res = await rawUpload(ada, card.id, patternStream(MAX));
      assert.equal(res?.status, 200, JSON.stringify(res?.body));
      assert.equal(res?.body.bytes, MAX);
      await ada.del(`/1/cards/${card.id}/attachments/${res?.body.id}`);
    });

    test("a declared Content-Length past the limit is refused before the file is read", async () => {
      const { card } = await boardWithCard(ada);
      const keys = await env.blobKeys();
      const size = MAX * 3;
      const total = multipartHead("big.bin").length + size + multipartTail.length;
      const res = await rawUpload(ada, card.id, patternStream(size), { contentLength: total });
      assert.equal(res?.status, 413);
      assert.equal(res?.body.error, "payload_too_large");
      assert.match(res?.body.message, /2 MB/);
      await assertNothingOn(card.id, keys);
    });

    test("a chunked upload that grows past the limit is stopped with 413, nothing kept", async () => {
      const { card } = await boardWithCard(ada);
      const keys = await env.blobKeys();
      const res = await rawUpload(ada, card.id, patternStream(MAX + 1));
      assert.equal(res?.status, 413, JSON.stringify(res?.body));
      assert.equal(res?.body.field, "file");
      await assertNothingOn(card.id, keys);
    });

    test("an upload cut off midway leaves neither blob nor record", async () => {
      const { card } = await boardWithCard(ada);
      const keys = await env.blobKeys();
      const size = MAX - 1000;
      const total = multipartHead("big.bin").length + size + multipartTail.length;
      const res = await rawUpload(ada, card.id, patternStream(size), {
        contentLength: total,
        cutAfter: Math.floor(size * 0.6),
      });
      assert.equal(res, null);
      await assertNothingOn(card.id, keys);
    });

    test("Trello's per-card and per-board counts (lowered here to 3 and 5)", async () => {
      const { card, list } = await boardWithCard(ada);
      for (let i = 0; i < 3; i++) assert.equal((await upload(ada, card.id, `f${i}`)).status, 200);
      const keys = await env.blobKeys();
      const fourth = await upload(ada, card.id, "one too many");
      assert.equal(fourth.status, 403);
      assert.equal(fourth.body.error, "limit_exceeded");
      assert.match(fourth.body.message, /at most 3 attachments/);
      const link = await ada.post(`/1/cards/${card.id}/attachments`, { url: "https://example.com" });
      assert.equal(link.status, 403);
      const other = (await ada.post("/1/cards", { idList: list.id, name: "Other" })).body;
      for (let i = 0; i < 2; i++) assert.equal((await upload(ada, other.id, `g${i}`)).status, 200);
      const keysAtBoardLimit = await env.blobKeys();
      const sixth = await upload(ada, other.id, "board is full");
      assert.equal(sixth.status, 403);
      assert.match(sixth.body.message, /A board can have at most 5 attachments/);
      await settlesTo(env, keysAtBoardLimit);
      assert.equal(keysAtBoardLimit.length, keys.length + 2);
      assert.equal((await ada.get(`/1/cards/${other.id}`)).body.badges.attachments, 2);
    });
  });
}

describe("Trello's real per-card limit", () => {
  let env: AttachmentServer;
  let ada: Person;
  before(async () => {
    env = await startAttachmentServer("local", { TACK_TOKEN_RATE_LIMIT: "100000" });
    ada = await Person.signUp(env.server, "ada");
  });
  after(() => env.stop());

  test("a card takes 1,000 attachments and refuses the 1,001st", async () => {
    const { card } = await boardWithCard(ada);
    for (let i = 0; i < 1000; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          ada.post(`/1/cards/${card.id}/attachments`, { url: `https://example.com/${i + j}` }),
        ),
      );
      assert.deepEqual(new Set(batch.map((r) => r.status)), new Set([200]));
    }
    const refused = await ada.post(`/1/cards/${card.id}/attachments`, { url: "https://example.com/x" });
    assert.equal(refused.status, 403);
    assert.match(refused.body.message, /at most 1000 attachments/);
    assert.equal((await ada.get(`/1/cards/${card.id}`)).body.badges.attachments, 1000);
  });
});
