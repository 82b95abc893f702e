// Checklists and their items. Items live inside their checklist's document (at most 200), so
// checking an item is one write of one document.
import { notFound } from "@tack/shared/errors";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { cardRef, checklistRef } from "../refs.ts";
import { cardOf } from "./checklist-rules.ts";

export interface DeleteCheckItemArgs {
  readonly checklistId: string;
  readonly itemId: string;
}

export const deleteCheckItem = defineCommand({
  kind: "deleteCheckItem",
  async run(tx, { checklistId, itemId }: DeleteCheckItemArgs, { rec }): Promise<void> {
    const checklist = await tx.get("checklist", checklistId);
    const item = checklist?.checkItems.find((i) => i.id === itemId);
    if (!checklist || !item) throw notFound("check item");
    const after = { ...checklist, checkItems: checklist.checkItems.filter((i) => i.id !== itemId) };
    await tx.put("checklist", after);
    const card = await cardOf(tx, checklist.idCard);
    await rec.record(
      "deleteCheckItem",
      {
        board: boardRef(tx.board()),
        card: cardRef(card),
        checklist: checklistRef(checklist),
        checkItem: { id: item.id, name: item.name },
      },
      { checklists: [after] },
      { cardId: card.id },
    );
  },
  replay: () => undefined,
});
