// The one contract every blob store adapter meets, run against the local directory and against a
// real S3-protocol server (attachments-blob-store.test.ts).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, test } from "node:test";
import { newId } from "@tack/shared/ids";
import { type BlobStore, newBlobKey } from "../src/blobs/blob-store.ts";

/** `total` bytes of a repeating pattern, produced in 64 KiB chunks (never all in memory). */
export function patternStream(total: number, failAfter?: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (failAfter !== undefined && sent >= failAfter) {
        this.destroy(new Error("client went away"));
        return;
      }
      if (sent >= total) {
        this.push(null);
        return;
      }
      const size = Math.min(65_536, total - sent);
      const chunk = Buffer.alloc(size);
      for (let i = 0; i < size; i++) chunk[i] = (sent + i) % 251;
      sent += size;
      this.push(chunk);
    },
  });
}

async function sha256Of(stream: Readable): Promise<{ hash: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { hash: hash.digest("hex"), bytes };
}

/** Every key an adapter holds, read from its storage directly (the adapter has no listing). */
export type KeysOf = () => Promise<string[]>;

export function blobStoreContract(name: string, store: () => BlobStore, keys: KeysOf): void {
  describe(`blob store contract: ${name}`, () => {
    test("a stored stream reads back byte for byte, with its size", async () => {
      const key = newBlobKey(newId());
      const put = await store().put(key, Readable.from([Buffer.from("hello, "), Buffer.from("blobs")]), {
        contentType: "text/plain",
      });
      assert.equal(put.bytes, 12);
      assert.deepEqual(await store().stat(key), { bytes: 12 });
      const read = await store().get(key);
      assert.ok(read);
      assert.equal(read.bytes, 12);
      assert.equal(await text(read.body), "hello, blobs");
      assert.ok((await keys()).includes(key));
    });

    test("a large stream (several upload parts) arrives whole", async () => {
      const key = newBlobKey(newId());
      const size = 20 * 1024 * 1024 + 12_345;
      const expected = await sha256Of(patternStream(size));
      const put = await store().put(key, patternStream(size), { contentType: "application/octet-stream" });
      assert.equal(put.bytes, size);
      const read = await store().get(key);
      assert.deepEqual(await sha256Of(read!.body), expected);
    });

    for (const [label, total, failAfter] of [
      ["small", 100_000, 65_536],
      ["multi-part", 30 * 1024 * 1024, 18 * 1024 * 1024],
    ] as const) {
      test(`a ${label} stream that fails midway leaves nothing behind`, async () => {
        const before = await keys();
        const key = newBlobKey(newId());
        await assert.rejects(
          store().put(key, patternStream(total, failAfter), { contentType: "application/octet-stream" }),
          /client went away/,
        );
        assert.equal(await store().stat(key), null);
        assert.deepEqual((await keys()).sort(), before.sort());
      });
    }

    test("missing blobs read as null and delete quietly", async () => {
      const key = newBlobKey(newId());
      assert.equal(await store().get(key), null);
      assert.equal(await store().stat(key), null);
      await store().delete(key);
    });

    test("delete removes one blob and no other", async () => {
      const board = newId();
      const [a, b] = [newBlobKey(board), newBlobKey(board)];
      for (const key of [a, b]) await store().put(key, Readable.from(["x"]), { contentType: "text/plain" });
      await store().delete(a);
      assert.equal(await store().stat(a), null);
      assert.ok(await store().stat(b));
      assert.ok(!(await keys()).includes(a));
    });

    test("keys that the server did not generate are refused before storage is touched", async () => {
      for (const key of ["../../etc/passwd", "a/b", `${newId()}/../x`, `${newId()}/${"0".repeat(32)}/..`]) {
        await assert.rejects(
          store().put(key, Readable.from(["x"]), { contentType: "text/plain" }),
          /not a blob key/,
        );
        await assert.rejects(store().get(key), /not a blob key/);
      }
    });

    test("a presigned URL, where the adapter has one, serves the bytes with the given headers", async () => {
      const key = newBlobKey(newId());
      await store().put(key, Readable.from(["<svg/>"]), { contentType: "image/svg+xml" });
      const url = await store().presignedUrl(key, {
        contentType: "application/octet-stream",
        contentDisposition: 'attachment; filename="x.svg"',
        expiresSeconds: 60,
      });
      if (store().kind === "local") {
        assert.equal(url, null);
        return;
      }
      assert.ok(url);
      const response = await fetch(url);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get("content-disposition"), 'attachment; filename="x.svg"');
      assert.equal(response.headers.get("content-type"), "application/octet-stream");
      assert.equal(await response.text(), "<svg/>");
      const tampered = url.replace(/X-Amz-Expires=\d+/, "X-Amz-Expires=999999");
      assert.notEqual((await fetch(tampered)).status, 200, "a changed URL fails its signature");
    });
  });
}
