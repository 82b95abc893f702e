// A new option of a list field (Trello's `POST /1/customFields/{id}/options`); Trello records
// option changes as updates of the field.
import { ErrorCode, invalid, notFound, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import { Limits } from "@tack/shared/limits";
import type { CustomField, CustomFieldOption } from "@tack/shared/models";
import type { PositionRequest } from "@tack/shared/positions";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { placeAmong } from "../placement.ts";
import { customFieldRef } from "../refs.ts";

export interface AddCustomFieldOptionArgs {
  readonly fieldId: string;
  readonly text: string;
  readonly color: string | null;
  readonly pos: PositionRequest;
}

export const addCustomFieldOption = defineCommand({
  kind: "addCustomFieldOption",
  async run(
    tx,
    { fieldId, text, color, pos }: AddCustomFieldOptionArgs,
    { rec },
  ): Promise<CustomFieldOption> {
    const before = await tx.get("customField", fieldId);
    if (!before) throw notFound("custom field");
    if (before.type !== "list")
      throw invalid(
        "idCustomField",
        `only list fields have options; "${before.name}" is a ${before.type} field`,
      );
    if (before.options.length >= Limits.optionsPerCustomField)
      throw new TackError(
        ErrorCode.limitExceeded,
        `A list field can have at most ${Limits.optionsPerCustomField} options: delete one first`,
      );
    const id = newId();
    const placed = placeAmong(before.options, pos, id);
    const option: CustomFieldOption = { id, idCustomField: fieldId, value: { text }, color, pos: placed.pos };
    const moved = new Map(placed.moved.map((o) => [o.id, o]));
    const after: CustomField = {
      ...before,
      options: [...before.options.map((o) => moved.get(o.id) ?? o), option],
    };
    await tx.put("customField", after);
    await rec.record(
      "updateCustomField",
      {
        board: boardRef(tx.board()),
        customField: customFieldRef(after),
        option: { id, value: { text }, color },
      },
      { customFields: [after] },
    );
    return option;
  },
  replay: (change) => change.models.customFields![0]!.options.at(-1)!,
});
