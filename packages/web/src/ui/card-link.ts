import { slugify } from "@tack/shared/ids";
import type { Board, Card } from "@tack/shared/models";

export const cardPath = (card: Card): string =>
  `/c/${card.shortLink || card.id}/${card.idShort ? `${card.idShort}-` : ""}${slugify(card.name)}`;
export const boardPath = (board: Board): string => `/b/${board.shortLink || board.id}/${slugify(board.name)}`;
