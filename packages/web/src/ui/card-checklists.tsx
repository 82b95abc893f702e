// Checklists with a progress bar; items can be checked, renamed, added, deleted, assigned, dated,
// dragged and converted to cards (check-item-row.tsx); checked items can be hidden per checklist.
// Item fields offer the board's members after `@` (a mention in an item notifies, as in a comment).
import type { Checklist } from "@tack/shared/models";
import { byPosition } from "@tack/shared/positions";
import { useState } from "preact/hooks";
import { canEditBoard } from "../model/board-access.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { addCheckItem, deleteChecklist, moveCheckItem } from "../model/checklist-edits.ts";
import { draggedItem, dropPosition, endItemDrag } from "./check-item-drag.ts";
import { CheckItemRow } from "./check-item-row.tsx";
import { MentionTextarea } from "./mention-textarea.tsx";

/** "Hide checked items" is kept per checklist in this browser, as Trello keeps it per person. */
const hiddenKey = (id: string) => `tack.hideChecked.${id}`;
function readHidden(id: string): boolean {
  try {
    return localStorage.getItem(hiddenKey(id)) === "1";
  } catch {
    return false;
  }
}
function storeHidden(id: string, hide: boolean): void {
  try {
    if (hide) localStorage.setItem(hiddenKey(id), "1");
    else localStorage.removeItem(hiddenKey(id));
  } catch {
    // Storage refused (private mode): the choice lasts while the dialog is open.
  }
}

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
  const [hideChecked, setHideChecked] = useState(() => readHidden(checklist.id));
  const canEdit = canEditBoard(cache);
  const items = [...checklist.checkItems].sort(byPosition);
  const shown = hideChecked ? items.filter((i) => i.state !== "complete") : items;
  const done = items.filter((i) => i.state === "complete").length;
  const percent = items.length === 0 ? 0 : Math.round((done / items.length) * 100);
  const titleId = `checklist-${checklist.id}`;
  const members = [...cache.members.value.values()];
  return (
    <section class="card-section checklist" aria-labelledby={titleId}>
      <div class="card-section-title">
        <h3 id={titleId}>{checklist.name}</h3>
        {(done > 0 || hideChecked) && (
          <button
            type="button"
            class="button"
            aria-pressed={hideChecked}
            onClick={() => {
              storeHidden(checklist.id, !hideChecked);
              setHideChecked(!hideChecked);
            }}
          >
            {hideChecked ? `Show checked items (${done})` : "Hide checked items"}
          </button>
        )}
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
      <ul
        class="check-items"
        aria-label={`Items of ${checklist.name}`}
        onDragOver={(e) => {
          if (draggedItem.value) e.preventDefault();
        }}
        onDrop={(e) => {
          // Below the last item, or into an empty checklist: the end of this checklist.
          const dragged = draggedItem.value;
          if (!dragged) return;
          e.preventDefault();
          endItemDrag();
          void moveCheckItem(
            cache,
            dragged.checklist,
            dragged.item,
            checklist,
            dropPosition(checklist, dragged.item, null, "after"),
          );
        }}
      >
        {shown.map((item) => (
          <CheckItemRow key={item.id} cache={cache} checklist={checklist} item={item} canEdit={canEdit} />
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
