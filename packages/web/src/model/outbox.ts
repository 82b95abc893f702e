// The outbox: every predicted edit's write passes through here. Online with nothing waiting, it
// goes straight out, as before. Offline (or when the network fails it, or behind writes still
// waiting) it is queued durably (outbox-store.ts) with its mutation id, shown as pending, and sent
// in order when the network returns; the server applies each mutation id once, so a write sent
// again after a reload is answered, not repeated. A write the server refuses on return is undone
// with a message naming it, and the writes after it still go. See docs/decisions (offline outbox).
import { signal } from "@preact/signals";
import type { Action } from "@tack/shared/models";
import { fetchSession } from "../api/auth.ts";
import { ApiError, type ApiWrite, hasCsrfToken, sendWrite, setCsrfToken } from "../api/http.ts";
import type { BoardCache, Prediction } from "./board-cache.ts";
import { clearQueued, deleteQueued, type QueuedWrite, readQueued, saveQueued } from "./outbox-store.ts";
import { withIdReplaced } from "./temporary-ids.ts";
import { toastRejected } from "./toasts.ts";

/** Edits made but not yet answered by the server because of the network (the indicator shows it). */
export const pendingEdits = signal(0);

interface Waiter {
  resolve(answer: unknown): void;
  reject(error: unknown): void;
}

interface Entry {
  row: QueuedWrite;
  /** Settles once the row is stored (its key known), so a delete never races the save. */
  saved: Promise<void>;
  /** The edit's caller in this page (optimistic.ts), which shows and settles its own prediction. */
  waiter: Waiter | null;
  owner: BoardCache | null;
  /** Predictions the outbox itself shows: a board opened after a reload, from the stored row. */
  views: Array<{ cache: BoardCache; token: number }>;
}

/** Between attempts while the network or the server is away (the `online` event is faster). */
const RETRY_MS = 4_000;
/** Answers that did not apply the write and ask for it again later. */
const TRY_AGAIN = new Set([0, 429, 502, 503, 504]);

const queue: Entry[] = [];
let loaded: Promise<void> | null = null;
let draining = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

if (typeof window !== "undefined") addEventListener("online", () => scheduleDrain(0));

function load(): Promise<void> {
  loaded ??= readQueued().then((rows) => {
    for (const row of rows)
      queue.push({ row, saved: Promise.resolve(), waiter: null, owner: null, views: [] });
    counted();
    if (queue.length > 0) scheduleDrain(0);
  });
  return loaded;
}

/** Cards with an edit waiting in the queue: their fronts are marked pending until it is sent. */
export const pendingCards = signal<ReadonlySet<string>>(new Set());

function counted(): void {
  pendingEdits.value = queue.length;
  const cards = new Set<string>();
  for (const { row } of queue) for (const id of cardsOf(row)) cards.add(id);
  if (cards.size !== pendingCards.value.size || [...cards].some((id) => !pendingCards.value.has(id)))
    pendingCards.value = cards;
}

/** The cards a queued write changes: its predicted cards, checklists', attachments' and comment's. */
function cardsOf(row: QueuedWrite): string[] {
  const p = row.prediction;
  const onCard = (row.comment?.data.card as { id?: unknown } | undefined)?.id;
  return [
    ...(p.cards ?? []).map((c) => c.id),
    ...(p.checklists ?? []).map((c) => c.idCard),
    ...(p.attachments ?? []).map((a) => a.idCard),
    ...(typeof onCard === "string" ? [onCard] : []),
  ];
}

export interface EditMeta {
  cache: BoardCache;
  what: string;
  prediction: Prediction;
  creates?: string;
  comment?: Action;
}

/**
 * Creates sent straight out and not answered yet, by temporary id: each settles with the real id
 * once answered, or null once refused or queued (then the queue rewrites the edits behind it).
 */
const creating = new Map<string, Promise<string | null>>();

/**
 * An edit to an object whose create is still on its way (a check item added a moment ago, assigned
 * at once) waits for the create's answer and names the real id: the server never saw the other.
 */
async function withRealIds(write: ApiWrite): Promise<ApiWrite> {
  for (const [temporary, answered] of creating) {
    if (!JSON.stringify(write).includes(temporary)) continue;
    const real = await answered;
    if (real) write = withIdReplaced(write, temporary, real);
  }
  return write;
}

/** The id the server gave the object a create made (its answer is the object), if it says. */
export const createdId = (answer: unknown): string | null => {
  const id = (answer as { id?: unknown } | null)?.id;
  return typeof id === "string" ? id : null;
};

/** A create sent straight out: `answered` runs once it is answered (its real id), refused or queued. */
function trackCreate(temporary: string): (real: string | null) => void {
  let resolve: (real: string | null) => void = () => {};
  creating.set(temporary, new Promise((r) => (resolve = r)));
  return (real) => {
    creating.delete(temporary);
    resolve(real);
  };
}

/** Sends a predicted edit's write now, or queues it: resolves with the server's answer either way. */
export async function submitWrite(write: ApiWrite, meta: EditMeta): Promise<unknown> {
  await load();
  if (queue.length === 0 && navigator.onLine && creating.size > 0) write = await withRealIds(write);
  if (queue.length > 0 || !navigator.onLine) return enqueue(write, meta);
  const answered = meta.creates ? trackCreate(meta.creates) : () => {};
  try {
    const answer = await sendWrite(write);
    answered(createdId(answer));
    return answer;
  } catch (error) {
    if (!isNetworkFailure(error)) {
      answered(null);
      throw error;
    }
    // Queued first, so the edits waiting on this create queue behind it and get its id from there.
    const queued = enqueue(write, meta);
    answered(null);
    return queued;
  }
}

function enqueue(write: ApiWrite, meta: EditMeta): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const row: QueuedWrite = {
      board: meta.cache.id,
      write,
      what: meta.what,
      prediction: meta.prediction,
      ...(meta.creates ? { creates: meta.creates } : {}),
      ...(meta.comment ? { comment: meta.comment } : {}),
    };
    queue.push({ row, saved: saveQueued(row), waiter: { resolve, reject }, owner: meta.cache, views: [] });
    counted();
    scheduleDrain(navigator.onLine ? 0 : RETRY_MS);
  });
}

/** Shows the queued edits of a board just opened (after a reload) as pending predictions. */
export async function showQueued(cache: BoardCache): Promise<void> {
  await load();
  for (const entry of queue) {
    if (entry.row.board !== cache.id || entry.owner === cache) continue;
    if (entry.views.some((v) => v.cache === cache)) continue;
    const token = cache.predict(entry.row.prediction, { standIn: entry.row.creates });
    entry.views.push({ cache, token });
    if (entry.row.comment) cache.addPendingComment(entry.row.comment);
  }
}

/** Try the queue now (the session is back, the network is back). */
export function drainOutbox(): void {
  scheduleDrain(0);
}

/** Sign-out, or another person signing in on this browser: their unsent edits are not ours. */
export async function forgetOutbox(): Promise<void> {
  queue.length = 0;
  counted();
  await clearQueued();
}

function scheduleDrain(delay: number): void {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => void drain(), delay);
}

async function drain(): Promise<void> {
  if (draining) return;
  draining = true;
  try {
    await load();
    while (queue.length > 0) {
      if (!navigator.onLine) return; // the `online` event starts the next round
      // After a reload while offline the session probe never answered: writes need its token.
      if (!hasCsrfToken()) {
        try {
          setCsrfToken((await fetchSession()).csrfToken);
        } catch (error) {
          // Signed out meanwhile: the write below is answered 401, which reports the expired session.
          if (!(error instanceof ApiError && error.status === 401)) {
            scheduleDrain(RETRY_MS);
            return;
          }
        }
      }
      const entry = queue[0]!;
      let answer: unknown;
      try {
        answer = await sendWrite(entry.row.write);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return; // signing in again drains
        if (error instanceof ApiError && TRY_AGAIN.has(error.status)) {
          scheduleDrain(RETRY_MS);
          return;
        }
        finish(entry);
        for (const view of entry.views) {
          view.cache.rollback(view.token);
          if (entry.row.comment) view.cache.removePendingComment(entry.row.comment.id);
        }
        if (entry.waiter) entry.waiter.reject(error);
        else toastRejected(describeEdit(entry.row.what, entry.row.prediction), error);
        continue;
      }
      finish(entry);
      if (entry.row.creates) adoptCreatedId(entry, answer);
      for (const view of entry.views) view.cache.settle(view.token);
      entry.waiter?.resolve(answer);
    }
  } finally {
    draining = false;
  }
}

function finish(entry: Entry): void {
  queue.shift();
  counted();
  void entry.saved.then(() => deleteQueued(entry.row.key));
}

/**
 * A create answered with the object's real id: the edits queued after it that name its temporary
 * id (rename the new card, move it) now name the real one, in memory, in the store and on screen.
 */
function adoptCreatedId(created: Entry, answer: unknown): void {
  const temporary = created.row.creates!;
  const real = createdId(answer);
  if (!real) return;
  for (const view of created.views) view.cache.remapId(temporary, real);
  for (const entry of queue) {
    const named = [entry.row.write, entry.row.prediction] as const;
    const [write, prediction] = withIdReplaced(named, temporary, real);
    if (write === named[0] && prediction === named[1]) continue;
    entry.row.write = write;
    entry.row.prediction = prediction;
    entry.saved = entry.saved.then(() => saveQueued(entry.row));
    for (const view of entry.views) view.cache.remapId(temporary, real);
  }
}

function isNetworkFailure(error: unknown): boolean {
  return error instanceof ApiError && error.status === 0;
}

/** "rename the card" becomes `rename the card “Groceries”`: the message says which edit it was. */
export function describeEdit(what: string, prediction: Prediction): string {
  const named =
    prediction.cards?.[0] ??
    prediction.lists?.[0] ??
    prediction.checklists?.[0] ??
    prediction.labels?.[0] ??
    prediction.board;
  const name = named && "name" in named ? named.name : "";
  return name ? `${what} “${name}”` : what;
}
