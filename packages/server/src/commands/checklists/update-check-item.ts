// Checklists and their items. Items live inside their checklist's document (at most 200), so
// checking an item is one write of one document.
import { invalid, notFound } from "@tack/shared/errors";
import type { CheckItem, Checklist } from "@tack/shared/models";
import type { UpdateCheckItemInput } from "@tack/shared/schemas";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { cardRef, checklistRef } from "../refs.ts";
import { cardOf } from "./checklist-rules.ts";

export interface UpdateCheckItemArgs {
  readonly checklistId: string;
  readonly itemId: string;
  readonly input: UpdateCheckItemInput;
}

export const updateCheckItem = defineCommand({
  kind: "updateCheckItem",
  async run(tx, { checklistId, itemId, input }: UpdateCheckItemArgs, { rec }): Promise<CheckItem> {
    const checklist = await tx.get("checklist", checklistId);
    const before = checklist?.checkItems.find((i) => i.id === itemId);
    if (!checklist || !before) throw notFound("check item");
    if (input.idChecklist !== undefined && input.idChecklist !== checklistId) {
      throw invalid(
        "idChecklist",
        "moving items between checklists is not supported: add it to the other checklist",
      );
    }
    if (input.idMember) {
      const members = new Set((await tx.memberships()).map((m) => m.idMember));
      if (!members.has(input.idMember)) throw invalid("idMember", "not a member of this board");
    }
    let positions = new Map<string, number>();
    let pos = before.pos;
    if (input.pos !== undefined) {
      const placed = placeAmong(checklist.checkItems, input.pos, itemId);
      positions = new Map(placed.moved.map((m) => [m.id, m.pos]));
      pos = placed.pos;
    }
    const item: CheckItem = {
      ...before,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.state !== undefined && { state: input.state }),
      ...(input.due !== undefined && { due: input.due }),
      ...(input.idMember !== undefined && { idMember: input.idMember }),
      pos,
    };
    const after: Checklist = {
      ...checklist,
      checkItems: checklist.checkItems.map((i) =>
        i.id === itemId ? item : { ...i, pos: positions.get(i.id) ?? i.pos },
      ),
    };
    await tx.put("checklist", after);
    const card = await cardOf(tx, checklist.idCard);
    const type =
      input.state !== undefined && input.state !== before.state
        ? "updateCheckItemStateOnCard"
        : "updateCheckItem";
    await rec.record(
      type,
      {
        board: boardRef(tx.board()),
        card: cardRef(card),
        checklist: checklistRef(checklist),
        checkItem: { id: item.id, name: item.name, state: item.state },
        old: { name: before.name, state: before.state, pos: before.pos },
      },
      { checklists: [after] },
      { cardId: card.id },
    );
    return item;
  },
  replay: (change, { itemId }) => change.models.checklists![0]!.checkItems.find((i) => i.id === itemId)!,
});
