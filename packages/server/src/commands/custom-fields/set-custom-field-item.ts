// A card's value of one custom field (Trello's `PUT /1/cards/{id}/customField/{idCustomField}/item`);
// an empty value clears it. Recorded as Trello's `updateCustomFieldItem`.

import type { CustomFieldItemInput } from "@tack/shared/custom-field-schemas";
import { notFound } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import type { CustomFieldItem } from "@tack/shared/models";
import { defineCommand } from "../command.ts";
import { boardRef } from "../mutate.ts";
import { cardRef, customFieldRef } from "../refs.ts";
import { itemOf, itemValueFor, withItem } from "./custom-field-rules.ts";

export interface SetCustomFieldItemArgs {
  readonly cardId: string;
  readonly fieldId: string;
  readonly input: CustomFieldItemInput;
}

export const setCustomFieldItem = defineCommand({
  kind: "setCustomFieldItem",
  async run(tx, { cardId, fieldId, input }: SetCustomFieldItemArgs, { rec }): Promise<CustomFieldItem> {
    const card = await tx.get("card", cardId);
    if (!card) throw notFound("card");
    const field = await tx.get("customField", fieldId);
    if (!field) throw notFound("custom field on this card's board");
    const next = itemValueFor(field, input);
    const before = itemOf(card, fieldId);
    const after = { ...withItem(card, field, next, newId), dateLastActivity: rec.now };
    await tx.put("card", after);
    const item = next === null ? { ...before, value: null, idValue: null } : itemOf(after, fieldId);
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
    return item;
  },
  replay: (change) => change.action.data.customFieldItem as CustomFieldItem,
});
