// The card front's custom field badges: the values of the fields shown on the card front
// ("display.cardFront"), in the board's field order; a list option in its colour.
import type { Card, CustomField } from "@tack/shared/models";
import { labelCss } from "./colors.ts";
import { shownValue } from "./custom-field-format.ts";
import { Icon } from "./icons.tsx";

export function CustomFieldBadges({ fields, card }: { fields: CustomField[]; card: Card }) {
  if (!card.customFieldItems?.length) return null;
  const badges = fields.flatMap((field) => {
    if (!field.display.cardFront) return [];
    const shown = shownValue(
      field,
      card.customFieldItems?.find((i) => i.idCustomField === field.id),
    );
    return shown ? [{ field, shown }] : [];
  });
  if (badges.length === 0) return null;
  return (
    <span class="card-fields">
      {badges.map(({ field, shown }) =>
        field.type === "checkbox" ? (
          <span key={field.id} class="badge field-badge" title={`${field.name}: checked`}>
            <Icon name="checklist" size={12} /> {field.name}
          </span>
        ) : (
          <span
            key={field.id}
            class={`badge field-badge ${shown.option?.color ? "field-badge-colored" : ""}`}
            style={shown.option?.color ? { background: labelCss(shown.option.color) } : undefined}
            title={`${field.name}: ${shown.text}`}
          >
            <span class="field-badge-name">{field.name}:</span> {shown.text}
          </span>
        ),
      )}
    </span>
  );
}
