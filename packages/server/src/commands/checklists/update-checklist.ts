// Checklists and their items. Items live inside their checklist's document (at most 200), so
// checking an item is one write of one document.
import { notFound } from "@tack/shared/errors";
import type { Checklist } from "@tack/shared/models";
import type { PositionRequest } from "@tack/shared/positions";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeUnder } from "../placement.ts";
import { checklistRef } from "../refs.ts";

export interface UpdateChecklistArgs {
  readonly checklistId: string;
  readonly input: { readonly name?: string | undefined; readonly pos?: PositionRequest | undefined };
}

export const updateChecklist = defineCommand({
  kind: "updateChecklist",
  async run(tx, { checklistId, input }: UpdateChecklistArgs, { rec }): Promise<Checklist> {
    const before = await tx.get("checklist", checklistId);
    if (!before) throw notFound("checklist");
    let moved: Checklist[] = [];
    let pos = before.pos;
    if (input.pos !== undefined) {
      const placed = await placeUnder(tx, "checklist", before.idCard, input.pos, checklistId);
      moved = placed.moved;
      pos = placed.pos;
      for (const m of moved) await tx.put("checklist", m);
    }
    const after: Checklist = { ...before, ...(input.name !== undefined && { name: input.name }), pos };
    await tx.put("checklist", after);
    await rec.record(
      "updateChecklist",
      {
        board: boardRef(tx.board()),
        checklist: checklistRef(after),
        old: { name: before.name, pos: before.pos },
      },
      { checklists: [...moved, after] },
      { cardId: before.idCard },
    );
    return after;
  },
  replay: (change) => change.models.checklists!.at(-1)!,
});
