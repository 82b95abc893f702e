// A card's custom field values when it lands on another board: the values point at the source
// board's field definitions, so each is matched to the target board's field of the same name and
// type (a list field's option by its text); values with no match there are dropped.
import { newId } from "@tack/shared/ids";
import type { CustomField, CustomFieldItem } from "@tack/shared/models";

export function customFieldItemsOnTarget(
  items: readonly CustomFieldItem[],
  sourceFields: readonly CustomField[],
  targetFields: readonly CustomField[],
  idModel: string,
): CustomFieldItem[] {
  const sources = new Map(sourceFields.map((f) => [f.id, f]));
  const out: CustomFieldItem[] = [];
  for (const item of items) {
    const source = sources.get(item.idCustomField);
    if (!source) continue;
    const target = targetFields.find((f) => f.name === source.name && f.type === source.type);
    if (!target) continue;
    let idValue: string | null = null;
    if (item.idValue !== null) {
      const text = source.options.find((o) => o.id === item.idValue)?.value.text;
      idValue = target.options.find((o) => o.value.text === text)?.id ?? null;
      if (idValue === null) continue;
    }
    out.push({ ...item, id: newId(), idCustomField: target.id, idModel, idValue });
  }
  return out;
}
