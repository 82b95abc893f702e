// A new custom field on a board (Trello's `POST /1/customFields`), list fields with their options.
import { ErrorCode, invalid, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { CustomField, CustomFieldType } from "@tack/shared/models";
import { POSITION_GAP, type PositionRequest } from "@tack/shared/positions";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { customFieldRef } from "../refs.ts";

export interface NewOption {
  readonly text: string;
  readonly color: string | null;
}

export interface CreateCustomFieldArgs {
  readonly name: string;
  readonly type: CustomFieldType;
  readonly options: readonly NewOption[];
  readonly pos: PositionRequest;
  readonly cardFront: boolean;
}

export const createCustomField = defineCommand({
  kind: "createCustomField",
  async run(tx, args: CreateCustomFieldArgs, { boardId, rec }): Promise<CustomField> {
    if (args.options.length > 0 && args.type !== "list")
      throw invalid("options", `only list fields have options; this is a ${args.type} field`);
    const siblings = await tx.all("customField");
    if (siblings.length >= Limits.customFieldsPerBoard)
      throw new TackError(
        ErrorCode.limitExceeded,
        `A board can have at most ${Limits.customFieldsPerBoard} custom fields: delete one first`,
      );
    const id = newId();
    const { pos, moved } = placeAmong(siblings, args.pos, id);
    const field: CustomField = {
      id,
      idModel: boardId,
      modelType: "board",
      name: args.name,
      type: args.type,
      pos,
      options: args.options.map((o, i) => ({
        id: newId(),
        idCustomField: id,
        value: { text: o.text },
        color: o.color,
        pos: POSITION_GAP * (i + 1),
      })),
      display: { cardFront: args.cardFront },
    };
    for (const m of moved) await tx.put("customField", m);
    await tx.put("customField", field);
    await rec.record(
      "createCustomField",
      { board: boardRef(tx.board()), customField: customFieldRef(field) },
      { customFields: [field, ...moved] },
    );
    return field;
  },
  replay: (change) => change.models.customFields![0]!,
});
