// The board menu's custom fields: create a field (name, type, a list's options with colours, shown
// on the card front or not), rename it, switch the card front on or off, add and delete options,
// delete the field (its values go from every card). Loaded when the tab is first chosen.
import { CUSTOM_FIELD_TYPES, type CustomField, type CustomFieldType } from "@tack/shared/models";
import { useState } from "preact/hooks";
import { canEditBoard } from "../model/board-access.ts";
import type { BoardCache } from "../model/board-cache.ts";
import {
  addOption,
  createField,
  deleteField,
  deleteOption,
  renameField,
  showOnCardFront,
} from "../model/custom-field-edits.ts";
import { BASE_LABEL_COLORS, labelCss } from "./colors.ts";

const TYPE_NAMES: Record<CustomFieldType, string> = {
  text: "Text",
  number: "Number",
  date: "Date",
  checkbox: "Checkbox",
  list: "Dropdown list",
};

interface DraftOption {
  text: string;
  color: string | null;
}

export function CustomFieldsPanel({ cache }: { cache: BoardCache }) {
  const editable = canEditBoard(cache);
  const fields = cache.customFields.value;
  return (
    <div class="custom-fields-panel">
      {fields.length === 0 && <p class="muted">No custom fields yet.</p>}
      <ul class="field-rows">
        {fields.map((f) => (
          <FieldRow key={f.id} field={f} editable={editable} />
        ))}
      </ul>
      {editable && <NewFieldForm cache={cache} />}
    </div>
  );
}

function NewFieldForm({ cache }: { cache: BoardCache }) {
  const [name, setName] = useState("");
  const [type, setType] = useState<CustomFieldType>("text");
  const [cardFront, setCardFront] = useState(true);
  const [options, setOptions] = useState<DraftOption[]>([]);
  const [option, setOption] = useState<DraftOption>({ text: "", color: null });
  const addDraftOption = () => {
    if (!option.text.trim()) return;
    setOptions([...options, { ...option, text: option.text.trim() }]);
    setOption({ text: "", color: null });
  };
  return (
    <form
      class="field-form"
      aria-label="New custom field"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!name.trim()) return;
        const pending = option.text.trim() ? [...options, { ...option, text: option.text.trim() }] : options;
        if (await createField(cache, { name: name.trim(), type, options: pending, cardFront })) {
          setName("");
          setOptions([]);
          setOption({ text: "", color: null });
        }
      }}
    >
      <h3>New field</h3>
      <label>
        Field name
        <input value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
      </label>
      <label>
        Type
        <select
          value={type}
          onChange={(e) => setType((e.currentTarget as HTMLSelectElement).value as CustomFieldType)}
        >
          {CUSTOM_FIELD_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_NAMES[t]}
            </option>
          ))}
        </select>
      </label>
      {type === "list" && (
        <fieldset class="field-options">
          <legend>Options</legend>
          <ul class="option-rows">
            {options.map((o, i) => (
              <li key={`${o.text}-${i}`} class="option-row">
                <OptionChip text={o.text} color={o.color} />
                <button
                  type="button"
                  class="button"
                  aria-label={`Remove option ${o.text}`}
                  onClick={() => setOptions(options.filter((_, j) => j !== i))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <OptionInputs value={option} onChange={setOption} onAdd={addDraftOption} />
        </fieldset>
      )}
      <label class="check-row">
        <input
          type="checkbox"
          checked={cardFront}
          onChange={(e) => setCardFront((e.currentTarget as HTMLInputElement).checked)}
        />
        Show on card front
      </label>
      <button type="submit" class="button button-primary">
        Create field
      </button>
    </form>
  );
}

function OptionInputs(props: { value: DraftOption; onChange: (o: DraftOption) => void; onAdd: () => void }) {
  const { value, onChange, onAdd } = props;
  return (
    <div class="option-inputs">
      <label>
        Option
        <input
          value={value.text}
          onInput={(e) => onChange({ ...value, text: (e.currentTarget as HTMLInputElement).value })}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              onAdd();
            }
          }}
        />
      </label>
      <fieldset class="swatches">
        <legend>Option colour</legend>
        <button
          type="button"
          class={`swatch swatch-small swatch-none ${value.color === null ? "is-selected" : ""}`}
          aria-label="No colour"
          aria-pressed={value.color === null}
          onClick={() => onChange({ ...value, color: null })}
        />
        {BASE_LABEL_COLORS.map((c) => (
          <button
            type="button"
            key={c}
            class={`swatch swatch-small ${value.color === c ? "is-selected" : ""}`}
            style={{ background: labelCss(c) }}
            aria-label={`Option colour ${c}`}
            aria-pressed={value.color === c}
            onClick={() => onChange({ ...value, color: c })}
          />
        ))}
      </fieldset>
      <button type="button" class="button" onClick={onAdd}>
        Add option
      </button>
    </div>
  );
}

function OptionChip({ text, color }: { text: string; color: string | null }) {
  return (
    <span
      class="label-chip label-chip-wide"
      style={{ background: color ? labelCss(color) : "var(--surface-sunken, #dfe1e6)" }}
    >
      {text}
    </span>
  );
}

function FieldRow({ field, editable }: { field: CustomField; editable: boolean }) {
  const [name, setName] = useState(field.name);
  const [open, setOpen] = useState(false);
  const [option, setOption] = useState<DraftOption>({ text: "", color: null });
  return (
    <li class="field-row">
      <div class="field-row-head">
        <strong>{field.name}</strong>{" "}
        <span class="muted">{TYPE_NAMES[field.type as CustomFieldType] ?? field.type}</span>
        {editable && (
          <button
            type="button"
            class="button"
            aria-expanded={open}
            aria-label={`Edit field ${field.name}`}
            onClick={() => setOpen(!open)}
          >
            {open ? "Done" : "Edit"}
          </button>
        )}
      </div>
      {!open && field.type === "list" && (
        <div class="option-chips">
          {[...field.options]
            .sort((a, b) => a.pos - b.pos)
            .map((o) => (
              <OptionChip key={o.id} text={o.value.text} color={o.color} />
            ))}
        </div>
      )}
      {open && (
        <div class="field-edit">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim() && name.trim() !== field.name) void renameField(field, name.trim());
            }}
          >
            <label>
              Name
              <input value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} />
            </label>
            <button type="submit" class="button">
              Rename
            </button>
          </form>
          <label class="check-row">
            <input
              type="checkbox"
              checked={field.display.cardFront}
              onChange={(e) => void showOnCardFront(field, (e.currentTarget as HTMLInputElement).checked)}
            />
            Show on card front
          </label>
          {field.type === "list" && (
            <fieldset class="field-options">
              <legend>Options</legend>
              <ul class="option-rows">
                {[...field.options]
                  .sort((a, b) => a.pos - b.pos)
                  .map((o) => (
                    <li key={o.id} class="option-row">
                      <OptionChip text={o.value.text} color={o.color} />
                      <button
                        type="button"
                        class="button"
                        aria-label={`Delete option ${o.value.text}`}
                        onClick={() => void deleteOption(field, o.id)}
                      >
                        Delete
                      </button>
                    </li>
                  ))}
              </ul>
              <OptionInputs
                value={option}
                onChange={setOption}
                onAdd={() => {
                  if (!option.text.trim()) return;
                  void addOption(field, option.text.trim(), option.color);
                  setOption({ text: "", color: null });
                }}
              />
            </fieldset>
          )}
          <button
            type="button"
            class="button side-button-danger"
            onClick={() => {
              if (!confirm(`Delete the field “${field.name}”? Its value goes from every card.`)) return;
              void deleteField(field);
            }}
          >
            Delete field
          </button>
        </div>
      )}
    </li>
  );
}
