// Deleting a custom field takes its value off every card that had one, in the same change.
import { notFound } from "@tack/shared/errors";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { customFieldRef } from "../refs.ts";
import { cardsWithout } from "./custom-field-rules.ts";

export interface DeleteCustomFieldArgs {
  readonly fieldId: string;
}

export const deleteCustomField = defineCommand({
  kind: "deleteCustomField",
  async run(tx, { fieldId }: DeleteCustomFieldArgs, { rec }): Promise<void> {
    const field = await tx.get("customField", fieldId);
    if (!field) throw notFound("custom field");
    const cards = cardsWithout(await tx.all("card"), (i) => i.idCustomField === fieldId);
    for (const card of cards) await tx.put("card", card);
    await tx.remove("customField", fieldId);
    await rec.record(
      "deleteCustomField",
      { board: boardRef(tx.board()), customField: customFieldRef(field) },
      { cards },
      { deleted: [{ kind: "customField", id: fieldId }] },
    );
  },
  replay: () => undefined,
});
