// An uploaded picture that belongs to a member (an avatar, a custom board background): the bytes go
// through the attachment upload path (streamed, size-limited, type sniffed from the bytes, stored
// under a server key), only PNG, JPEG, GIF and WebP are kept, and fixed-size copies are made with
// sharp off the event loop. If anything fails, nothing is left in the blob store.
import { Readable } from "node:stream";
import { ErrorCode, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import type { MemberImage } from "@tack/shared/models";
import sharp from "sharp";
import { receiveUpload } from "../attachments/receive-upload.ts";
import { type BlobStore, previewBlobKey } from "../blobs/blob-store.ts";

/** Only these raster types: they cannot carry script and sharp can scale them. */
const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
const MAX_INPUT_PIXELS = 50_000_000;

export interface ScaleTo {
  width: number;
  height: number;
  /** `cover` crops to the box (square avatars); `inside` keeps the whole picture. */
  fit: "cover" | "inside";
}

export async function receiveImage(
  blobs: BlobStore,
  ownerId: string,
  file: Readable,
  maxBytes: number,
  sizes: readonly ScaleTo[],
): Promise<MemberImage> {
  const stored = await receiveUpload(blobs, ownerId, file, maxBytes);
  const scaled: MemberImage["scaled"] = [];
  try {
    if (!IMAGE_TYPES.has(stored.mimeType))
      throw new TackError(
        ErrorCode.invalidInput,
        "file: only PNG, JPEG, GIF or WebP images can be used here (the file's content is checked, not its name)",
        "file",
      );
    const original = await blobs.get(stored.storageKey);
    if (!original) throw new Error("an uploaded image vanished from the blob store");
    const image = sharp({ limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" });
    original.body.on("error", (error) => image.destroy(error));
    original.body.pipe(image);
    const meta = await image.clone().metadata();
    for (const size of sizes) {
      const { data, info } = await image
        .clone()
        .rotate()
        .resize({
          width: size.width,
          height: size.height,
          fit: size.fit,
          withoutEnlargement: size.fit === "inside",
        })
        .png()
        .toBuffer({ resolveWithObject: true });
      const id = newId();
      await blobs.put(previewBlobKey(stored.storageKey, id), Readable.from([data]), {
        contentType: "image/png",
      });
      scaled.push({ id, width: info.width, height: info.height, box: size.width });
    }
    const stats = await image.clone().stats();
    const { r, g, b } = stats.dominant;
    return {
      id: newId(),
      storageKey: stored.storageKey,
      mimeType: stored.mimeType,
      bytes: stored.bytes,
      width: meta.width ?? 0,
      height: meta.height ?? 0,
      color: `#${[r, g, b].map((c) => c.toString(16).padStart(2, "0")).join("")}`,
      brightness: 0.299 * r + 0.587 * g + 0.114 * b < 140 ? "dark" : "light",
      scaled,
    };
  } catch (error) {
    await discardImage(blobs, { storageKey: stored.storageKey, scaled });
    if (error instanceof TackError) throw error;
    throw new TackError(
      ErrorCode.invalidInput,
      "file: this image could not be read: send a PNG, JPEG, GIF or WebP",
      "file",
    );
  }
}

export async function discardImage(
  blobs: BlobStore,
  image: Pick<MemberImage, "storageKey" | "scaled">,
): Promise<void> {
  for (const s of image.scaled)
    await blobs.delete(previewBlobKey(image.storageKey, s.id)).catch(() => undefined);
  await blobs.delete(image.storageKey).catch(() => undefined);
}

/** The blob key of the copy for a requested size (`original` or a box width), or null. */
export function imageBlobKey(image: MemberImage, size: string): { key: string; mimeType: string } | null {
  if (size === "original") return { key: image.storageKey, mimeType: image.mimeType };
  const scaled = image.scaled.find((s) => String(s.box) === size);
  return scaled ? { key: previewBlobKey(image.storageKey, scaled.id), mimeType: "image/png" } : null;
}
