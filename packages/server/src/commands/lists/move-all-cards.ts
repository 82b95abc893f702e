// Trello's "Move all cards in this list": every open card of one list goes to the bottom of another
// list of the same board, in its order, in one transaction. Each card gets its own `updateCard`
// action with `listBefore`/`listAfter`/`old.idList`, as a move by hand would, so card histories and
// `updateCard:idList` filters show it. Another board's list: move-all-cards-to-board.ts.
import { invalid, notFound } from "@tack/shared/errors";
import type { Card } from "@tack/shared/models";
import { byPosition } from "@tack/shared/positions";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { cardRef, listRef } from "../refs.ts";

/** Why cards may not be moved into an archived list (they would vanish from the board's view). */
export const ARCHIVED_TARGET = "that list is archived: send it back to the board or pick another";

export interface MoveAllCardsArgs {
  readonly fromListId: string;
  /** A list of the same board. */
  readonly toListId: string;
}

/** The ids of the cards moved, in their order. */
export const moveAllCards = defineCommand({
  kind: "moveAllCards",
  async run(tx, { fromListId, toListId }: MoveAllCardsArgs, { rec }): Promise<string[]> {
    const from = await tx.get("list", fromListId);
    if (!from) throw notFound("list");
    const to = await tx.get("list", toListId);
    if (!to) throw invalid("idList", "no such list on this board");
    if (to.closed) throw invalid("idList", ARCHIVED_TARGET);
    if (to.id === from.id) return [];
    const moving = (await tx.children("card", fromListId)).filter((c) => !c.closed).sort(byPosition);
    let siblings: Card[] = await tx.children("card", toListId);
    const written = new Map<string, Card>();
    const movedIds: string[] = [];
    for (const before of moving) {
      const placed = placeAmong(siblings, "bottom", before.id);
      for (const m of placed.moved) written.set(m.id, m);
      const after: Card = { ...before, idList: to.id, pos: placed.pos, dateLastActivity: rec.now };
      written.set(after.id, after);
      siblings = [...siblings.map((s) => written.get(s.id) ?? s), after];
      movedIds.push(after.id);
    }
    for (const card of written.values()) await tx.put("card", card);
    // Cards of the target list renumbered to make room travel with the first move.
    const renumbered = [...written.values()].filter((c) => !movedIds.includes(c.id));
    for (const id of movedIds) {
      const after = written.get(id)!;
      await rec.record(
        "updateCard",
        {
          board: boardRef(tx.board()),
          card: { ...cardRef(after), idList: to.id },
          old: { idList: from.id },
          list: listRef(to),
          listBefore: listRef(from),
          listAfter: listRef(to),
        },
        { cards: id === movedIds[0] ? [...renumbered, after] : [after] },
        { cardId: id },
      );
    }
    return movedIds;
  },
  replay: (change) => (change.models.cards ?? []).map((c) => c.id),
});
