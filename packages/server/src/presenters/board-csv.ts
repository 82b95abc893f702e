// A board's cards as CSV (RFC 4180), for spreadsheets: one row per card with its list, labels,
// members, due date and description. A cell a spreadsheet would run as a formula (starting with
// = + - @, a tab or a carriage return) is prefixed with ' so opening the file cannot run anything.
import type { BoardSnapshot } from "@tack/shared/board-state";
import { cardUrl } from "./urls.ts";

const HEADER = [
  "Card ID",
  "Card name",
  "List",
  "Labels",
  "Members",
  "Due",
  "Due complete",
  "Description",
  "Archived",
  "URL",
] as const;

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function presentBoardCsv(base: string, snapshot: Omit<BoardSnapshot, "actions">): string {
  const lists = new Map(snapshot.lists.map((l) => [l.id, l]));
  const labels = new Map(snapshot.labels.map((l) => [l.id, l]));
  const members = new Map(snapshot.members.map((m) => [m.id, m]));
  const listOrder = (id: string) => lists.get(id)?.pos ?? Number.POSITIVE_INFINITY;
  const cards = [...snapshot.cards].sort(
    (a, b) => listOrder(a.idList) - listOrder(b.idList) || a.pos - b.pos,
  );
  const rows = cards.map((card) => [
    card.id,
    card.name,
    lists.get(card.idList)?.name ?? "",
    card.idLabels
      .map((id) => labels.get(id))
      .map((l) => (l ? l.name || l.color || "" : ""))
      .join(", "),
    card.idMembers.map((id) => members.get(id)?.fullName || members.get(id)?.username || id).join(", "),
    card.due ?? "",
    card.due ? String(card.dueComplete) : "",
    card.desc,
    String(card.closed || (lists.get(card.idList)?.closed ?? false)),
    cardUrl(base, card.shortLink, card.idShort, card.name),
  ]);
  return `${[HEADER, ...rows].map((row) => row.map(cell).join(",")).join("\r\n")}\r\n`;
}
