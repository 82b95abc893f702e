// Checklists and their items. Items live inside their checklist's document (at most 200), so
// checking an item is one write of one document.
import { notFound } from "@tack/shared/errors";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { boardRef, mutate } from "../mutate.ts";
import { cardRef, checklistRef } from "../refs.ts";
import { cardOf } from "./checklist-rules.ts";

export async function deleteChecklist(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  checklistId: string,
  mutationId: string | null,
): Promise<void> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "deleteChecklist",
      async run(tx, rec) {
        const checklist = await tx.get("checklist", checklistId);
        if (!checklist) throw notFound("checklist");
        const card = await cardOf(tx, checklist.idCard);
        await tx.remove("checklist", checklistId);
        await rec.record(
          "removeChecklistFromCard",
          { board: boardRef(tx.board()), card: cardRef(card), checklist: checklistRef(checklist) },
          {},
          { cardId: card.id, deleted: [{ kind: "checklist", id: checklistId }] },
        );
      },
      replay: () => undefined,
    },
    { mutationId },
  );
}
