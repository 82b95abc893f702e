// Edits to lists, each optimistic (see optimistic.ts).
import { newId } from "@tack/shared/ids";
import type { List } from "@tack/shared/models";
import * as api from "../api/trello.ts";
import type { BoardCache } from "./board-cache.ts";
import { optimistic } from "./optimistic.ts";
import { positionAt } from "./positions.ts";
import { rememberListEdit } from "./undo.ts";

export async function updateList(
  cache: BoardCache,
  id: string,
  patch: Partial<Pick<List, "name" | "pos" | "closed">>,
  what: string,
  /** Shown with an Undo button once the server accepts. */
  undoToast?: string,
) {
  const list = cache.list(id);
  if (!list) return;
  const saved = await optimistic(
    cache,
    what,
    { lists: [{ ...list, ...patch }] },
    () => api.updateList(id, patch),
    (l) => ({ lists: [l] }),
  );
  if (saved) rememberListEdit(cache, list, saved, undoToast);
}

export const renameList = (cache: BoardCache, id: string, name: string) =>
  updateList(cache, id, { name }, "rename the list");
export const archiveList = (cache: BoardCache, id: string) =>
  updateList(
    cache,
    id,
    { closed: true },
    "archive the list",
    `Archived the list “${cache.list(id)?.name ?? ""}”.`,
  );
export const restoreList = (cache: BoardCache, list: List) =>
  optimistic(cache, "restore the list", { lists: [{ ...list, closed: false }] }, () =>
    api.updateList(list.id, { closed: false }),
  );

export function moveList(cache: BoardCache, id: string, index: number) {
  const pos = positionAt(cache.openLists(), index, id);
  return updateList(cache, id, { pos }, "move the list", `Moved the list “${cache.list(id)?.name ?? ""}”.`);
}

export async function createList(cache: BoardCache, name: string) {
  const lists = cache.openLists();
  const pos = positionAt(lists, lists.length, "");
  const temp: List = { id: newId(), idBoard: cache.id, name, closed: false, pos, softLimit: null };
  return optimistic(
    cache,
    "add the list",
    { lists: [temp] },
    () => api.createList(cache.id, name, pos),
    (list) => ({ lists: [list] }),
    { creates: temp.id },
  );
}
