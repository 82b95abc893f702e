// What the person watches on the open board (the board, its lists and cards: Trello's
// `subscribed`), loaded when the board opens and changed by the Watch controls of the card
// dialog, the list menu and the board menu; the card tiles show an eye for the cards watched.
import { signal } from "@preact/signals";
import { get, put } from "../api/http.ts";

export type WatchedKind = "board" | "list" | "card";

/** Ids of the board, lists and cards watched on the open board. */
export const watched = signal<ReadonlySet<string>>(new Set());
let loadedFor: string | null = null;

export async function loadWatching(boardId: string): Promise<void> {
  loadedFor = boardId;
  // Every card front reads this set: a new value re-renders them all, so only assign a change.
  if (watched.value.size > 0) watched.value = new Set();
  const answer = await get<{ board: boolean; idLists: string[]; idCards: string[] }>(
    `/1/boards/${encodeURIComponent(boardId)}/watching`,
  ).catch(() => null);
  if (!answer || loadedFor !== boardId) return;
  const next = new Set([...(answer.board ? [boardId] : []), ...answer.idLists, ...answer.idCards]);
  if (next.size > 0 || watched.value.size > 0) watched.value = next;
}

function mark(id: string, on: boolean): void {
  const next = new Set(watched.value);
  if (on) next.add(id);
  else next.delete(id);
  watched.value = next;
}

/** Watches or stops watching; shown at once, put back if the server refuses. */
export async function setWatching(kind: WatchedKind, id: string, on: boolean): Promise<void> {
  mark(id, on);
  try {
    await put(`/1/${kind}s/${encodeURIComponent(id)}/subscribed`, { value: on });
  } catch (error) {
    mark(id, !on);
    throw error;
  }
}

/** The card dialog read the card's own answer: keep the tiles in step with it. */
export const noteWatching = (id: string, on: boolean): void => {
  if (watched.value.has(id) !== on) mark(id, on);
};
