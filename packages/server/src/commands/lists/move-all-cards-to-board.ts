// `POST /1/lists/{id}/moveAllCards` naming another board: every open card of the list goes to the
// bottom of a list of that board, in its order, in ONE transaction holding both boards, so a failure
// on any card (the target's label or open-card limit) leaves every card where it was. Each card is
// moved as a single card's move does (cards/card-move-across-rules.ts): its own `moveCardToBoard` and
// `moveCardFromBoard` actions, labels matched or made, members kept where they belong, custom field
// values as card-carry-rules.ts treats them. The first `moveCardToBoard` carries the whole move's documents: a retry with
// the same mutation id is answered from that one change.
import type { BoardChange } from "@tack/shared/changes";
import { invalid, notFound } from "@tack/shared/errors";
import { byPosition } from "@tack/shared/positions";
import { carryCardAcross, movedModels, recordCardMovedAcross } from "../cards/card-move-across-rules.ts";
import { checkOpenCardRoom } from "../cards/card-transfer-rules.ts";
import { defineCrossBoardCommand } from "../command.ts";
import { ARCHIVED_TARGET } from "./move-all-cards.ts";

export interface MoveAllCardsToBoardArgs {
  readonly fromListId: string;
  /** A list of the target board. */
  readonly toListId: string;
}

/** The ids of the cards moved, in their order. */
export const moveAllCardsToBoard = defineCrossBoardCommand({
  kind: "moveAllCards",
  async run(txs, { fromListId, toListId }: MoveAllCardsToBoardArgs, { ctx, rec }): Promise<string[]> {
    const from = await txs.from.get("list", fromListId);
    if (!from) throw notFound("list");
    const to = await txs.to.get("list", toListId);
    if (!to) throw invalid("idList", "no such list on the target board: pick one of its lists");
    if (to.closed) throw invalid("idList", ARCHIVED_TARGET);
    const cards = (await txs.from.children("card", fromListId)).filter((c) => !c.closed).sort(byPosition);
    await checkOpenCardRoom(txs.to, cards.length);
    const moves = [];
    for (const card of cards) moves.push(await carryCardAcross(ctx, txs, rec.to.now, card, to, "bottom"));
    for (const [i, move] of moves.entries())
      await recordCardMovedAcross(txs, rec, move, i === 0 ? movedModels(moves) : {});
    return moves.map((m) => m.carried.card.id);
  },
  replay: movedCardIds,
});

/**
 * The cards the first attempt moved, from its first `moveCardToBoard`: it carries every moved card,
 * and any card of the target list renumbered to make room. Moved cards got the target's next card
 * numbers, from the first card's on (the one the action names); cards already there have lower ones.
 */
function movedCardIds(change: BoardChange): string[] {
  const first = (change.action.data.card as { idShort: number }).idShort;
  return (change.models.cards ?? []).filter((c) => c.idShort >= first).map((c) => c.id);
}
