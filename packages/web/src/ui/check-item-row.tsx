// One check item: checkbox, name, its assignee (avatar) and due date (a chip), a menu to assign,
// date, convert to a card or delete it, and dragging to reorder (check-item-drag.ts).
import type { CheckItem, Checklist } from "@tack/shared/models";
import { useState } from "preact/hooks";
import type { BoardCache } from "../model/board-cache.ts";
import {
  convertCheckItem,
  deleteCheckItem,
  moveCheckItem,
  renameCheckItem,
  toggleCheckItem,
  updateCheckItemFields,
} from "../model/checklist-edits.ts";
import { Avatar } from "./avatar.tsx";
import { draggedItem, dropPosition, edgeOf, endItemDrag, itemDropHint } from "./check-item-drag.ts";
import { dueState, formatDate } from "./due-badge.tsx";
import { Icon } from "./icons.tsx";
import { InlineEdit } from "./inline-edit.tsx";

interface Props {
  cache: BoardCache;
  checklist: Checklist;
  item: CheckItem;
  canEdit: boolean;
}

const dateInput = (iso: string | null): string => {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
/** A day picked for an item is due at the end of that day, where the person is. */
const endOfDay = (day: string): string | null => (day ? new Date(`${day}T23:59:00`).toISOString() : null);

export function CheckItemRow({ cache, checklist, item, canEdit }: Props) {
  const [menu, setMenu] = useState<null | "main" | "assign" | "due">(null);
  const assignee = item.idMember ? cache.members.value.get(item.idMember) : undefined;
  const complete = item.state === "complete";
  const hint = itemDropHint.value?.id === item.id ? itemDropHint.value.edge : null;
  const close = () => setMenu(null);
  return (
    <li
      class={`check-item ${complete ? "is-complete" : ""} ${hint ? `drop-${hint}` : ""}`}
      data-item-id={item.id}
      draggable={canEdit && menu === null}
      onDragStart={(e) => {
        draggedItem.value = { checklist, item };
        e.dataTransfer?.setData("text/plain", item.name);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = "move";
      }}
      onDragEnd={endItemDrag}
      onDragOver={(e) => {
        if (!draggedItem.value || draggedItem.value.item.id === item.id) return;
        e.preventDefault();
        e.stopPropagation();
        itemDropHint.value = { id: item.id, edge: edgeOf(e) };
      }}
      onDrop={(e) => {
        const dragged = draggedItem.value;
        if (!dragged || dragged.item.id === item.id) return;
        e.preventDefault();
        e.stopPropagation();
        const pos = dropPosition(checklist, dragged.item, item, edgeOf(e));
        endItemDrag();
        void moveCheckItem(cache, dragged.checklist, dragged.item, checklist, pos);
      }}
    >
      <input
        type="checkbox"
        aria-label={`Complete ${item.name}`}
        checked={complete}
        disabled={!canEdit}
        onChange={() => void toggleCheckItem(cache, checklist, item)}
      />
      <InlineEdit
        value={item.name}
        label="Item"
        mentions={[...cache.members.value.values()]}
        onSave={(text) => void renameCheckItem(cache, checklist, item, text)}
      />
      {item.due && (
        <button
          type="button"
          class={`badge check-item-due due-${dueState(item.due, complete)}`}
          aria-label={`Due ${formatDate(item.due)}: change the due date of ${item.name}`}
          disabled={!canEdit}
          onClick={() => setMenu("due")}
        >
          <Icon name="clock" size={12} /> {formatDate(item.due)}
        </button>
      )}
      {assignee && (
        <button
          type="button"
          class="check-item-assignee"
          aria-label={`Assigned to ${assignee.fullName}: change who ${item.name} is assigned to`}
          disabled={!canEdit}
          onClick={() => setMenu("assign")}
        >
          <Avatar member={assignee} size="sm" />
        </button>
      )}
      {canEdit && (
        <button
          type="button"
          class="icon-button"
          aria-label={`Item actions for ${item.name}`}
          aria-expanded={menu !== null}
          onClick={() => setMenu(menu ? null : "main")}
        >
          <Icon name="dots" />
        </button>
      )}
      {menu && (
        <div class="check-item-menu popover" role="dialog" aria-label={`Item ${item.name}`}>
          {menu === "main" && (
            <div class="menu-list">
              <button type="button" class="menu-item" onClick={() => setMenu("assign")}>
                Assign
              </button>
              <button type="button" class="menu-item" onClick={() => setMenu("due")}>
                Due date
              </button>
              <button
                type="button"
                class="menu-item"
                onClick={() => {
                  close();
                  void convertCheckItem(checklist, item);
                }}
              >
                Convert to card
              </button>
              <button
                type="button"
                class="menu-item"
                onClick={() => {
                  close();
                  void deleteCheckItem(checklist, item);
                }}
              >
                Delete
              </button>
            </div>
          )}
          {menu === "assign" && (
            <fieldset class="menu-list" aria-label="Assign to">
              {cache.memberships.value.map((m, i) => {
                const member = cache.members.value.get(m.idMember);
                return (
                  <button
                    key={m.id}
                    type="button"
                    class={`menu-item check-row ${item.idMember === m.idMember ? "is-selected" : ""}`}
                    aria-pressed={item.idMember === m.idMember}
                    autoFocus={i === 0}
                    onClick={() => {
                      close();
                      const idMember = item.idMember === m.idMember ? null : m.idMember;
                      void updateCheckItemFields(cache, checklist, item, { idMember });
                    }}
                  >
                    <Avatar member={member} size="sm" /> {member?.fullName ?? m.idMember}
                  </button>
                );
              })}
              {item.idMember && (
                <button
                  type="button"
                  class="menu-item"
                  onClick={() => {
                    close();
                    void updateCheckItemFields(cache, checklist, item, { idMember: null });
                  }}
                >
                  Remove assignee
                </button>
              )}
            </fieldset>
          )}
          {menu === "due" && (
            <form
              class="menu-list"
              onSubmit={(e) => {
                e.preventDefault();
                const day = new FormData(e.currentTarget).get("due");
                close();
                void updateCheckItemFields(cache, checklist, item, { due: endOfDay(String(day ?? "")) });
              }}
            >
              <label>
                Due date
                <input type="date" name="due" defaultValue={dateInput(item.due)} autoFocus />
              </label>
              <div class="form-actions">
                <button type="submit" class="button button-primary">
                  Save
                </button>
                {item.due && (
                  <button
                    type="button"
                    class="button"
                    onClick={() => {
                      close();
                      void updateCheckItemFields(cache, checklist, item, { due: null });
                    }}
                  >
                    Remove
                  </button>
                )}
              </div>
            </form>
          )}
          <button type="button" class="link-button" onClick={close}>
            Close
          </button>
        </div>
      )}
    </li>
  );
}
