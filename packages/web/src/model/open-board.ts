// The board on screen: loads it, keeps it live through a BoardFeed, reloads it when the feed says
// history was lost, and closes it when the person leaves. At most one board is open at a time.
import { signal } from "@preact/signals";
import { ApiError, liveWrites, routeByBoard } from "../api/http.ts";
import { fetchCard, type LoadedBoard, loadBoard } from "../api/trello.ts";
import { BoardFeed } from "../live/board-feed.ts";
import { connectionState } from "../live/connection-state.ts";
import { navigate } from "../router.ts";
import { BoardCache } from "./board-cache.ts";
import { readRestOfBoard } from "./board-rest.ts";
import { loadCardDetails } from "./card-details.ts";
import { forgetLocalBoard, readLocalBoard, saveLocalBoard } from "./local-boards.ts";
import { showQueued } from "./outbox.ts";
import { markSessionExpired } from "./session.ts";
import { toast } from "./toasts.ts";

export type BoardLoad =
  | { status: "idle" }
  | { status: "loading"; key: string }
  | { status: "ready"; key: string; cache: BoardCache }
  | { status: "failed"; key: string; message: string };

export const boardLoad = signal<BoardLoad>({ status: "idle" });
/** The card whose dialog is open (route `/c/<id>`), by full id. */
export const openCardId = signal<string | null>(null);

let feed: BoardFeed | null = null;
type Source = LoadedBoard & { local: boolean };
let prefetched: { key: string; load: Promise<Source> } | null = null;

/** The board from its local copy when there is one (the feed then catches up), else the server. */
async function boardSource(key: string): Promise<Source> {
  const local = await readLocalBoard(key);
  if (local) return { ...local, local: true };
  return { ...(await loadBoard(key, { firstPaint: true })), local: false };
}

/**
 * The preloaded server read or the local copy, whichever has the board first: a first visit does
 * not wait for IndexedDB to open, and a copy that is ready before the server answers paints at
 * once. When the server cannot answer (offline), the copy is waited for.
 */
function preferLocal(key: string, remote: Promise<LoadedBoard>): Promise<Source> {
  const fromServer = remote.then((board): Source => ({ ...board, local: false }));
  const fromCopy = readLocalBoard(key).then((copy): Source | Promise<Source> =>
    copy ? { ...copy, local: true } : fromServer,
  );
  fromServer.catch(() => undefined); // reported through fromCopy when there is no copy either
  return Promise.race([fromCopy, fromServer.catch(() => fromCopy)]);
}

/** Keeps the open board's local copy current: saved a moment after changes stop arriving. */
const SAVE_AFTER_MS = 1_500;
let saveTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleSave(cache: BoardCache): void {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    // Copying a big board is one long task (~100 ms for 5,000 cards): run it while the person
    // is not scrolling or typing. A board whose first read left cards out is saved once they are
    // in: a copy is always the whole board.
    const save = () => {
      if (currentCache() === cache && cache.allCardsKnown) void saveLocalBoard(cache.confirmed, cache.epoch);
    };
    if ("requestIdleCallback" in window) requestIdleCallback(save, { timeout: 3_000 });
    else save();
  }, SAVE_AFTER_MS);
}

/**
 * Starts reading a board before the app knows who is signed in (a deep link): the read and the
 * session probe travel together instead of one after the other. When the page's shell preloaded the
 * read (server http/web-app.ts), it is already on its way: take it at once (an unused preload is
 * wasted and warned about) and paint from it or from the local copy, whichever is first.
 */
export function prefetchBoard(key: string): void {
  const preloaded = document.querySelector('link[rel="preload"][as="fetch"][href^="/1/boards/"]') !== null;
  const load = preloaded ? preferLocal(key, loadBoard(key, { firstPaint: true })) : boardSource(key);
  load.catch(() => undefined); // a failure is reported when openBoard uses it
  prefetched = { key, load };
}

export function currentCache(): BoardCache | null {
  const load = boardLoad.value;
  return load.status === "ready" ? load.cache : null;
}

/** Opens a board by id or short link, unless it is already the open one. */
export async function openBoard(idOrShortLink: string): Promise<BoardCache | null> {
  const load = boardLoad.value;
  if (load.status !== "idle" && load.key === idOrShortLink)
    return load.status === "ready" ? load.cache : null;
  if (
    load.status === "ready" &&
    (load.cache.id === idOrShortLink || load.cache.board.value.shortLink === idOrShortLink)
  ) {
    return load.cache;
  }
  closeBoard();
  boardLoad.value = { status: "loading", key: idOrShortLink };
  try {
    const early = prefetched?.key === idOrShortLink ? prefetched.load : null;
    prefetched = null;
    const { snapshot, epoch, local, cardsNotSent } = await (early ?? boardSource(idOrShortLink));
    if (boardLoad.value.status !== "loading" || boardLoad.value.key !== idOrShortLink) return null;
    performance.mark("tack:board-fetched");
    const cache = new BoardCache(snapshot, epoch, cardsNotSent);
    routeByBoard(cache.id);
    // A card shown by its front whose checklists changed: its badge counts come from its details now.
    cache.onStaleFront = (idCard) => void loadCardDetails(cache, idCard);
    performance.mark("tack:board-cached");
    // Edits queued before a reload (offline) show again over the server's state until sent.
    void showQueued(cache);
    boardLoad.value = { status: "ready", key: idOrShortLink, cache };
    feed = new BoardFeed({
      id: cache.id,
      cursor: () => ({ epoch: cache.epoch, seq: cache.seq }),
      setEpoch: (e) => {
        cache.epoch = e;
      },
      apply: (change) => {
        const applied = cache.apply(change);
        if (applied) scheduleSave(cache);
        if (applied && change.deleted.some((d) => d.kind === "board" && d.id === cache.id))
          boardGone("This board was deleted.");
        return applied;
      },
      reload: async () => {
        const fresh = await loadBoard(cache.id);
        cache.reset(fresh.snapshot, fresh.epoch ?? cache.epoch);
        scheduleSave(cache);
      },
      synced: () => cache.markSynced(),
      revoked: () => boardGone(),
      sessionEnded: markSessionExpired,
    });
    const opened = feed;
    afterFirstFrame(() => {
      opened.start();
      if (!cache.allCardsKnown)
        void readRestOfBoard(cache, () => currentCache() === cache).then((complete) => {
          if (complete) scheduleSave(cache);
        });
    });
    liveWrites.use(feed);
    if (!local) scheduleSave(cache);
    return cache;
  } catch (error) {
    const message =
      error instanceof ApiError && (error.status === 404 || error.status === 403)
        ? "This board does not exist or you cannot see it."
        : error instanceof ApiError
          ? error.message
          : "Could not load the board.";
    boardLoad.value = { status: "failed", key: idOrShortLink, message };
    return null;
  }
}

/**
 * Runs `work` once the board's first frame is drawn (or 100 ms on, in a tab that draws no frames):
 * the feed's socket (creating it costs the first paint several ms on a cold page, and the
 * subscription catches up from the read's cursor whenever it starts; writes before then go over
 * HTTP) and the rest of a board whose first read was cut short.
 */
function afterFirstFrame(work: () => void): void {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    work();
  };
  requestAnimationFrame(() => setTimeout(start, 0));
  setTimeout(start, 100);
}

/** Opens the board a card is on, then the card. */
export async function openCardRoute(idOrShortLink: string): Promise<void> {
  const current = currentCache();
  const known = current?.allCards().find((c) => c.id === idOrShortLink || c.shortLink === idOrShortLink);
  if (known) {
    openCardId.value = known.id;
    return;
  }
  try {
    const card = await fetchCard(idOrShortLink);
    const cache = await openBoard(card.idBoard);
    if (cache) openCardId.value = card.id;
  } catch {
    boardLoad.value = {
      status: "failed",
      key: idOrShortLink,
      message: "This card does not exist or you cannot see it.",
    };
  }
}

export function closeBoard(): void {
  if (feed) liveWrites.release(feed);
  routeByBoard(null);
  // A save still pending is dropped: the copy is a little behind, and the feed catches it up.
  clearTimeout(saveTimer);
  feed?.stop();
  feed = null;
  openCardId.value = null;
  boardLoad.value = { status: "idle" };
  connectionState.value = "connecting";
}

/**
 * Loads the open board afresh. Used after rare writes whose results the client does not predict
 * (membership changes), so they show even when the live feed is behind.
 */
export async function refreshBoard(): Promise<void> {
  const cache = currentCache();
  if (!cache) return;
  try {
    const fresh = await loadBoard(cache.id);
    if (fresh.snapshot.seq >= cache.seq) cache.reset(fresh.snapshot, fresh.epoch ?? cache.epoch);
  } catch {
    // The feed will bring the change; nothing to undo here.
  }
}

/** Ask the feed for missed changes now (after our own write, when sockets are down). */
export function nudgeFeed(): void {
  if (connectionState.value !== "live") void feed?.catchUp().catch(() => undefined);
}

function boardGone(message = "You no longer have access to this board."): void {
  const gone = currentCache();
  if (!gone) return;
  void forgetLocalBoard(gone.id);
  toast(message, "error");
  closeBoard();
  navigate("/");
}
