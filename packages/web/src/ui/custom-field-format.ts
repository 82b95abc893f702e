// How a card's custom field value reads, on the card front and in the dialog.
import type { CustomField, CustomFieldItem, CustomFieldOption } from "@tack/shared/models";

export interface ShownValue {
  text: string;
  /** A list option's colour (null: none). */
  option?: CustomFieldOption;
}

export function shownValue(field: CustomField, item: CustomFieldItem | undefined): ShownValue | null {
  if (!item) return null;
  if (field.type === "list") {
    const option = field.options.find((o) => o.id === item.idValue);
    return option ? { text: option.value.text, option } : null;
  }
  const value = item.value ?? {};
  switch (field.type) {
    case "checkbox":
      return value.checked === "true" ? { text: field.name } : null;
    case "date": {
      const date = new Date(String(value.date ?? ""));
      return Number.isNaN(date.getTime()) ? null : { text: date.toLocaleDateString() };
    }
    case "number":
      return value.number === undefined ? null : { text: String(value.number) };
    default:
      return value.text === undefined || value.text === "" ? null : { text: String(value.text) };
  }
}
