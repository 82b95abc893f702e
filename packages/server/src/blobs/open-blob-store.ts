// Chooses the blob store from the configuration: an S3-compatible bucket when TACK_S3_BUCKET is
// set, else a local directory under the data directory.
import type { BlobStoreConfig } from "../config.ts";
import type { BlobStore } from "./blob-store.ts";
import { LocalBlobStore } from "./local-blob-store.ts";

export async function openBlobStore(config: BlobStoreConfig): Promise<BlobStore> {
  switch (config.kind) {
    case "local":
      return new LocalBlobStore(config.directory).open();
    case "s3": {
      // Loaded only when configured: the SDK is large and the embedded default never needs it.
      const { S3BlobStore } = await import("./s3-blob-store.ts");
      return new S3BlobStore(config);
    }
  }
}
