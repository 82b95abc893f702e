// Trello's search operators (shared/search-query.ts) applied to a card with what surrounds it:
// its board, its list, the board's labels and the people on it. Pure: the route loads the
// context, this decides. Text terms were already matched by the store's index.
import type { Board, Card, Label, List, Member } from "@tack/shared/models";
import type { SearchFilter, SearchQuery } from "@tack/shared/search-query";

export interface CardSurroundings {
  board: Board;
  starred: boolean;
  list: List | undefined;
  labels: ReadonlyMap<string, Label>;
  members: ReadonlyMap<string, Member>;
  me: string;
  now: number;
}

const DAY = 86_400_000;
const contains = (haystack: string, needle: string) => haystack.toLowerCase().includes(needle.toLowerCase());
const archived = (card: Card, s: CardSurroundings) => card.closed || (s.list?.closed ?? false);

function dueWithin(card: Card, now: number, days: number): boolean {
  if (card.due === null || card.dueComplete) return false;
  const due = Date.parse(card.due);
  return due >= now && due <= now + days * DAY;
}

function memberMatches(member: Member | undefined, id: string, value: string, me: string): boolean {
  if (value.toLowerCase() === "me") return id === me;
  if (!member) return false;
  const v = value.toLowerCase();
  return (
    member.username.toLowerCase() === v ||
    member.username.toLowerCase().startsWith(v) ||
    contains(member.fullName, v)
  );
}

function matches(filter: SearchFilter, card: Card, s: CardSurroundings): boolean {
  switch (filter.op) {
    case "label":
      return card.idLabels.some((id) => {
        const label = s.labels.get(id);
        return (
          label !== undefined &&
          (contains(label.name, filter.value) || label.color === filter.value.toLowerCase())
        );
      });
    case "member":
      return card.idMembers.some((id) => memberMatches(s.members.get(id), id, filter.value, s.me));
    case "board":
      return s.board.id === filter.value || contains(s.board.name, filter.value);
    case "list":
      return s.list !== undefined && (s.list.id === filter.value || contains(s.list.name, filter.value));
    case "due":
      switch (filter.value) {
        case "day":
          return dueWithin(card, s.now, 1);
        case "week":
          return dueWithin(card, s.now, 7);
        case "month":
          return dueWithin(card, s.now, 28);
        case "overdue":
          return card.due !== null && !card.dueComplete && Date.parse(card.due) < s.now;
        case "complete":
          return card.due !== null && card.dueComplete;
        case "incomplete":
          return card.due !== null && !card.dueComplete;
      }
      return false;
    case "is":
      if (filter.value === "starred") return s.starred;
      return filter.value === "archived" ? archived(card, s) : !archived(card, s);
    case "has":
      switch (filter.value) {
        case "attachments":
          return card.attachmentCount > 0;
        case "description":
          return card.desc.trim() !== "";
        case "cover":
          return (
            card.idAttachmentCover !== null || card.cover.color !== null || card.cover.idAttachment !== null
          );
        case "members":
          return card.idMembers.length > 0;
        case "labels":
          return card.idLabels.length > 0;
      }
  }
}

/** True when the card passes every operator; open cards only unless the query asks about state. */
export function cardPasses(query: SearchQuery, card: Card, s: CardSurroundings): boolean {
  const asksState = query.filters.some(
    ({ filter }) => filter.op === "is" && (filter.value === "open" || filter.value === "archived"),
  );
  if (!asksState && archived(card, s)) return false;
  return query.filters.every(({ filter, negated }) => matches(filter, card, s) !== negated);
}
