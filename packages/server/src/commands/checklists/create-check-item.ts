// Checklists and their items. Items live inside their checklist's document (at most 200), so
// checking an item is one write of one document.
import { ErrorCode, notFound, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { CheckItem, Checklist } from "@tack/shared/models";
import type { CreateCheckItemInput } from "@tack/shared/schemas";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { cardRef, checklistRef } from "../refs.ts";
import { cardOf, checkItemMember } from "./checklist-rules.ts";

export interface CreateCheckItemArgs {
  readonly checklistId: string;
  readonly input: CreateCheckItemInput;
}

export const createCheckItem = defineCommand({
  kind: "createCheckItem",
  async run(tx, { checklistId, input }: CreateCheckItemArgs, { rec }): Promise<CheckItem> {
    const checklist = await tx.get("checklist", checklistId);
    if (!checklist) throw notFound("checklist");
    if (checklist.checkItems.length >= Limits.checkItemsPerChecklist) {
      throw new TackError(
        ErrorCode.limitExceeded,
        `A checklist can have at most ${Limits.checkItemsPerChecklist} items`,
      );
    }
    const id = newId();
    const placed = placeAmong(checklist.checkItems, input.pos ?? "bottom", id);
    const positions = new Map(placed.moved.map((m) => [m.id, m.pos]));
    const item: CheckItem = {
      id,
      idChecklist: checklistId,
      name: input.name,
      pos: placed.pos,
      state: input.checked ? "complete" : "incomplete",
      due: input.due ?? null,
      dueReminder: input.dueReminder ?? null,
      idMember: await checkItemMember(tx, input.idMember ?? null),
    };
    const after: Checklist = {
      ...checklist,
      checkItems: [...checklist.checkItems.map((i) => ({ ...i, pos: positions.get(i.id) ?? i.pos })), item],
    };
    await tx.put("checklist", after);
    const card = await cardOf(tx, checklist.idCard);
    await rec.record(
      "createCheckItem",
      {
        board: boardRef(tx.board()),
        card: cardRef(card),
        checklist: checklistRef(checklist),
        checkItem: { id, name: item.name, state: item.state },
      },
      { checklists: [after] },
      { cardId: card.id },
    );
    return item;
  },
  replay: (change) => change.models.checklists![0]!.checkItems.at(-1)!,
});
