// Renaming and deleting an attachment. Deleting records Trello's `deleteAttachmentFromCard`,
// lowers the card's attachment count and clears the cover if it was this attachment; the bytes
// are removed by the caller after the commit.
import { notFound } from "@tack/shared/errors";
import type { Attachment, Card } from "@tack/shared/models";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { boardRef, mutate } from "../mutate.ts";
import { cardRef } from "../refs.ts";
import { attachmentRef } from "./attachment-ref.ts";

/** Deletes the record; resolves with it (null on a replayed retry) so the caller can drop the bytes. */
export async function deleteAttachment(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  cardId: string,
  attachmentId: string,
  mutationId: string | null,
): Promise<Attachment | null> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "deleteAttachment",
      async run(tx, rec) {
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
        return attachment;
      },
      replay: () => null,
    },
    { mutationId },
  );
}
