// Deleting an attachment records Trello's `deleteAttachmentFromCard`, lowers the card's attachment
// count and clears the cover if it was this attachment. The bytes go in an after-commit task: never
// while a record still points at them, and not at all when the transaction rolls back.
import { notFound } from "@tack/shared/errors";
import type { Card } from "@tack/shared/models";
import { discardAttachmentBlobs } from "../../attachments/discard.ts";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { cardRef } from "../refs.ts";
import { attachmentRef } from "./attachment-ref.ts";

export interface DeleteAttachmentArgs {
  readonly cardId: string;
  readonly attachmentId: string;
}

export const deleteAttachment = defineCommand({
  kind: "deleteAttachment",
  async run(tx, { cardId, attachmentId }: DeleteAttachmentArgs, { ctx, rec }): Promise<void> {
    const attachment = await tx.get("attachment", attachmentId);
    if (!attachment || attachment.idCard !== cardId) throw notFound("attachment");
    const card = await tx.get("card", cardId);
    if (!card) throw notFound("card");
    const wasCover = card.idAttachmentCover === attachmentId || card.cover.idAttachment === attachmentId;
    const after: Card = {
      ...card,
      attachmentCount: Math.max(0, card.attachmentCount - 1),
      dateLastActivity: rec.now,
      ...(wasCover && { idAttachmentCover: null, cover: { ...card.cover, idAttachment: null } }),
    };
    await tx.remove("attachment", attachmentId);
    await tx.put("card", after);
    await rec.record(
      "deleteAttachmentFromCard",
      { board: boardRef(tx.board()), card: cardRef(after), attachment: attachmentRef(attachment) },
      { cards: [after] },
      { cardId, deleted: [{ kind: "attachment", id: attachmentId }] },
    );
    rec.afterCommit(() => discardAttachmentBlobs(ctx, [attachment]));
  },
  replay: () => undefined,
});
