// A local copy of each opened board (IndexedDB), so a reload paints the board at once and then
// catches up from the copy's cursor through the live feed, as it does after a disconnect (the
// server answers `board.reload` when it can no longer serve that cursor). Only the server's
// confirmed state is kept, never a prediction, so the copy's seq is an honest cursor. Copies are
// the signed-in person's: signing out (model/session) deletes them all. Any IndexedDB failure
// (private mode, quota) just means no copy: the board loads from the server as before.
import type { BoardSnapshot, BoardState } from "@tack/shared/board-state";

const DB_NAME = "tack-boards";
const STORE = "boards";
/** A reload must not wait long on a slow disk: past this, the server's read goes ahead. */
const READ_TIMEOUT_MS = 300;

export interface LocalBoard {
  snapshot: BoardSnapshot;
  epoch: string | null;
}

interface Row extends LocalBoard {
  key: string;
  savedAt: number;
}

let opening: Promise<IDBDatabase | null> | null = null;

function database(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === "undefined") return Promise.resolve(null);
  opening ??= new Promise((resolve) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "key" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  });
  return opening;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** The copy of a board by id or short link, or null (none, or IndexedDB too slow or failing). */
export async function readLocalBoard(idOrShortLink: string): Promise<LocalBoard | null> {
  const read = (async () => {
    const db = await database();
    if (!db) return null;
    const store = db.transaction(STORE, "readonly").objectStore(STORE);
    const alias = (await done(store.get(`link:${idOrShortLink}`))) as { id: string } | undefined;
    const row = (await done(store.get(alias?.id ?? idOrShortLink))) as Row | undefined;
    return row ? { snapshot: row.snapshot, epoch: row.epoch } : null;
  })().catch(() => null);
  const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), READ_TIMEOUT_MS));
  return Promise.race([read, late]);
}

export function snapshotOf(state: BoardState): BoardSnapshot {
  return {
    board: state.board,
    seq: state.seq,
    lists: [...state.lists.values()],
    cards: [...state.cards.values()],
    labels: [...state.labels.values()],
    checklists: [...state.checklists.values()],
    attachments: [...state.attachments.values()],
    customFields: [...state.customFields.values()],
    memberships: [...state.memberships.values()],
    members: [...state.members.values()],
    // History is loaded with the card; a copy without it stays small.
    actions: [],
  };
}

export async function saveLocalBoard(state: BoardState, epoch: string | null): Promise<void> {
  try {
    const db = await database();
    if (!db) return;
    const snapshot = snapshotOf(state);
    const tx = db.transaction(STORE, "readwrite");
    const store = tx.objectStore(STORE);
    store.put({ key: snapshot.board.id, snapshot, epoch, savedAt: Date.now() } satisfies Row);
    if (snapshot.board.shortLink)
      store.put({ key: `link:${snapshot.board.shortLink}`, id: snapshot.board.id });
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  } catch {
    // No copy this time; the next save tries again.
  }
}

export async function forgetLocalBoard(id: string): Promise<void> {
  try {
    const db = await database();
    db?.transaction(STORE, "readwrite").objectStore(STORE).delete(id);
  } catch {
    // Nothing to forget.
  }
}

/** Deletes every copy (sign-out: the next person on this browser must not see them). */
export async function forgetLocalBoards(): Promise<void> {
  try {
    const db = await database();
    db?.transaction(STORE, "readwrite").objectStore(STORE).clear();
  } catch {
    // Nothing stored.
  }
}
