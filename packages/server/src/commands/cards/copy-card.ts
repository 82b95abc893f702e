// `POST /1/cards` with `idCardSource`: a new card made from another (on this board or any board the
// actor can read), keeping what `keepFromSource` names (Trello: "all", or a comma list of
// attachments, checklists, comments, customFields, due, start, labels, members, stickers). Also how
// a card is made from a template card. The source was read before this transaction (a copy is of
// the card as it was then, routes/card-copy.ts); the copy is written here (card-copy-rules.ts).
import { invalid } from "@tack/shared/errors";
import type { Card } from "@tack/shared/models";
import type { CardKeepable, CreateCardInput } from "@tack/shared/schemas";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeUnder } from "../placement.ts";
import { cardRef, listRef } from "../refs.ts";
import { type CardSource, writeCardCopy } from "./card-copy-rules.ts";
import { checkOpenCardRoom } from "./card-transfer-rules.ts";

export interface CopyCardArgs {
  readonly input: CreateCardInput;
  readonly source: CardSource;
  readonly keep: ReadonlySet<CardKeepable>;
}

export const copyCard = defineCommand({
  kind: "copyCard",
  async run(tx, { input, source, keep }: CopyCardArgs, { boardId, rec }): Promise<Card> {
    const list = await tx.get("list", input.idList);
    if (!list) throw invalid("idList", "no such list on this board");
    await checkOpenCardRoom(tx, 1);
    const placed = await placeUnder(tx, "card", list.id, input.pos ?? "bottom", "");
    for (const moved of placed.moved) await tx.put("card", moved);
    const from = source.card;
    const copy = await writeCardCopy(tx, source, keep, {
      idList: list.id,
      pos: placed.pos,
      dateLastActivity: rec.now,
      name: input.name ?? from.name,
      desc: input.desc ?? from.desc,
      closed: false,
      // A card made from a template is an ordinary card, unless asked otherwise.
      isTemplate: input.isTemplate ?? false,
    });
    const { card } = copy;
    const board = tx.board();
    await rec.record(
      "copyCard",
      {
        board: boardRef(board),
        list: listRef(list),
        card: cardRef(card),
        cardSource: cardRef(from),
        ...(source.boardId !== boardId && { boardSource: { id: source.boardId } }),
      },
      {
        cards: [...placed.moved, card],
        ...(copy.labelsMade.length > 0 && { labels: copy.labelsMade }),
        ...(copy.checklists.length > 0 && { checklists: copy.checklists }),
        ...(copy.attachments.length > 0 && { attachments: copy.attachments }),
      },
      { cardId: card.id },
    );
    // Comments are copied as Trello does: `copyCommentCard` actions by the copier, naming who wrote them.
    if (keep.has("comments"))
      for (const comment of [...source.comments].reverse())
        await rec.record(
          "copyCommentCard",
          {
            board: boardRef(board),
            list: listRef(list),
            card: cardRef(card),
            text: comment.data.text,
            idOriginalCommenter: comment.idMemberCreator,
            dateOriginal: comment.date,
          },
          {},
          { cardId: card.id },
        );
    return card;
  },
  replay: (change) => change.models.cards!.at(-1)!,
});
