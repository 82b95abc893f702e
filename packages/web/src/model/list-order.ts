// The orders a list's "Sort by…" offers, and the positions that put its cards in one.
import { idTime } from "@tack/shared/ids";
import type { Card } from "@tack/shared/models";

export type ListSort = "newest" | "oldest" | "due" | "name";

export const SORT_LABELS: Record<ListSort, string> = {
  newest: "Date created (newest first)",
  oldest: "Date created (oldest first)",
  due: "Due date",
  name: "Card name (alphabetically)",
};

/** Positions apart, as new cards get them. */
const STEP = 65_536;

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

function compare(how: ListSort): (a: Card, b: Card) => number {
  switch (how) {
    // Ids carry the creation second; the card number orders cards made within one second.
    case "newest":
      return (a, b) => idTime(b.id) - idTime(a.id) || b.idShort - a.idShort;
    case "oldest":
      return (a, b) => idTime(a.id) - idTime(b.id) || a.idShort - b.idShort;
    // Cards without a due date go last, in their current order.
    case "due":
      return (a, b) =>
        (a.due === null ? Infinity : Date.parse(a.due)) - (b.due === null ? Infinity : Date.parse(b.due)) ||
        a.pos - b.pos;
    case "name":
      return (a, b) => byName.compare(a.name, b.name) || a.pos - b.pos;
  }
}

/** The cards of the list in the sorted order with their new positions (only those that change). */
export function sortedPositions(cards: readonly Card[], how: ListSort): Card[] {
  return [...cards]
    .sort(compare(how))
    .map((card, index) => ({ ...card, pos: (index + 1) * STEP }))
    .filter((card) => cards.find((c) => c.id === card.id)?.pos !== card.pos);
}
