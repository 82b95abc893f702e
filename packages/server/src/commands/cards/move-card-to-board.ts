// `PUT /1/cards/{id}` with another board's `idBoard`: the card leaves its board and lands on the
// target, in one transaction holding both boards (mutateAcross). It keeps its id, short link,
// checklists, attachments and comments; its labels are matched on the target by name and colour
// (made there when missing), its members kept where they belong to the target board
// (card-carry-rules.ts). The source board records Trello's `moveCardFromBoard` (and the card's
// removal), the target `moveCardToBoard` (and the card with what came along), so both boards'
// viewers see it live (card-move-across-rules.ts, shared with moving all cards of a list).
import { invalid, notFound } from "@tack/shared/errors";
import type { Card, List } from "@tack/shared/models";
import type { PositionRequest } from "@tack/shared/positions";
import type { BoardTx } from "../../store/store.ts";
import { defineCrossBoardCommand } from "../command.ts";
import { carryCardAcross, movedModels, recordCardMovedAcross } from "./card-move-across-rules.ts";
import { checkOpenCardRoom } from "./card-transfer-rules.ts";

export interface MoveCardToBoardArgs {
  readonly cardId: string;
  /** A list of the target board; absent: its first open list. */
  readonly idList?: string | undefined;
  readonly pos?: PositionRequest | undefined;
}

export const moveCardToBoard = defineCrossBoardCommand({
  kind: "moveCardToBoard",
  async run(txs, { cardId, idList, pos }: MoveCardToBoardArgs, { ctx, rec }): Promise<Card> {
    const before = await txs.from.get("card", cardId);
    if (!before) throw notFound("card");
    const list = await targetList(txs.to, idList);
    if (!before.closed) await checkOpenCardRoom(txs.to, 1);
    const move = await carryCardAcross(ctx, txs, rec.to.now, before, list, pos ?? "bottom");
    await recordCardMovedAcross(txs, rec, move, movedModels([move]));
    return move.carried.card;
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
