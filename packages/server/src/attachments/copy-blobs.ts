// Copies of uploaded attachments' bytes, for a card copied with its attachments: each copy gets its
// own blob (and preview blobs), so deleting one card's attachment never takes the other's bytes.
// Written before the copy's transaction; `discardAttachmentBlobs` removes them if it does not commit.
import { Readable } from "node:stream";
import type { Attachment } from "@tack/shared/models";
import { newBlobKey, previewBlobKey } from "../blobs/blob-store.ts";
import type { AppContext } from "../context.ts";

export async function copyAttachmentBlobs(
  ctx: Pick<AppContext, "blobs">,
  boardId: string,
  attachments: readonly Attachment[],
): Promise<Attachment[]> {
  const copies: Attachment[] = [];
  for (const attachment of attachments) {
    const key = attachment.storageKey;
    if (key === null) {
      copies.push(attachment);
      continue;
    }
    const storageKey = newBlobKey(boardId);
    await copyBlob(ctx, key, storageKey, attachment.mimeType);
    for (const preview of attachment.previews)
      await copyBlob(
        ctx,
        previewBlobKey(key, preview.id),
        previewBlobKey(storageKey, preview.id),
        "image/webp",
      );
    copies.push({ ...attachment, storageKey });
  }
  return copies;
}

async function copyBlob(ctx: Pick<AppContext, "blobs">, from: string, to: string, contentType: string) {
  const read = await ctx.blobs.get(from);
  // A blob already gone (a lost preview) is left out rather than failing the copy.
  await ctx.blobs.put(to, read ? read.body : Readable.from([]), { contentType });
}
