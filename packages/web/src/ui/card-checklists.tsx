// Checklists with a progress bar; items can be checked, renamed, added and deleted. Item fields
// offer the board's members after `@` (a mention in an item notifies, as in a comment).
import type { Checklist } from "@tack/shared/models";
import { byPosition } from "@tack/shared/positions";
import { useState } from "preact/hooks";
import type { BoardCache } from "../model/board-cache.ts";
import {
  addCheckItem,
  deleteCheckItem,
  deleteChecklist,
  renameCheckItem,
  toggleCheckItem,
} from "../model/checklist-edits.ts";
import { InlineEdit } from "./inline-edit.tsx";
import { MentionTextarea } from "./mention-textarea.tsx";

export function CardChecklists({ cache, idCard }: { cache: BoardCache; idCard: string }) {
  const checklists = cache.checklistsOf(idCard).value;
  return (
    <>
      {checklists.map((c) => (
        <ChecklistView key={c.id} cache={cache} checklist={c} />
      ))}
    </>
  );
}

function ChecklistView({ cache, checklist }: { cache: BoardCache; checklist: Checklist }) {
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState("");
  const items = [...checklist.checkItems].sort(byPosition);
  const done = items.filter((i) => i.state === "complete").length;
  const percent = items.length === 0 ? 0 : Math.round((done / items.length) * 100);
  const titleId = `checklist-${checklist.id}`;
  const members = [...cache.members.value.values()];
  return (
    <section class="card-section checklist" aria-labelledby={titleId}>
      <div class="card-section-title">
        <h3 id={titleId}>{checklist.name}</h3>
        <button
          type="button"
          class="button"
          onClick={() =>
            confirm(`Delete the checklist “${checklist.name}”?`) && void deleteChecklist(checklist.id)
          }
        >
          Delete
        </button>
      </div>
      <div
        class="progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={`${checklist.name} progress`}
      >
        <span class="progress-text">{percent}%</span>
        <span class="progress-track">
          <span
            class={`progress-bar ${percent === 100 ? "is-complete" : ""}`}
            style={{ width: `${percent}%` }}
          />
        </span>
      </div>
      <ul class="check-items">
        {items.map((item) => (
          <li key={item.id} class={`check-item ${item.state === "complete" ? "is-complete" : ""}`}>
            <input
              type="checkbox"
              aria-label={`Complete ${item.name}`}
              checked={item.state === "complete"}
              onChange={() => void toggleCheckItem(cache, checklist, item)}
            />
            <InlineEdit
              value={item.name}
              label="Item"
              mentions={members}
              onSave={(text) => void renameCheckItem(cache, checklist, item, text)}
            />
            <button
              type="button"
              class="icon-button"
              aria-label={`Delete item ${item.name}`}
              onClick={() => void deleteCheckItem(checklist, item)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {adding ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const text = name.trim();
            if (!text) return;
            setName("");
            void addCheckItem(cache, checklist, text);
          }}
        >
          <MentionTextarea
            single
            aria-label="Add an item"
            placeholder="Add an item (@ to mention)"
            value={name}
            autoFocus
            members={members}
            onValue={setName}
            onKeyDown={(e) => {
              if (e.key !== "Escape") return;
              e.stopPropagation();
              setAdding(false);
            }}
          />
          <div class="form-actions">
            <button type="submit" class="button button-primary">
              Add
            </button>
            <button type="button" class="button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <button type="button" class="button" onClick={() => setAdding(true)}>
          Add an item
        </button>
      )}
    </section>
  );
}
