// The card dialog's custom fields: one input per board field, by type (text, number, date, a
// checkbox, a list's options). Loaded only on boards that have fields (lazy, from card-dialog.tsx).
// A text being typed is saved on change (blur or Enter), never replaced by a live update meanwhile.
import type { Card, CustomField } from "@tack/shared/models";
import { useEffect, useState } from "preact/hooks";
import type { ItemBody } from "../api/custom-fields.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { setFieldValue } from "../model/custom-field-edits.ts";

interface Props {
  cache: BoardCache;
  card: Card;
  editable: boolean;
}

export function CardCustomFields({ cache, card, editable }: Props) {
  const fields = cache.customFields.value;
  if (fields.length === 0) return null;
  const save = (field: CustomField, body: ItemBody) => void setFieldValue(cache, card, field, body);
  return (
    <section class="card-section card-fields-section" aria-labelledby="card-fields-title">
      <h3 id="card-fields-title">Custom fields</h3>
      <div class="card-fields-grid">
        {fields.map((field) => (
          <FieldInput
            key={field.id}
            field={field}
            value={card.customFieldItems?.find((i) => i.idCustomField === field.id)}
            disabled={!editable}
            onSave={(body) => save(field, body)}
          />
        ))}
      </div>
    </section>
  );
}

function FieldInput(props: {
  field: CustomField;
  value: Card["customFieldItems"] extends Array<infer I> | undefined ? I | undefined : never;
  disabled: boolean;
  onSave: (body: ItemBody) => void;
}) {
  const { field, value, disabled, onSave } = props;
  const label = `Custom field ${field.name}`;
  if (field.type === "checkbox")
    return (
      <label class="check-row card-field">
        <input
          type="checkbox"
          aria-label={label}
          checked={value?.value?.checked === "true"}
          disabled={disabled}
          onChange={(e) =>
            onSave({ value: { checked: String((e.currentTarget as HTMLInputElement).checked) } })
          }
        />
        {field.name}
      </label>
    );
  if (field.type === "list")
    return (
      <label class="card-field">
        {field.name}
        <select
          aria-label={label}
          value={value?.idValue ?? ""}
          disabled={disabled}
          onChange={(e) => onSave({ idValue: (e.currentTarget as HTMLSelectElement).value })}
        >
          <option value="">—</option>
          {[...field.options]
            .sort((a, b) => a.pos - b.pos)
            .map((o) => (
              <option key={o.id} value={o.id}>
                {o.value.text}
              </option>
            ))}
        </select>
      </label>
    );
  const stored = value?.value ?? {};
  const shown =
    field.type === "date"
      ? typeof stored.date === "string"
        ? localDay(stored.date)
        : ""
      : String((field.type === "number" ? stored.number : stored.text) ?? "");
  return (
    <div class="card-field">
      <span aria-hidden="true">{field.name}</span>
      <DraftInput
        type={field.type === "number" ? "number" : field.type === "date" ? "date" : "text"}
        label={label}
        value={shown}
        disabled={disabled}
        onCommit={(text) => {
          if (text === shown) return;
          if (text === "") return onSave({ value: "" });
          if (field.type === "date")
            return onSave({ value: { date: new Date(`${text}T12:00:00`).toISOString() } });
          onSave({ value: { [field.type === "number" ? "number" : "text"]: text } });
        }}
      />
    </div>
  );
}

/** The day of an ISO date in the person's time zone, as a date input shows it (YYYY-MM-DD). */
function localDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** An input that keeps its own draft while focused; a pushed value replaces it only when not editing. */
function DraftInput(props: {
  type: "text" | "number" | "date";
  label: string;
  value: string;
  disabled: boolean;
  onCommit: (text: string) => void;
}) {
  const [draft, setDraft] = useState(props.value);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setDraft(props.value);
  }, [props.value, editing]);
  return (
    <input
      // One input element for three kinds: Preact's types want each literal type on its own.
      type={props.type as "text"}
      aria-label={props.label}
      value={draft}
      disabled={props.disabled}
      onFocus={() => setEditing(true)}
      onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
      onBlur={() => setEditing(false)}
      onChange={(e) => props.onCommit((e.currentTarget as HTMLInputElement).value.trim())}
      onKeyDown={(e) => {
        if (e.key === "Enter") (e.currentTarget as HTMLInputElement).blur();
      }}
    />
  );
}
