// Renaming an attachment: Trello's `updateAttachment` action with the old name.
import { notFound } from "@tack/shared/errors";
import type { Attachment } from "@tack/shared/models";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { cardRef } from "../refs.ts";
import { attachmentRef } from "./attachment-ref.ts";

export interface RenameAttachmentArgs {
  readonly cardId: string;
  readonly attachmentId: string;
  readonly name: string;
}

export const renameAttachment = defineCommand({
  kind: "renameAttachment",
  async run(tx, { cardId, attachmentId, name }: RenameAttachmentArgs, { rec }): Promise<Attachment> {
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
});
