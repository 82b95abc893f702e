// Checklists and their items. Items live inside their checklist's document (at most 200), so
// checking an item is one write of one document; moving it to another checklist of the same card
// (a drag in the card dialog) writes both documents in one transaction.
import { ErrorCode, invalid, notFound, TackError } from "@tack/shared/errors";
import { Limits } from "@tack/shared/limits";
import type { CheckItem, Checklist } from "@tack/shared/models";
import type { UpdateCheckItemInput } from "@tack/shared/schemas";
import type { BoardTx } from "../../store/store.ts";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { cardRef, checklistRef } from "../refs.ts";
import { cardOf, checkItemMember } from "./checklist-rules.ts";

export interface UpdateCheckItemArgs {
  readonly checklistId: string;
  readonly itemId: string;
  readonly input: UpdateCheckItemInput;
}

/** The checklist the item goes to: its own, or another checklist of the same card. */
async function destination(
  tx: BoardTx,
  from: Checklist,
  idChecklist: string | undefined,
): Promise<Checklist> {
  if (idChecklist === undefined || idChecklist === from.id) return from;
  const to = await tx.get("checklist", idChecklist);
  if (!to || to.idCard !== from.idCard)
    throw invalid(
      "idChecklist",
      "no such checklist on this card: an item moves only between the card's checklists",
    );
  if (to.checkItems.length >= Limits.checkItemsPerChecklist) {
    throw new TackError(
      ErrorCode.limitExceeded,
      `A checklist can have at most ${Limits.checkItemsPerChecklist} items`,
    );
  }
  return to;
}

export const updateCheckItem = defineCommand({
  kind: "updateCheckItem",
  async run(tx, { checklistId, itemId, input }: UpdateCheckItemArgs, { rec }): Promise<CheckItem> {
    const checklist = await tx.get("checklist", checklistId);
    const before = checklist?.checkItems.find((i) => i.id === itemId);
    if (!checklist || !before) throw notFound("check item");
    const target = await destination(tx, checklist, input.idChecklist);
    const moving = target.id !== checklist.id;
    if (input.idMember !== undefined) await checkItemMember(tx, input.idMember);
    const siblings = moving ? target.checkItems : checklist.checkItems;
    let positions = new Map<string, number>();
    let pos = before.pos;
    if (input.pos !== undefined || moving) {
      const placed = placeAmong(siblings, input.pos ?? "bottom", itemId);
      positions = new Map(placed.moved.map((m) => [m.id, m.pos]));
      pos = placed.pos;
    }
    const item: CheckItem = {
      ...before,
      ...(input.name !== undefined && { name: input.name }),
      ...(input.state !== undefined && { state: input.state }),
      ...(input.due !== undefined && { due: input.due }),
      ...(input.dueReminder !== undefined && { dueReminder: input.dueReminder }),
      ...(input.idMember !== undefined && { idMember: input.idMember }),
      idChecklist: target.id,
      pos,
    };
    const repositioned = (items: CheckItem[]) =>
      items.map((i) => ({ ...i, pos: positions.get(i.id) ?? i.pos }));
    const written: Checklist[] = moving
      ? [
          { ...checklist, checkItems: checklist.checkItems.filter((i) => i.id !== itemId) },
          { ...target, checkItems: [...repositioned(target.checkItems), item] },
        ]
      : [
          {
            ...checklist,
            checkItems: repositioned(checklist.checkItems).map((i) => (i.id === itemId ? item : i)),
          },
        ];
    for (const doc of written) await tx.put("checklist", doc);
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
        checklist: checklistRef(target),
        checkItem: { id: item.id, name: item.name, state: item.state },
        old: {
          name: before.name,
          state: before.state,
          pos: before.pos,
          ...(moving && { idChecklist: checklist.id }),
        },
        ...(moving && { checklistBefore: checklistRef(checklist), checklistAfter: checklistRef(target) }),
      },
      { checklists: written },
      { cardId: card.id },
    );
    return item;
  },
  replay: (change, { itemId }) =>
    change.models.checklists!.flatMap((c) => c.checkItems).find((i) => i.id === itemId)!,
});
