// Card-cover thumbnails. sharp (libvips) decodes and scales on libuv's worker threads, never on
// the event loop, so a large image does not stall other requests; the input is bounded by
// `previewMaxBytes` and a pixel limit (no decompression bombs). EXIF orientation is applied and
// metadata (GPS and the like) is dropped. A failure only means no previews: the upload stands.
import { Readable } from "node:stream";
import { newId } from "@tack/shared/ids";
import type { Attachment } from "@tack/shared/models";
import sharp from "sharp";
import { type BlobStore, previewBlobKey } from "../blobs/blob-store.ts";

/** A card is about 256 CSS pixels wide: one preview for it, one for high-density screens. */
const WIDTHS = [320, 640] as const;
const MAX_INPUT_PIXELS = 100_000_000;

export type Preview = Attachment["previews"][number];

export async function makePreviews(
  blobs: BlobStore,
  storageKey: string,
  previewUrl: (previewId: string) => string,
): Promise<Preview[]> {
  const source = await blobs.get(storageKey);
  if (!source) return [];
  const image = sharp({ limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" });
  source.body.on("error", (error) => image.destroy(error));
  source.body.pipe(image);
  const stored: Preview[] = [];
  try {
    for (const width of WIDTHS) {
      const { data, info } = await image
        .clone()
        .rotate()
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      if (stored.some((p) => p.width === info.width)) break; // a small image: one preview is enough
      const id = newId();
      await blobs.put(previewBlobKey(storageKey, id), Readable.from([data]), { contentType: "image/webp" });
      stored.push({ id, width: info.width, height: info.height, url: previewUrl(id) });
    }
    return stored;
  } catch (error) {
    await discardPreviews(blobs, storageKey, stored);
    throw error;
  }
}

export async function discardPreviews(
  blobs: BlobStore,
  storageKey: string,
  previews: readonly Preview[],
): Promise<void> {
  for (const preview of previews)
    await blobs.delete(previewBlobKey(storageKey, preview.id)).catch(() => undefined);
}
