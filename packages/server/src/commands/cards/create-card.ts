import { ErrorCode, invalid, TackError } from "@tack/shared/errors";
import { newIdOnBoard, newShortLink } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import { type Card, defaults } from "@tack/shared/models";
import { definedOnly } from "@tack/shared/objects";
import type { CreateCardInput } from "@tack/shared/schemas";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeUnder } from "../placement.ts";
import { cardRef, listRef } from "../refs.ts";
import { checkCardLabels, checkCardMembers } from "./card-rules.ts";

export interface CreateCardArgs {
  readonly input: CreateCardInput;
}

export const createCard = defineCommand({
  kind: "createCard",
  async run(tx, { input }: CreateCardArgs, { boardId, rec }): Promise<Card> {
    const list = await tx.get("list", input.idList);
    if (!list) throw invalid("idList", "no such list on this board");
    if (input.closed !== true && (await tx.countOpen("card")) >= Limits.openCardsPerBoard) {
      throw new TackError(
        ErrorCode.limitExceeded,
        `A board can have at most ${Limits.openCardsPerBoard} open cards: archive some first`,
      );
    }
    const idLabels = await checkCardLabels(tx, input.idLabels ?? []);
    const idMembers = await checkCardMembers(tx, input.idMembers ?? []);
    const id = newIdOnBoard(tx.boardId);
    const placed = await placeUnder(tx, "card", list.id, input.pos ?? "bottom", id);
    for (const moved of placed.moved) await tx.put("card", moved);
    const board = tx.board();
    const idShort = board.cardCounter + 1;
    await tx.putBoard({ ...board, cardCounter: idShort });
    const card = defaults.card({
      id,
      idBoard: boardId,
      idList: list.id,
      idShort,
      shortLink: newShortLink(),
      pos: placed.pos,
      dateLastActivity: rec.now,
      ...definedOnly({
        name: input.name,
        desc: input.desc,
        closed: input.closed,
        start: input.start,
        due: input.due,
        dueComplete: input.dueComplete,
        isTemplate: input.isTemplate,
      }),
      idLabels,
      idMembers,
    });
    await tx.put("card", card);
    await rec.record(
      "createCard",
      { board: boardRef(board), list: listRef(list), card: cardRef(card) },
      { cards: [...placed.moved, card] },
      { cardId: card.id, notice: { created: { idMembers: card.idMembers, desc: card.desc } } },
    );
    return card;
  },
  replay: (change) => change.models.cards!.at(-1)!,
});
