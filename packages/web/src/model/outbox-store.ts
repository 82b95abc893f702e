// Where queued edits wait (IndexedDB "tack-outbox"), so a reload while offline keeps them. Rows
// are ordered by an auto-incremented key: the order the person made the edits, the order they are
// sent. Any IndexedDB failure (private mode, quota) leaves the queue in memory only.
import type { Action } from "@tack/shared/models";
import type { ApiWrite } from "../api/http.ts";
import type { Prediction } from "./board-cache.ts";

const DB_NAME = "tack-outbox";
const STORE = "writes";

export interface QueuedWrite {
  /** The store's key, set once saved. */
  key?: number;
  /** The board whose view shows the prediction. */
  board: string;
  write: ApiWrite;
  /** What the edit does, for the message if the server refuses it ("rename the card"). */
  what: string;
  /** The predicted documents, shown over the server's state until the write is answered. */
  prediction: Prediction;
  /** The prediction is a stand-in for an object being created, under this temporary id. */
  creates?: string;
  /** A comment being added, shown as pending in its card. */
  comment?: Action;
}

let opening: Promise<IDBDatabase | null> | null = null;

function database(): Promise<IDBDatabase | null> {
  if (typeof indexedDB === "undefined") return Promise.resolve(null);
  opening ??= new Promise((resolve) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () =>
      request.result.createObjectStore(STORE, { keyPath: "key", autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  });
  return opening;
}

async function inStore<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await database();
  if (!db) throw new Error("no IndexedDB");
  const tx = db.transaction(STORE, mode);
  const request = work(tx.objectStore(STORE));
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** Every queued write, oldest first. */
export async function readQueued(): Promise<QueuedWrite[]> {
  try {
    return (await inStore("readonly", (s) => s.getAll())) as QueuedWrite[];
  } catch {
    return [];
  }
}

/** Saves a new or rewritten write; a new one gets its key. */
export async function saveQueued(entry: QueuedWrite): Promise<void> {
  try {
    // A new row has no key yet: the store assigns the next one (an undefined key is refused).
    const { key, ...row } = entry;
    entry.key = (await inStore("readwrite", (s) => s.put(key === undefined ? row : entry))) as number;
  } catch {
    // Kept in memory only: it is still sent while this page lives.
  }
}

export async function deleteQueued(key: number | undefined): Promise<void> {
  if (key === undefined) return;
  try {
    await inStore("readwrite", (s) => s.delete(key));
  } catch {
    // Gone with the page anyway.
  }
}

export async function clearQueued(): Promise<void> {
  try {
    await inStore("readwrite", (s) => s.clear());
  } catch {
    // Nothing stored.
  }
}
