// A card command answers with the card as it wrote it; presenting a card also needs the board's
// labels it carries, its checklists (badges) and its cover attachment. A command that has them at
// hand inside its transaction (read ahead with the card: BoardTx `prefetch`) keeps them beside the
// card it returns, so the route presents the written document without reading it back after the
// commit (issue 16: one round trip less per card move). A replayed answer has none: the route
// reads the card then, as before.
import type { Card } from "@tack/shared/models";
import type { CardView } from "../../store/board-store.ts";
import type { BoardTx } from "../../store/store.ts";

const writtenViews = new WeakMap<Card, CardView>();

/** What presenting `card` needs, as this transaction sees it (its own writes included). */
export async function cardViewIn(tx: BoardTx, card: Card): Promise<CardView> {
  const labelIds = new Set(card.idLabels);
  const [labels, checklists, cover] = [
    labelIds.size > 0 ? (await tx.all("label")).filter((l) => labelIds.has(l.id)) : [],
    await tx.children("checklist", card.id),
    card.idAttachmentCover ? await tx.get("attachment", card.idAttachmentCover) : null,
  ];
  return { card, labels, checklists, attachments: cover ? [cover] : [] };
}

/** Keeps `view` beside the card a command returns (the very object), for the route to present. */
export function keepWrittenView(view: CardView): Card {
  writtenViews.set(view.card, view);
  return view.card;
}

/** The view a command kept beside this card, if it did. */
export function writtenViewOf(card: object): CardView | undefined {
  return writtenViews.get(card as Card);
}
