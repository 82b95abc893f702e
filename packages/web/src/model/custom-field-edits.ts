// Edits of custom fields. A card's value is predicted on the card at once; definitions and options
// change what every card shows, so they are sent and shown when the change comes back (pushed live,
// or the board read afresh).
import type { Card, CustomField, CustomFieldItem } from "@tack/shared/models";
import * as api from "../api/custom-fields.ts";
import type { BoardCache } from "./board-cache.ts";
import { plainWrite } from "./board-edits.ts";
import { optimistic } from "./optimistic.ts";

export const createField = (cache: BoardCache, field: api.NewField) =>
  plainWrite(`add the field “${field.name}”`, () => api.createCustomField(cache.id, field));

export const renameField = (field: CustomField, name: string) =>
  plainWrite("rename the field", () => api.updateCustomField(field.id, { name }));

export const showOnCardFront = (field: CustomField, cardFront: boolean) =>
  plainWrite("change where the field shows", () => api.updateCustomField(field.id, { cardFront }));

export const deleteField = (field: CustomField) =>
  plainWrite(`delete the field “${field.name}”`, () => api.deleteCustomField(field.id));

export const addOption = (field: CustomField, text: string, color: string | null) =>
  plainWrite("add the option", () => api.addCustomFieldOption(field.id, text, color));

export const deleteOption = (field: CustomField, idOption: string) =>
  plainWrite("delete the option", () => api.deleteCustomFieldOption(field.id, idOption));

/** The stored item a body makes (null: the value is cleared), as the server stores it. */
function itemValue(body: api.ItemBody): Pick<CustomFieldItem, "value" | "idValue"> | null {
  if ("idValue" in body) return body.idValue ? { idValue: body.idValue, value: null } : null;
  if (body.value === "" || body.value.checked === "false") return null;
  return { value: body.value, idValue: null };
}

export function setFieldValue(cache: BoardCache, card: Card, field: CustomField, body: api.ItemBody) {
  const next = itemValue(body);
  const others = (card.customFieldItems ?? []).filter((i) => i.idCustomField !== field.id);
  const before = card.customFieldItems?.find((i) => i.idCustomField === field.id);
  const item: CustomFieldItem | null = next && {
    id: before?.id ?? `pending-${field.id}`,
    idCustomField: field.id,
    idModel: card.id,
    modelType: "card",
    ...next,
  };
  const predicted: Card = { ...card, customFieldItems: item ? [...others, item] : others };
  return optimistic(cache, `set “${field.name}”`, { cards: [predicted] }, () =>
    api.setCustomFieldItem(card.id, field.id, body),
  );
}
