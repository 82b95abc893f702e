// Several of a card's custom field values at once (Trello's `PUT /1/cards/{id}/customFields`): all
// checked before any is written, one `updateCustomFieldItem` action per field as Trello records.
import type { CustomFieldItemInput } from "@tack/shared/custom-field-schemas";
import { invalid, notFound } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import type { Card, CustomFieldItem } from "@tack/shared/models";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { cardRef, customFieldRef } from "../refs.ts";
import { itemOf, itemValueFor, withItem } from "./custom-field-rules.ts";

export interface SetCustomFieldItemsArgs {
  readonly cardId: string;
  readonly items: ReadonlyArray<CustomFieldItemInput & { readonly idCustomField: string }>;
}

export const setCustomFieldItems = defineCommand({
  kind: "setCustomFieldItems",
  async run(tx, { cardId, items }: SetCustomFieldItemsArgs, { rec }): Promise<CustomFieldItem[]> {
    const card = await tx.get("card", cardId);
    if (!card) throw notFound("card");
    const seen = new Set<string>();
    let after: Card = { ...card, dateLastActivity: rec.now };
    const steps = [];
    for (const [index, input] of items.entries()) {
      const path = `customFieldItems.${index}.`;
      if (seen.has(input.idCustomField))
        throw invalid(`${path}idCustomField`, "names a field already set above");
      seen.add(input.idCustomField);
      const field = await tx.get("customField", input.idCustomField);
      if (!field) throw invalid(`${path}idCustomField`, "is not a custom field of this card's board");
      const next = itemValueFor(field, input, path);
      const before = itemOf(after, field.id);
      after = withItem(after, field, next, newId);
      const item = next === null ? { ...before, value: null, idValue: null } : itemOf(after, field.id);
      steps.push({ field, before, item });
    }
    await tx.put("card", after);
    // Every action carries the final card: applying the first already shows the whole write.
    for (const { field, before, item } of steps)
      await rec.record(
        "updateCustomFieldItem",
        {
          board: boardRef(tx.board()),
          card: cardRef(after),
          customField: customFieldRef(field),
          customFieldItem: item,
          old: { value: before.value, idValue: before.idValue },
        },
        { cards: [after] },
        { cardId },
      );
    return after.customFieldItems ?? [];
  },
  replay: (change) => change.models.cards![0]!.customFieldItems ?? [],
});
