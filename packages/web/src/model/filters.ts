// Card filters on the board (Trello's "Filter" menu): text, labels, members, due date. A card is
// shown when it matches every active criterion; within labels and members, `match` says whether
// any or all of the chosen ones must be on the card. "No labels" / "No members" stand for a card
// without any, as Trello lists them beside the real labels and members.
import { computed, signal } from "@preact/signals";
import type { Card } from "@tack/shared/models";

export const DUE_FILTERS = ["any", "overdue", "day", "week", "none", "complete"] as const;
export type DueFilter = (typeof DUE_FILTERS)[number];

export interface CardFilter {
  text: string;
  labels: ReadonlySet<string>;
  members: ReadonlySet<string>;
  due: DueFilter;
  noLabels: boolean;
  noMembers: boolean;
  match: "any" | "all";
}

export const emptyFilter: CardFilter = {
  text: "",
  labels: new Set(),
  members: new Set(),
  due: "any",
  noLabels: false,
  noMembers: false,
  match: "any",
};
export const cardFilter = signal<CardFilter>(emptyFilter);
export const filterActive = computed(() => {
  const f = cardFilter.value;
  return (
    f.text.trim() !== "" ||
    f.labels.size > 0 ||
    f.members.size > 0 ||
    f.due !== "any" ||
    f.noLabels ||
    f.noMembers
  );
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
  if (!setMatches(card.idLabels, filter.labels, filter.noLabels, filter.match)) return false;
  if (!setMatches(card.idMembers, filter.members, filter.noMembers, filter.match)) return false;
  return dueMatches(card, filter.due, now);
}

/** The card's labels (or members) against the chosen ones and "none": nothing chosen passes all. */
function setMatches(
  onCard: readonly string[],
  chosen: ReadonlySet<string>,
  none: boolean,
  match: "any" | "all",
): boolean {
  if (chosen.size === 0 && !none) return true;
  if (match === "all") {
    if (none && onCard.length > 0) return false;
    for (const id of chosen) if (!onCard.includes(id)) return false;
    return true;
  }
  return (none && onCard.length === 0) || onCard.some((id) => chosen.has(id));
}

export function toggleIn(set: ReadonlySet<string>, value: string): Set<string> {
  const next = new Set(set);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}
