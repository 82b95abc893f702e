// Reading a card's details (description, checklists, attachments) when it opens, or when a change
// made its front's counts stale (decision 0032-slim-board-read). Changes keep them current
// afterwards: they carry whole cards, checklists and attachments, which the board cache applies.
import { fetchCardDetails } from "../api/trello.ts";
import type { BoardCache } from "./board-cache.ts";

/** A change applied while the read was on its way may be newer than what it answered: read again. */
const ATTEMPTS = 3;

const reading = new WeakMap<BoardCache, Map<string, Promise<boolean>>>();

/**
 * Reads the card's details into the cache, once at a time per card; true when they are in. False
 * (no throw) when they cannot be read now, offline for instance: the front stays.
 */
export function loadCardDetails(cache: BoardCache, idCard: string): Promise<boolean> {
  const mine = reading.get(cache) ?? new Map<string, Promise<boolean>>();
  reading.set(cache, mine);
  const pending = mine.get(idCard);
  if (pending) return pending;
  const done = read(cache, idCard).finally(() => mine.delete(idCard));
  mine.set(idCard, done);
  return done;
}

async function read(cache: BoardCache, idCard: string): Promise<boolean> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const seq = cache.seq;
    let details: Awaited<ReturnType<typeof fetchCardDetails>>;
    try {
      details = await fetchCardDetails(idCard);
    } catch {
      return false;
    }
    if (cache.seq !== seq && attempt < ATTEMPTS - 1) continue;
    cache.mergeDetails(details.card, details.checklists, details.attachments);
    return true;
  }
  return false;
}
