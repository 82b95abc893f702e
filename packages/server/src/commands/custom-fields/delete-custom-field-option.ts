// Deleting an option of a list field clears it on every card that had chosen it, in the same change.
import { notFound } from "@tack/shared/errors";
import type { CustomField } from "@tack/shared/models";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { customFieldRef } from "../refs.ts";
import { cardsWithout } from "./custom-field-rules.ts";

export interface DeleteCustomFieldOptionArgs {
  readonly fieldId: string;
  readonly optionId: string;
}

export const deleteCustomFieldOption = defineCommand({
  kind: "deleteCustomFieldOption",
  async run(tx, { fieldId, optionId }: DeleteCustomFieldOptionArgs, { rec }): Promise<void> {
    const before = await tx.get("customField", fieldId);
    if (!before) throw notFound("custom field");
    const option = before.options.find((o) => o.id === optionId);
    if (!option) throw notFound("option of this custom field");
    const after: CustomField = { ...before, options: before.options.filter((o) => o.id !== optionId) };
    const cards = cardsWithout(
      await tx.all("card"),
      (i) => i.idCustomField === fieldId && i.idValue === optionId,
    );
    for (const card of cards) await tx.put("card", card);
    await tx.put("customField", after);
    await rec.record(
      "updateCustomField",
      {
        board: boardRef(tx.board()),
        customField: customFieldRef(after),
        old: { option: { id: option.id, value: option.value, color: option.color } },
      },
      { customFields: [after], cards },
    );
  },
  replay: () => undefined,
});
