// The cards the calendar and table views show: the open cards of the open lists, as the board
// cache has them now (confirmed state plus this person's pending edits), narrowed by the board's
// filter. Reading the cache's signals makes a view re-render when a pushed change lands.
import type { Card, List } from "@tack/shared/models";
import type { BoardCache } from "../model/board-cache.ts";
import { cardFilter, cardMatches, filterActive } from "../model/filters.ts";

export interface ViewCard {
  card: Card;
  list: List;
}

export function viewCards(cache: BoardCache): ViewCard[] {
  const filter = filterActive.value ? cardFilter.value : null;
  const now = Date.now();
  const out: ViewCard[] = [];
  for (const idList of cache.listIds.value) {
    const list = cache.listSignal(idList).value;
    if (!list) continue;
    for (const id of cache.cardIdsOf(idList).value) {
      const card = cache.cardSignal(id).value;
      if (!card || card.closed) continue;
      if (filter && !cardMatches(card, filter, now)) continue;
      out.push({ card, list });
    }
  }
  return out;
}

const pad = (n: number): string => String(n).padStart(2, "0");

/** A local calendar day as `YYYY-MM-DD` (the key the calendar groups by). */
export const dayKey = (date: Date): string =>
  `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** The same local time of day as `iso` (noon for a card without one), on the day `key`. */
export function moveToDay(iso: string | null, key: string): string {
  const [y, m, d] = key.split("-").map(Number) as [number, number, number];
  const from = iso ? new Date(iso) : null;
  const at = new Date(y, m - 1, d, from ? from.getHours() : 12, from ? from.getMinutes() : 0);
  return at.toISOString();
}

/** `datetime-local` input values, in local time. */
export const toLocalInput = (iso: string | null): string => {
  if (!iso) return "";
  const d = new Date(iso);
  return `${dayKey(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
export const fromLocalInput = (value: string): string | null =>
  value ? new Date(value).toISOString() : null;
