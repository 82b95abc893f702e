// Checklists and their items. Items live inside their checklist's document (at most 200), so
// checking an item is one write of one document.
import { ErrorCode, invalid, TackError } from "@tack/shared/errors";
import { newId, newIdOnBoard } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { CheckItem, Checklist } from "@tack/shared/models";
import type { PositionRequest } from "@tack/shared/positions";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { cardRef, checklistRef } from "../refs.ts";
import { cardOf } from "./checklist-rules.ts";

export interface CreateChecklistArgs {
  readonly input: {
    readonly idCard: string;
    readonly name?: string | undefined;
    readonly pos?: PositionRequest | undefined;
    readonly idChecklistSource?: string | undefined;
  };
}

export const createChecklist = defineCommand({
  kind: "createChecklist",
  async run(tx, { input }: CreateChecklistArgs, { boardId, rec }): Promise<Checklist> {
    const card = await cardOf(tx, input.idCard);
    const siblings = await tx.children("checklist", card.id);
    if (siblings.length >= Limits.checklistsPerCard) {
      throw new TackError(
        ErrorCode.limitExceeded,
        `A card can have at most ${Limits.checklistsPerCard} checklists`,
      );
    }
    const id = newIdOnBoard(tx.boardId);
    let items: CheckItem[] = [];
    if (input.idChecklistSource) {
      const source = await tx.get("checklist", input.idChecklistSource);
      if (!source) throw invalid("idChecklistSource", "no such checklist on this board");
      items = source.checkItems.map((item) => ({
        ...item,
        id: newId(),
        idChecklist: id,
        state: "incomplete",
      }));
    }
    const placed = placeAmong(siblings, input.pos ?? "bottom", id);
    for (const m of placed.moved) await tx.put("checklist", m);
    const checklist: Checklist = {
      id,
      idBoard: boardId,
      idCard: card.id,
      name: input.name || "Checklist",
      pos: placed.pos,
      checkItems: items,
    };
    await tx.put("checklist", checklist);
    await rec.record(
      "addChecklistToCard",
      { board: boardRef(tx.board()), card: cardRef(card), checklist: checklistRef(checklist) },
      { checklists: [...placed.moved, checklist] },
      { cardId: card.id },
    );
    return checklist;
  },
  replay: (change) => change.models.checklists!.at(-1)!,
});
