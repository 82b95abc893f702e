// Converting a check item to a card, as Trello does: a new card in the same list as the item's
// card, named after the item, with the item's assignee and due date; the item leaves its checklist.
// One transaction, so there is never a card without the item gone, or an item gone without a card.
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import { newIdOnBoard, newShortLink } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import { type Card, defaults } from "@tack/shared/models";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeUnder } from "../placement.ts";
import { cardRef, checklistRef, listRef } from "../refs.ts";
import { cardOf } from "./checklist-rules.ts";

export interface ConvertCheckItemArgs {
  readonly checklistId: string;
  readonly itemId: string;
}

/** The new card. */
export const convertCheckItem = defineCommand({
  kind: "convertCheckItem",
  async run(tx, { checklistId, itemId }: ConvertCheckItemArgs, { boardId, rec }): Promise<Card> {
    const checklist = await tx.get("checklist", checklistId);
    const item = checklist?.checkItems.find((i) => i.id === itemId);
    if (!checklist || !item) throw notFound("check item");
    const source = await cardOf(tx, checklist.idCard);
    const list = await tx.get("list", source.idList);
    if (!list) throw notFound("list");
    if ((await tx.countOpen("card")) >= Limits.openCardsPerBoard) {
      throw new TackError(
        ErrorCode.limitExceeded,
        `A board can have at most ${Limits.openCardsPerBoard} open cards: archive some first`,
      );
    }
    const members = new Set((await tx.memberships()).map((m) => m.idMember));
    const id = newIdOnBoard(tx.boardId);
    const placed = await placeUnder(tx, "card", list.id, "bottom", id);
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
      name: item.name,
      due: item.due,
      idMembers: item.idMember && members.has(item.idMember) ? [item.idMember] : [],
    });
    await tx.put("card", card);
    const after = { ...checklist, checkItems: checklist.checkItems.filter((i) => i.id !== itemId) };
    await tx.put("checklist", after);
    await rec.record(
      "convertToCardFromCheckItem",
      {
        board: boardRef(board),
        list: listRef(list),
        card: cardRef(card),
        cardSource: cardRef(source),
        checklist: checklistRef(checklist),
        checkItem: { id: item.id, name: item.name },
      },
      { cards: [...placed.moved, card], checklists: [after] },
      { cardId: card.id },
    );
    return card;
  },
  replay: (change) => change.models.cards!.at(-1)!,
});
