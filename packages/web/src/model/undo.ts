// Undo for the person's own changes on the open board: the Undo button on the toast after an
// archive, move or delete, and Ctrl+Z for the last change. An undo is safe only while nobody else
// has changed the object since: before undoing, the object's state now is compared with the state
// this person's change left, and when they differ the person is told who changed it instead.
import type { Card, List } from "@tack/shared/models";
import * as api from "../api/trello.ts";
import type { BoardCache } from "./board-cache.ts";
import { optimistic } from "./optimistic.ts";
import { me } from "./session.ts";
import { toast } from "./toasts.ts";

const CARD_FIELDS = ["name", "desc", "idList", "pos", "closed", "start", "due", "dueComplete"] as const;
const LIST_FIELDS = ["name", "pos", "closed"] as const;
type CardState = Pick<Card, (typeof CARD_FIELDS)[number]>;
type ListState = Pick<List, (typeof LIST_FIELDS)[number]>;

/** How long the Undo button stays on a toast, and how long a delete waits before it is sent. */
export const UNDO_WINDOW_MS = 8_000;

type Entry =
  | { kind: "card"; boardId: string; id: string; before: CardState; after: CardState; at: string }
  | { kind: "list"; boardId: string; id: string; before: ListState; after: ListState; at: string }
  | { kind: "delete"; boardId: string; id: string; cancel: () => void };

/** Newest last; only this tab's changes, kept while the board is open. */
const history: Entry[] = [];
const MAX_ENTRIES = 50;

const pick = <T extends object, K extends keyof T>(doc: T, keys: readonly K[]): Pick<T, K> => {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = doc[k];
  return out;
};

function remember(entry: Entry): Entry {
  history.push(entry);
  if (history.length > MAX_ENTRIES) history.shift();
  return entry;
}

function forget(entry: Entry): void {
  const at = history.indexOf(entry);
  if (at !== -1) history.splice(at, 1);
}

/** Records an accepted card edit; with `toastText`, shows it with an Undo button. */
export function rememberCardEdit(cache: BoardCache, before: Card, after: Card, toastText?: string): void {
  const entry = remember({
    kind: "card",
    boardId: cache.id,
    id: before.id,
    before: pick(before, CARD_FIELDS),
    after: pick(after, CARD_FIELDS),
    at: new Date().toISOString(),
  });
  if (toastText) offerUndo(cache, entry, toastText);
}

/** Records an accepted list edit; with `toastText`, shows it with an Undo button. */
export function rememberListEdit(cache: BoardCache, before: List, after: List, toastText?: string): void {
  const entry = remember({
    kind: "list",
    boardId: cache.id,
    id: before.id,
    before: pick(before, LIST_FIELDS),
    after: pick(after, LIST_FIELDS),
    at: new Date().toISOString(),
  });
  if (toastText) offerUndo(cache, entry, toastText);
}

function offerUndo(cache: BoardCache, entry: Entry, text: string): void {
  toast(text, "info", {
    durationMs: UNDO_WINDOW_MS,
    action: { label: "Undo", run: () => void undoEntry(cache, entry) },
  });
}

/**
 * Deletes a card after the undo window, so Undo can give it back whole (with its checklists,
 * attachments and comments, which a re-created card would lose). Leaving the board or the page
 * sends the delete at once.
 */
export function deleteCardWithUndo(cache: BoardCache, card: Card): void {
  let done = false;
  const send = () => {
    if (done) return;
    done = true;
    forget(entry);
    pendingDeletes.delete(send);
    removeEventListener("pagehide", send);
    void optimistic(cache, "delete the card", {}, () => api.deleteCard(card.id));
  };
  const timer = setTimeout(send, UNDO_WINDOW_MS);
  const entry = remember({
    kind: "delete",
    boardId: cache.id,
    id: card.id,
    cancel: () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      pendingDeletes.delete(send);
      removeEventListener("pagehide", send);
      toast(`“${card.name}” was not deleted.`);
    },
  });
  pendingDeletes.add(send);
  addEventListener("pagehide", send);
  toast(`Deleted “${card.name}”.`, "info", {
    durationMs: UNDO_WINDOW_MS,
    action: { label: "Undo", run: () => void undoEntry(cache, entry) },
  });
}

const pendingDeletes = new Set<() => void>();

/** The board is closing: send the deletes still waiting, and forget its undo history. */
export function leaveBoardUndo(boardId: string): void {
  for (const send of pendingDeletes) send();
  pendingDeletes.clear();
  for (let i = history.length - 1; i >= 0; i--) if (history[i]!.boardId === boardId) history.splice(i, 1);
}

/** Ctrl+Z: undoes this person's newest change on the board, if nobody changed that object since. */
export async function undoLast(cache: BoardCache): Promise<void> {
  const entry = [...history].reverse().find((e) => e.boardId === cache.id);
  if (!entry) {
    toast("Nothing to undo.");
    return;
  }
  await undoEntry(cache, entry);
}

async function undoEntry(cache: BoardCache, entry: Entry): Promise<void> {
  forget(entry);
  if (entry.kind === "delete") {
    entry.cancel();
    return;
  }
  const now = entry.kind === "card" ? cache.card(entry.id) : cache.list(entry.id);
  const fields: readonly string[] = entry.kind === "card" ? CARD_FIELDS : LIST_FIELDS;
  const current = now as Record<string, unknown> | undefined;
  const left = entry.after as Record<string, unknown>;
  const changedSince = !current || fields.some((f) => !sameValue(current[f], left[f]));
  const noun = entry.kind === "card" ? "card" : "list";
  if (changedSince) {
    const who = current ? changedBy(cache, entry.id, entry.at) : null;
    toast(
      !current
        ? `This ${noun} is gone, so your change was not undone.`
        : who
          ? `${who} changed this ${noun} after you, so your change was not undone.`
          : `This ${noun} changed after that edit, so it was not undone.`,
      "error",
    );
    return;
  }
  const before = entry.before as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const f of fields) if (!sameValue(before[f], left[f])) patch[f] = before[f];
  // A move back names its place in full: a card put in another list without a position goes last.
  if ("idList" in patch || "pos" in patch) {
    if (entry.kind === "card") patch.idList = before.idList;
    patch.pos = before.pos;
  }
  if (Object.keys(patch).length === 0) return;
  if (entry.kind === "card") {
    const card = cache.card(entry.id)!;
    await optimistic(
      cache,
      "undo your change",
      { cards: [{ ...card, ...(patch as Partial<Card>) }] },
      () => api.updateCard(entry.id, patch as api.CardFields),
      (c) => ({ cards: [c] }),
    );
  } else {
    const list = cache.list(entry.id)!;
    await optimistic(
      cache,
      "undo your change",
      { lists: [{ ...list, ...(patch as Partial<List>) }] },
      () => api.updateList(entry.id, patch as Partial<ListState>),
      (l) => ({ lists: [l] }),
    );
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a == null && b == null);
}

/** The name of whoever last acted on the object after `since`, from the board's live actions. */
function changedBy(cache: BoardCache, id: string, since: string): string | null {
  const self = me.value?.id;
  for (const a of cache.actions.value) {
    if (a.date < since) break;
    const about = a.data as { card?: { id?: string }; list?: { id?: string } };
    if (about.card?.id !== id && about.list?.id !== id) continue;
    if (a.idMemberCreator === self) continue;
    return cache.members.value.get(a.idMemberCreator)?.fullName ?? null;
  }
  return null;
}
