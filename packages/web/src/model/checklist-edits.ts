// Edits to checklists and their items.
import { newId } from "@tack/shared/ids";
import type { CheckItem, Checklist } from "@tack/shared/models";
import * as api from "../api/trello.ts";
import type { BoardCache } from "./board-cache.ts";
import { plainWrite } from "./board-edits.ts";
import { optimistic } from "./optimistic.ts";

export function createChecklist(cache: BoardCache, idCard: string, name: string) {
  const last = cache.checklistsOf(idCard).value.at(-1);
  // A stand-in under a temporary id, so items can be added to it at once (even offline: the
  // outbox sends them with the real id once the create is answered).
  const standIn: Checklist = {
    id: newId(),
    idBoard: cache.id,
    idCard,
    name,
    pos: (last?.pos ?? 0) + 65_536,
    checkItems: [],
  };
  return optimistic(
    cache,
    "add the checklist",
    { checklists: [standIn] },
    () => api.createChecklist(idCard, name),
    (c) => ({ checklists: [c] }),
    { creates: standIn.id },
  );
}

export const deleteChecklist = (id: string) =>
  plainWrite("delete the checklist", () => api.deleteChecklist(id));

function withItem(list: Checklist, id: string, patch: Partial<CheckItem>): Checklist {
  return { ...list, checkItems: list.checkItems.map((i) => (i.id === id ? { ...i, ...patch } : i)) };
}

export function toggleCheckItem(cache: BoardCache, list: Checklist, item: CheckItem) {
  const state = item.state === "complete" ? "incomplete" : "complete";
  return optimistic(cache, "update the item", { checklists: [withItem(list, item.id, { state })] }, () =>
    api.updateCheckItem(list.idCard, item.id, { state }),
  );
}

export function renameCheckItem(cache: BoardCache, list: Checklist, item: CheckItem, name: string) {
  return optimistic(cache, "rename the item", { checklists: [withItem(list, item.id, { name })] }, () =>
    api.updateCheckItem(list.idCard, item.id, { name }),
  );
}

/**
 * Adds an item under a temporary id. Once the server answers, its real id replaces the temporary
 * one everywhere: in this prediction, in predictions made on top of it (the next item, added
 * before this one was answered, carries this one too) and in edits to it still on their way.
 */
export function addCheckItem(cache: BoardCache, list: Checklist, name: string) {
  const last = list.checkItems.at(-1);
  const standIn: CheckItem = {
    id: newId(),
    idChecklist: list.id,
    name,
    pos: (last?.pos ?? 0) + 65_536,
    state: "incomplete",
    due: null,
    idMember: null,
  };
  return optimistic(
    cache,
    "add the item",
    { checklists: [{ ...list, checkItems: [...list.checkItems, standIn] }] },
    () => api.addCheckItem(list.id, name),
    undefined,
    { creates: standIn.id },
  );
}

export const deleteCheckItem = (list: Checklist, item: CheckItem) =>
  plainWrite("delete the item", () => api.deleteCheckItem(list.id, item.id));

/** Assigns an item (null: nobody) or sets its due date (null: none), shown at once. */
export function updateCheckItemFields(
  cache: BoardCache,
  list: Checklist,
  item: CheckItem,
  patch: { idMember?: string | null; due?: string | null },
) {
  return optimistic(cache, "update the item", { checklists: [withItem(list, item.id, patch)] }, () =>
    api.updateCheckItem(list.idCard, item.id, patch),
  );
}

/**
 * Moves an item to `pos` in `to` (its own checklist or another of the card): both checklists
 * change at once in the prediction, as the server writes them in one transaction.
 */
export function moveCheckItem(
  cache: BoardCache,
  from: Checklist,
  item: CheckItem,
  to: Checklist,
  pos: number,
) {
  const moved = { ...item, idChecklist: to.id, pos };
  const prediction =
    from.id === to.id
      ? [withItem(from, item.id, { pos })]
      : [
          { ...from, checkItems: from.checkItems.filter((i) => i.id !== item.id) },
          { ...to, checkItems: [...to.checkItems, moved] },
        ];
  return optimistic(cache, "move the item", { checklists: prediction }, () =>
    api.updateCheckItem(from.idCard, item.id, { pos, ...(from.id !== to.id && { idChecklist: to.id }) }),
  );
}

export const convertCheckItem = (list: Checklist, item: CheckItem) =>
  plainWrite("convert the item to a card", () => api.convertCheckItem(list.id, item.id));
