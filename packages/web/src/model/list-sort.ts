// "Sort by…" in a list's menu: the open cards put in the order asked (list-order.ts), written as
// the cards' positions (one optimistic position edit per card that moves, sent together).
import * as api from "../api/trello.ts";
import type { BoardCache } from "./board-cache.ts";
import { type ListSort, sortedPositions } from "./list-order.ts";
import { optimistic } from "./optimistic.ts";

export async function sortList(cache: BoardCache, idList: string, how: ListSort): Promise<void> {
  if (!cache.allCardsKnown) await cache.whenAllCardsKnown();
  const moved = sortedPositions(cache.openCardsOf(idList), how);
  await Promise.all(
    moved.map((card) =>
      optimistic(
        cache,
        "sort the list",
        { cards: [card] },
        () => api.updateCard(card.id, { pos: card.pos }),
        (saved) => ({ cards: [saved] }),
      ),
    ),
  );
}
