// Checklists and their items. Items live inside their checklist's document (at most 200), so
// checking an item is one write of one document.
import { notFound } from "@tack/shared/errors";
import type { BoardTx } from "../../store/store.ts";

export async function cardOf(tx: BoardTx, cardId: string) {
  const card = await tx.get("card", cardId);
  if (!card) throw notFound("card");
  return card;
}
