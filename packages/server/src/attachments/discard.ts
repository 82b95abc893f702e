// Removes the bytes of attachments whose records are gone. Runs after the commit that removed the
// records (a blob is never deleted while a record still points at it); a failure here only leaves
// an unreferenced blob behind, which is logged.
import type { Attachment } from "@tack/shared/models";
import { previewBlobKey } from "../blobs/blob-store.ts";
import type { AppContext } from "../context.ts";

export async function discardAttachmentBlobs(
  ctx: Pick<AppContext, "blobs" | "log">,
  attachments: readonly Attachment[],
): Promise<void> {
  for (const attachment of attachments) {
    const key = attachment.storageKey;
    if (key === null) continue;
    const keys = [key, ...attachment.previews.map((p) => previewBlobKey(key, p.id))];
    for (const k of keys) {
      await ctx.blobs.delete(k).catch((error: unknown) => {
        ctx.log.error({ err: error, key: k }, "could not delete an attachment's blob");
      });
    }
  }
}
