// Checklists and their items. Items live inside their checklist's document (at most 200), so
// checking an item is one write of one document.
import { notFound } from "@tack/shared/errors";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { cardRef, checklistRef } from "../refs.ts";
import { cardOf } from "./checklist-rules.ts";

export interface DeleteChecklistArgs {
  readonly checklistId: string;
}

export const deleteChecklist = defineCommand({
  kind: "deleteChecklist",
  async run(tx, { checklistId }: DeleteChecklistArgs, { rec }): Promise<void> {
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
});
