// `PUT /1/cards/{id}` with another board's `idBoard`: the card leaves its board and lands on the
// target, in one transaction holding both boards (mutateAcross). It keeps its id, short link,
// checklists, attachments and comments; its labels are matched on the target by name and colour
// (made there when missing), its members kept where they belong to the target board
// (card-carry-rules.ts). The source board records Trello's `moveCardFromBoard` (and the card's
// removal), the target `moveCardToBoard` (and the card with what came along), so both boards'
// viewers see it live.
import { invalid, notFound } from "@tack/shared/errors";
import type { Card, List } from "@tack/shared/models";
import type { PositionRequest } from "@tack/shared/positions";
import type { BoardTx } from "../../store/store.ts";
import { defineCrossBoardCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { cardRef, listRef } from "../refs.ts";
import { carryCard, recordCarriedComments } from "./card-carry-rules.ts";
import { checkOpenCardRoom } from "./card-transfer-rules.ts";

export interface MoveCardToBoardArgs {
  readonly cardId: string;
  /** A list of the target board; absent: its first open list. */
  readonly idList?: string | undefined;
  readonly pos?: PositionRequest | undefined;
}

export const moveCardToBoard = defineCrossBoardCommand({
  kind: "moveCardToBoard",
  async run({ from, to }, { cardId, idList, pos }: MoveCardToBoardArgs, { ctx, rec }): Promise<Card> {
    const before = await from.get("card", cardId);
    if (!before) throw notFound("card");
    const list = await targetList(to, idList);
    if (!before.closed) await checkOpenCardRoom(to, 1);
    const listBefore = await from.get("list", before.idList);
    const placed = placeAmong(await to.children("card", list.id), pos ?? "bottom", cardId);
    for (const moved of placed.moved) await to.put("card", moved);
    const carried = await carryCard(ctx, { from, to }, before, {
      idList: list.id,
      pos: placed.pos,
      dateLastActivity: rec.to.now,
    });
    const { card } = carried;
    const source = from.board();
    const board = to.board();
    await rec.to.record(
      "moveCardToBoard",
      {
        board: boardRef(board),
        boardSource: { id: source.id, name: source.name },
        list: listRef(list),
        card: cardRef(card),
      },
      {
        cards: [...placed.moved, card],
        ...(carried.labelsMade.length > 0 && { labels: carried.labelsMade }),
        ...(carried.checklists.length > 0 && { checklists: carried.checklists }),
        ...(carried.attachments.length > 0 && { attachments: carried.attachments }),
      },
      { cardId },
    );
    await recordCarriedComments(to, carried, list);
    await rec.from.record(
      "moveCardFromBoard",
      {
        board: boardRef(source),
        boardTarget: { id: board.id, name: board.name },
        ...(listBefore && { list: listRef(listBefore) }),
        card: cardRef(before),
      },
      {},
      { cardId, deleted: carried.deleted },
    );
    return card;
  },
  replay: (change) => change.models.cards!.at(-1)!,
});

/** The list the card lands in: the one named (which must be on the target board), or its first open list. */
async function targetList(to: BoardTx, idList: string | undefined): Promise<List> {
  if (idList !== undefined) {
    const list = await to.get("list", idList);
    if (!list) throw invalid("idList", "no such list on the target board: pick one of its lists");
    return list;
  }
  const first = (await to.all("list")).filter((l) => !l.closed).sort((a, b) => a.pos - b.pos)[0];
  if (!first) throw invalid("idBoard", "the target board has no open list: add a list there first");
  return first;
}
