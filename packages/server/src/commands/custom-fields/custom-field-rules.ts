// Which value fits which custom field, and the shape Trello stores it in: strings inside `value`
// (`{"number":"42"}`, `{"date":"…Z"}`, `{"checked":"true"}`), a list field's choice as `idValue`.
// An empty value clears the card's item (Trello's `{"value":""}` / `{"idValue":""}`).
import type { CustomFieldItemInput } from "@tack/shared/custom-field-schemas";
import { invalid } from "@tack/shared/errors";
import type { Card, CustomField, CustomFieldItem } from "@tack/shared/models";

/** The stored value of an item, or null to clear the card's item. */
export type ItemValue = Pick<CustomFieldItem, "value" | "idValue"> | null;

const VALUE_KEY: Record<string, string> = {
  text: "text",
  number: "number",
  date: "date",
  checkbox: "checked",
};
const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

const example = (field: CustomField): string => {
  switch (field.type) {
    case "number":
      return '{"value":{"number":"42"}}';
    case "date":
      return '{"value":{"date":"2026-01-31T12:00:00.000Z"}}';
    case "checkbox":
      return '{"value":{"checked":"true"}}';
    case "list":
      return '{"idValue":"<an option id>"}';
    default:
      return '{"value":{"text":"some text"}}';
  }
};

export function itemValueFor(field: CustomField, input: CustomFieldItemInput, prefix = ""): ItemValue {
  const wrong = (key: string, why: string) =>
    invalid(`${prefix}${key}`, `${why}; the ${field.type} field "${field.name}" takes ${example(field)}`);
  const value = input.value && typeof input.value === "object" ? input.value : null;
  const keys = value ? Object.keys(value).filter((k) => value[k as keyof typeof value] !== undefined) : [];
  if (field.type === "list") {
    if (keys.length > 0) throw wrong("value", "a list field's value is one of its options");
    if (!input.idValue) return null;
    if (!field.options.some((o) => o.id === input.idValue))
      throw wrong("idValue", "is not an option of this field (GET /1/customFields/{id}/options lists them)");
    return { idValue: input.idValue, value: null };
  }
  if (input.idValue) throw wrong("idValue", "only list fields take idValue");
  if (!value || keys.length === 0) return null;
  const key = VALUE_KEY[field.type] ?? "text";
  if (keys.length > 1 || keys[0] !== key) throw wrong("value", `must hold "${key}" only`);
  const raw = value[key as keyof typeof value]!;
  switch (field.type) {
    case "number": {
      const text = String(raw).trim();
      if (!NUMBER.test(text) || !Number.isFinite(Number(text)))
        throw wrong("value.number", "must be a number");
      return { value: { number: text }, idValue: null };
    }
    case "date": {
      const date = new Date(raw as string | number);
      if (raw === "" || Number.isNaN(date.getTime())) throw wrong("value.date", "must be a date (ISO 8601)");
      return { value: { date: date.toISOString() }, idValue: null };
    }
    case "checkbox": {
      if (raw === true || raw === "true") return { value: { checked: "true" }, idValue: null };
      if (raw === false || raw === "false") return null; // unchecked is no value, as Trello shows it
      throw wrong("value.checked", 'must be "true" or "false"');
    }
    default: {
      if (typeof raw !== "string") throw wrong("value.text", "must be text");
      return raw === "" ? null : { value: { text: raw }, idValue: null };
    }
  }
}

/** The card with the field's item set to `next` (a new item id when it had none), or removed. */
export function withItem(card: Card, field: CustomField, next: ItemValue, newItemId: () => string): Card {
  const items = card.customFieldItems ?? [];
  const before = items.find((i) => i.idCustomField === field.id);
  const rest = items.filter((i) => i.idCustomField !== field.id);
  if (next === null) return { ...card, customFieldItems: rest };
  const item: CustomFieldItem = {
    id: before?.id ?? newItemId(),
    idCustomField: field.id,
    idModel: card.id,
    modelType: "card",
    ...next,
  };
  return { ...card, customFieldItems: [...rest, item] };
}

/** The card's item of a field, or the empty item Trello answers after clearing. */
export function itemOf(card: Card, fieldId: string): CustomFieldItem {
  return (
    card.customFieldItems?.find((i) => i.idCustomField === fieldId) ?? {
      id: "",
      idCustomField: fieldId,
      idModel: card.id,
      modelType: "card",
      idValue: null,
      value: null,
    }
  );
}

/** Cards that hold an item matching `drop`, with those items taken off (a field or option deleted). */
export function cardsWithout(cards: readonly Card[], drop: (item: CustomFieldItem) => boolean): Card[] {
  return cards
    .filter((c) => c.customFieldItems?.some(drop))
    .map((c) => ({ ...c, customFieldItems: c.customFieldItems!.filter((i) => !drop(i)) }));
}
