import { notFound } from "@tack/shared/errors";
import { discardAttachmentBlobs } from "../../attachments/discard.ts";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { listRef } from "../refs.ts";

export interface DeleteCardArgs {
  readonly cardId: string;
}

/** Deletes a card for good, with its checklists and attachments (records, then their bytes). */
export const deleteCard = defineCommand({
  kind: "deleteCard",
  async run(tx, { cardId }: DeleteCardArgs, { ctx, rec }): Promise<void> {
    const card = await tx.get("card", cardId);
    if (!card) throw notFound("card");
    const checklists = await tx.children("checklist", cardId);
    const attachments = await tx.children("attachment", cardId);
    // The bytes go only once the records are gone for good (and not at all on a rollback).
    rec.afterCommit(() => discardAttachmentBlobs(ctx, attachments));
    for (const c of checklists) await tx.remove("checklist", c.id);
    for (const a of attachments) await tx.remove("attachment", a.id);
    await tx.remove("card", cardId);
    const list = await tx.get("list", card.idList);
    await rec.record(
      "deleteCard",
      {
        board: boardRef(tx.board()),
        card: { id: card.id, idShort: card.idShort, shortLink: card.shortLink },
        ...(list && { list: listRef(list) }),
      },
      {},
      {
        cardId,
        deleted: [
          { kind: "card", id: cardId },
          ...checklists.map((c) => ({ kind: "checklist" as const, id: c.id })),
          ...attachments.map((a) => ({ kind: "attachment" as const, id: a.id })),
        ],
      },
    );
  },
  replay: () => undefined,
});
