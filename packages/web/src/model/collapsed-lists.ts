// Lists a person has collapsed to narrow strips: a view preference, not board data, so it stays
// in this browser (localStorage), per person and per board, and nobody else sees it.
import { signal } from "@preact/signals";
import { me } from "./session.ts";

/** Bumped on every change so columns re-render (the set itself lives in localStorage). */
const version = signal(0);

const key = (boardId: string) => `tack.collapsedLists.${me.value?.id ?? "anon"}.${boardId}`;

function read(boardId: string): Set<string> {
  try {
    const stored = JSON.parse(localStorage.getItem(key(boardId)) ?? "[]");
    return new Set(Array.isArray(stored) ? stored.filter((id) => typeof id === "string") : []);
  } catch {
    return new Set();
  }
}

export function isListCollapsed(boardId: string, listId: string): boolean {
  void version.value;
  return read(boardId).has(listId);
}

export function setListCollapsed(boardId: string, listId: string, collapsed: boolean): void {
  const ids = read(boardId);
  if (collapsed) ids.add(listId);
  else ids.delete(listId);
  try {
    localStorage.setItem(key(boardId), JSON.stringify([...ids]));
  } catch {
    // Storage full or refused (private mode): the list still collapses for this visit.
  }
  version.value++;
}
