// Card fronts (decision 0032-slim-board-read): the first board read carries only what a
// card front shows. Such a card has no description, and the board has none of its checklists or
// other attachments yet; in their place it keeps `front`, the counts its badges show. Opening the
// card reads its details (model/card-details.ts), which replace the front. A card as a change
// carries it is whole (its description is known), but its checklists still are not: the counts
// stay until the details are read.
import type { Card } from "@tack/shared/models";

export interface CardFront {
  /** Whether the card has a description; absent once the card's own text is known. */
  desc?: boolean;
  checkItems: number;
  checkItemsChecked: number;
}

type Fronted = Card & { front?: CardFront };

/** The card's front counts while its details are not loaded; undefined once they are. */
export const frontOf = (card: Card | undefined): CardFront | undefined =>
  (card as Fronted | undefined)?.front;

export function withFront(card: Card, front: CardFront): Card {
  return { ...card, front } as Fronted;
}

/** Whether the card front shows the description badge. */
export const showsDescription = (card: Card, front: CardFront | undefined): boolean =>
  card.desc !== "" || front?.desc === true;
