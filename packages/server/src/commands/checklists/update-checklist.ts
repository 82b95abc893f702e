// Checklists and their items. Items live inside their checklist's document (at most 200), so
// checking an item is one write of one document.
import { notFound } from "@tack/shared/errors";
import type { Checklist } from "@tack/shared/models";
import type { PositionRequest } from "@tack/shared/positions";
import type { MemberActor } from "../../auth/actor.ts";
import type { AppContext } from "../../context.ts";
import { boardRef, mutate } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { checklistRef } from "../refs.ts";

export async function updateChecklist(
  ctx: AppContext,
  actor: MemberActor,
  boardId: string,
  checklistId: string,
  input: { name?: string | undefined; pos?: PositionRequest | undefined },
  mutationId: string | null,
): Promise<string> {
  return mutate(
    ctx,
    actor,
    boardId,
    {
      kind: "updateChecklist",
      async run(tx, rec) {
        const before = await tx.get("checklist", checklistId);
        if (!before) throw notFound("checklist");
        let moved: Checklist[] = [];
        let pos = before.pos;
        if (input.pos !== undefined) {
          const placed = placeAmong(await tx.children("checklist", before.idCard), input.pos, checklistId);
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
        return checklistId;
      },
      replay: () => checklistId,
    },
    { mutationId },
  );
}
