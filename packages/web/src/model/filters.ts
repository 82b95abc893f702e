// Card filters on the board (Trello's "Filter" menu): text, labels, members, due date. A card is
// shown when it matches every active criterion (and any of the chosen labels / members).
import { computed, signal } from "@preact/signals";
import type { Card } from "@tack/shared/models";

export const DUE_FILTERS = ["any", "overdue", "day", "week", "none", "complete"] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

export interface CardFilter {
  text: string;
  labels: ReadonlySet<string>;
  members: ReadonlySet<string>;
  due: DueFilter;
}

export const emptyFilter: CardFilter = { text: "", labels: new Set(), members: new Set(), due: "any" };
export const cardFilter = signal<CardFilter>(emptyFilter);
export const filterActive = computed(() => {
  const f = cardFilter.value;
  return f.text.trim() !== "" || f.labels.size > 0 || f.members.size > 0 || f.due !== "any";
});

const DAY = 86_400_000;

function dueMatches(card: Card, due: DueFilter, now: number): boolean {
  const at = card.due ? Date.parse(card.due) : null;
  switch (due) {
    case "any":
      return true;
    case "none":
      return at === null;
    case "complete":
      return at !== null && card.dueComplete;
    case "overdue":
      return at !== null && !card.dueComplete && at < now;
    case "day":
      return at !== null && !card.dueComplete && at >= now && at < now + DAY;
    case "week":
      return at !== null && !card.dueComplete && at >= now && at < now + 7 * DAY;
  }
}

export function cardMatches(card: Card, filter: CardFilter, now = Date.now()): boolean {
  const text = filter.text.trim().toLowerCase();
  if (text && !card.name.toLowerCase().includes(text) && !card.desc.toLowerCase().includes(text))
    return false;
  if (filter.labels.size > 0 && !card.idLabels.some((l) => filter.labels.has(l))) return false;
  if (filter.members.size > 0 && !card.idMembers.some((m) => filter.members.has(m))) return false;
  return dueMatches(card, filter.due, now);
}

export function toggleIn(set: ReadonlySet<string>, value: string): Set<string> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}
