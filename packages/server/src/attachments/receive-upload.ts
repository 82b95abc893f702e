// Takes an uploaded file stream into the blob store: sniffs its type from the first bytes, counts
// bytes against the size limit as they pass, and stores it under a fresh server-generated key.
// On any failure (too large, cut off, storage down) nothing is left in the store.
import type { Readable } from "node:stream";
import { ErrorCode, TackError } from "@tack/shared/errors";
import { type BlobStore, newBlobKey } from "../blobs/blob-store.ts";
import { SizeLimit, tooLarge } from "./size-limit.ts";
import { peek, SNIFF_BYTES, sniffMimeType } from "./sniff.ts";

export interface StoredFile {
  storageKey: string;
  bytes: number;
  /** Sniffed from the bytes, never taken from the client. */
  mimeType: string;
}

function asUploadError(error: unknown, maxBytes: number): unknown {
  if (error instanceof TackError) return error;
  if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") return tooLarge(maxBytes);
  // Busboy's "Unexpected end of form" and a reset connection both mean the body stopped early.
  const message = (error as Error).message ?? "";
  if (
    /end of form|aborted|ECONNRESET|premature/i.test(message) ||
    (error as { code?: string }).code === "ECONNRESET"
  ) {
    return new TackError(
      ErrorCode.invalidInput,
      "The upload ended before the whole file arrived: send it again",
      "file",
    );
  }
  return error;
}

export async function receiveUpload(
  blobs: BlobStore,
  boardId: string,
  file: Readable,
  maxBytes: number,
): Promise<StoredFile> {
  const storageKey = newBlobKey(boardId);
  try {
    const { head, stream } = await peek(file, SNIFF_BYTES);
    const mimeType = await sniffMimeType(head);
    const limit = new SizeLimit(maxBytes);
    stream.on("error", (error) => limit.destroy(error));
    stream.pipe(limit);
    const { bytes } = await blobs.put(storageKey, limit, { contentType: mimeType });
    return { storageKey, bytes, mimeType };
  } catch (error) {
    file.destroy();
    await blobs.delete(storageKey).catch(() => undefined);
    throw asUploadError(error, maxBytes);
  }
}
