// The blob store contract against both adapters: a local directory, and S3 through the AWS SDK
// against a real S3-protocol server process on loopback.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe } from "node:test";
import type { BlobStore } from "../src/blobs/blob-store.ts";
import type { LocalBlobStore } from "../src/blobs/local-blob-store.ts";
import { openBlobStore } from "../src/blobs/open-blob-store.ts";
import { loadConfig } from "../src/config.ts";
import { blobStoreContract } from "./blob-store-contract.ts";
import { type S3Server, startS3Server } from "./s3-server.ts";

describe("local directory", () => {
  let directory: string;
  let store: BlobStore;
  before(async () => {
    directory = mkdtempSync(join(tmpdir(), "tack-blobs-"));
    store = await openBlobStore({ kind: "local", directory });
  });
  after(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });
  blobStoreContract(
    "local",
    () => store,
    () => (store as LocalBlobStore).keys(),
  );
});

describe("S3 (s3rver process)", () => {
  let s3: S3Server;
  let store: BlobStore;
  before(async () => {
    s3 = await startS3Server({ TACK_S3_PREFIX: "contract/" });
    store = await openBlobStore(loadConfig(s3.env).attachments.store);
  });
  after(async () => {
    await store.close();
    await s3.stop();
  });
  blobStoreContract(
    "s3",
    () => store,
    async () => (await s3.keys()).map((key) => key.replace(/^contract\//, "")),
  );
});
