// A card's cover is either an image attachment of the card or a color, never both (as in Trello):
// choosing one clears the other. `idAttachmentCover` and `cover.idAttachment` name the same thing.
import { invalid } from "@tack/shared/errors";
import type { Card } from "@tack/shared/models";
import { definedOnly } from "@tack/shared/objects";
import type { UpdateCardInput } from "@tack/shared/schemas";
import type { BoardTx } from "../../store/store.ts";

export async function coverChange(
  tx: BoardTx,
  cardId: string,
  before: Card,
  input: UpdateCardInput,
): Promise<Pick<Card, "idAttachmentCover" | "cover"> | Record<string, never>> {
  if (input.idAttachmentCover === undefined && input.cover === undefined) return {};
  const requested = definedOnly(input.cover ?? {});
  const field = input.idAttachmentCover !== undefined ? "idAttachmentCover" : "cover.idAttachment";
  const idAttachment =
    input.idAttachmentCover !== undefined
      ? input.idAttachmentCover
      : requested.idAttachment !== undefined
        ? requested.idAttachment
        : requested.color
          ? null
          : before.idAttachmentCover;
  if (idAttachment) {
    const attachment = await tx.get("attachment", idAttachment);
    if (!attachment || attachment.idCard !== cardId) throw invalid(field, "no such attachment on this card");
    if (attachment.previews.length === 0) throw invalid(field, "only an uploaded image can be a card cover");
  }
  const color = idAttachment ? null : requested.color !== undefined ? requested.color : before.cover.color;
  return {
    idAttachmentCover: idAttachment,
    cover: { ...before.cover, ...requested, idAttachment, color },
  };
}
