// Completing a board whose first read was cut short (decision 0041-first-paint-read): the first
// read carries a screenful of each list's cards so the board paints early; right after that first
// frame, every card front is read and the ones left out join the board cache.
import { isTransient } from "../api/http.ts";
import { loadCardFronts } from "../api/trello.ts";
import type { BoardCache } from "./board-cache.ts";

/**
 * Waits between attempts: a change applied while a read was on its way (read again at once), or
 * no answer, 429 or 5xx (offline, a restart): patiently, while the board stays open.
 */
const RETRY_MS = [250, 1_000, 3_000, 10_000];

/**
 * Reads the board's card fronts until the cache holds every card, the board is no longer the one
 * open (`stillOpen`), or the server refuses for good (no access any more: the feed says so).
 * Resolves true when every card is known.
 */
export async function readRestOfBoard(cache: BoardCache, stillOpen: () => boolean): Promise<boolean> {
  for (let attempt = 0; !cache.allCardsKnown; attempt++) {
    if (attempt > 0) await sleep(RETRY_MS[Math.min(attempt - 1, RETRY_MS.length - 1)]!);
    if (!stillOpen()) return false;
    try {
      if (cache.mergeCardFronts(await loadCardFronts(cache.id))) return true;
    } catch (error) {
      if (!isTransient(error)) return false;
    }
  }
  return true;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
