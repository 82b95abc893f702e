// Custom fields as Trello answers them: definitions (`GET /1/customFields/{id}`), options (Trello
// names an option's id `_id` on the option routes, `id` inside the field) and card items (a list
// field's item carries `idValue` and no `value`, the others `value` and no `idValue`).
import type { CustomField, CustomFieldItem, CustomFieldOption } from "@tack/shared/models";

/** Trello's colourless option is "none". */
const presentOptionInField = (o: CustomFieldOption) => ({
  id: o.id,
  idCustomField: o.idCustomField,
  value: { text: o.value.text },
  color: o.color ?? "none",
  pos: o.pos,
});

export const presentCustomFieldOption = (o: CustomFieldOption) => ({ _id: o.id, ...presentOptionInField(o) });

export const presentCustomField = (field: CustomField) => ({
  id: field.id,
  idModel: field.idModel,
  modelType: field.modelType,
  fieldGroup: field.id,
  display: { cardFront: field.display.cardFront },
  name: field.name,
  pos: field.pos,
  type: field.type,
  options: [...field.options].sort((a, b) => a.pos - b.pos).map(presentOptionInField),
  isSuggestedField: false,
});

export const presentCustomFieldItem = (item: CustomFieldItem) => ({
  id: item.id,
  ...(item.value !== null && { value: item.value }),
  ...(item.idValue !== null && { idValue: item.idValue }),
  idCustomField: item.idCustomField,
  idModel: item.idModel,
  modelType: item.modelType,
});
