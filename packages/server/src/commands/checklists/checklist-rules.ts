// Checklists and their items. Items live inside their checklist's document (at most 200), so
// checking an item is one write of one document.
import { invalid, notFound } from "@tack/shared/errors";
import type { BoardTx } from "../../store/store.ts";

export async function cardOf(tx: BoardTx, cardId: string) {
  const card = await tx.get("card", cardId);
  if (!card) throw notFound("card");
  return card;
}

/** An item is assigned only to a member of its board (placeholders from an import included). */
export async function checkItemMember(tx: BoardTx, idMember: string | null): Promise<string | null> {
  if (idMember === null) return null;
  const members = new Set((await tx.memberships()).map((m) => m.idMember));
  if (!members.has(idMember))
    throw invalid("idMember", "not a member of this board: add them to the board first");
  return idMember;
}
