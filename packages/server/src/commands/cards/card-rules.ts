// Checks shared by every command that sets a card's labels or members: ids must belong to this
// board (another board's label or a stranger is refused, naming the field).
import { invalid } from "@tack/shared/errors";
import type { BoardTx } from "../../store/store.ts";

export async function checkCardLabels(tx: BoardTx, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  for (const id of unique)
    if (!(await tx.get("label", id))) throw invalid("idLabels", `${id} is not a label of this board`);
  return unique;
}

export async function checkCardMembers(tx: BoardTx, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return unique;
  const members = new Set((await tx.memberships()).map((m) => m.idMember));
  for (const id of unique)
    if (!members.has(id)) throw invalid("idMembers", `${id} is not a member of this board`);
  return unique;
}
