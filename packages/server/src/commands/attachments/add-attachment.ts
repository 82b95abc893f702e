// Attaching a file or a link to a card: the record, the card's attachment count and (optionally)
// its cover change in one transaction with Trello's `addAttachmentToCard` action. The file's bytes
// are already stored by then (routes/attachments.ts); if this fails, the caller deletes them.

import { ErrorCode, invalid, notFound, TackError } from "@tack/shared/errors";
import type { Attachment, Card } from "@tack/shared/models";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { cardRef, listRef } from "../refs.ts";
import { attachmentRef } from "./attachment-ref.ts";

/** The attachment as the route built it; the command adds position and board-scoped checks. */
export type NewAttachment = Omit<Attachment, "pos" | "idBoard" | "idCard" | "idMember" | "date">;

export interface AddAttachmentArgs {
  readonly cardId: string;
  readonly draft: NewAttachment;
  /** Make the new attachment (an uploaded image) the card's cover. */
  readonly setCover: boolean;
}

/** The attachment written, and whether this attempt wrote it (false on a replayed retry). */
export const addAttachment = defineCommand({
  kind: "addAttachment",
  async run(tx, { cardId, draft, setCover }: AddAttachmentArgs, { ctx, actor, boardId, rec }) {
    const { perCard, perBoard } = ctx.config.attachments;
    const card = await tx.get("card", cardId);
    if (!card) throw notFound("card");
    const siblings = await tx.children("attachment", cardId);
    if (siblings.length >= perCard)
      throw new TackError(
        ErrorCode.limitExceeded,
        `A card can have at most ${perCard} attachments: delete some first`,
      );
    if ((await tx.countOpen("attachment")) >= perBoard)
      throw new TackError(
        ErrorCode.limitExceeded,
        `A board can have at most ${perBoard} attachments: delete some first`,
      );
    if (setCover && draft.previews.length === 0)
      throw invalid("setCover", "only an uploaded image can be a card cover");
    const placed = placeAmong(siblings, "bottom", draft.id);
    for (const moved of placed.moved) await tx.put("attachment", moved);
    const created: Attachment = {
      ...draft,
      idBoard: boardId,
      idCard: cardId,
      idMember: actor.memberId,
      date: rec.now,
      pos: placed.pos,
    };
    const after: Card = {
      ...card,
      attachmentCount: card.attachmentCount + 1,
      dateLastActivity: rec.now,
      ...(setCover && {
        idAttachmentCover: created.id,
        cover: { ...card.cover, idAttachment: created.id, color: null },
      }),
    };
    await tx.put("attachment", created);
    await tx.put("card", after);
    const list = await tx.get("list", card.idList);
    await rec.record(
      "addAttachmentToCard",
      {
        board: boardRef(tx.board()),
        card: cardRef(after),
        ...(list && { list: listRef(list) }),
        attachment: attachmentRef(created),
      },
      { cards: [after], attachments: [...placed.moved, created] },
      { cardId },
    );
    return { attachment: created, written: true };
  },
  replay: (change): { attachment: Attachment; written: boolean } => ({
    attachment: change.models.attachments!.at(-1)!,
    written: false,
  }),
});
