// Renaming and deleting an attachment. Deleting records Trello's `deleteAttachmentFromCard`,
// lowers the card's attachment count and clears the cover if it was this attachment; the bytes
// are removed by the caller after the commit.
import { notFound } from "@tack/shared/errors";
import type { Attachment } from "@tack/shared/models";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { boardRef, mutate } from "../mutate.ts";
import { cardRef } from "../refs.ts";
import { attachmentRef } from "./attachment-ref.ts";

export async function renameAttachment(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  cardId: string,
  attachmentId: string,
  name: string,
  mutationId: string | null,
): Promise<Attachment> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "renameAttachment",
      async run(tx, rec) {
        const before = await tx.get("attachment", attachmentId);
        if (!before || before.idCard !== cardId) throw notFound("attachment");
        const card = await tx.get("card", cardId);
        if (!card) throw notFound("card");
        const after: Attachment = { ...before, name };
        await tx.put("attachment", after);
        await rec.record(
          "updateAttachment",
          {
            board: boardRef(tx.board()),
            card: cardRef(card),
            attachment: attachmentRef(after),
            old: { name: before.name },
          },
          { attachments: [after] },
          { cardId },
        );
        return after;
      },
      replay: (change) => change.models.attachments![0]!,
    },
    { mutationId },
  );
}
