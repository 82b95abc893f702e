// The table view (/b/<id>/<slug>/table): every open card of the board with its list, labels,
// members and due date; sorted by any column (click its header again to reverse), narrowed by
// the board's filter, and with the name and due date edited in place by those who may edit.
import type { Card } from "@tack/shared/models";
import { useState } from "preact/hooks";
import { canEditBoard } from "../model/board-access.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { updateCard } from "../model/card-edits.ts";
import { filterActive } from "../model/filters.ts";
import { Avatar } from "./avatar.tsx";
import { cardPath } from "./card-link.ts";
import { labelCss } from "./colors.ts";
import { DueBadge } from "./due-badge.tsx";
import { InlineEdit } from "./inline-edit.tsx";
import { fromLocalInput, toLocalInput, type ViewCard, viewCards } from "./view-cards.ts";

type Column = "name" | "list" | "labels" | "members" | "due";
const COLUMNS: Array<[Column, string]> = [
  ["name", "Card"],
  ["list", "List"],
  ["labels", "Labels"],
  ["members", "Members"],
  ["due", "Due date"],
];

export function TableView({ cache }: { cache: BoardCache }) {
  const [sort, setSort] = useState<{ by: Column; descending: boolean }>({ by: "list", descending: false });
  const editable = canEditBoard(cache);
  const labels = cache.labels.value;
  const members = cache.members.value;
  const listOrder = new Map(cache.listIds.value.map((id, i) => [id, i]));
  const rows = viewCards(cache);
  const labelText = (c: Card) =>
    labels
      .filter((l) => c.idLabels.includes(l.id))
      .map((l) => l.name || l.color || "")
      .join(", ");
  const memberText = (c: Card) =>
    c.idMembers
      .map((id) => members.get(id)?.fullName ?? "")
      .sort()
      .join(", ");
  const compare: Record<Column, (a: ViewCard, b: ViewCard) => number> = {
    name: (a, b) => a.card.name.localeCompare(b.card.name),
    // Board order: the list's place, then the card's place in it.
    list: (a, b) =>
      (listOrder.get(a.list.id) ?? 0) - (listOrder.get(b.list.id) ?? 0) || a.card.pos - b.card.pos,
    labels: (a, b) => labelText(a.card).localeCompare(labelText(b.card)),
    members: (a, b) => memberText(a.card).localeCompare(memberText(b.card)),
    due: (a, b) => (a.card.due ?? "").localeCompare(b.card.due ?? ""),
  };
  const sorted = [...rows].sort((a, b) => {
    // Cards without a due date go last either way, as in Trello.
    if (sort.by === "due" && !a.card.due !== !b.card.due) return a.card.due ? -1 : 1;
    const order = compare[sort.by](a, b) || compare.list(a, b);
    return sort.descending ? -order : order;
  });

  return (
    <div class="table-view">
      <table class="card-table" aria-label="Cards">
        <thead>
          <tr>
            {COLUMNS.map(([column, text]) => (
              <th
                key={column}
                scope="col"
                aria-sort={sort.by === column ? (sort.descending ? "descending" : "ascending") : "none"}
              >
                <button
                  type="button"
                  class="table-sort"
                  onClick={() =>
                    setSort({ by: column, descending: sort.by === column ? !sort.descending : false })
                  }
                >
                  {text}
                  <span aria-hidden="true">{sort.by === column ? (sort.descending ? " ▾" : " ▴") : ""}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sorted.map(({ card, list }) => (
            <tr key={card.id} data-card-id={card.id}>
              <th scope="row" class="table-name">
                {editable ? (
                  <div class="table-name-edit">
                    <InlineEdit
                      value={card.name}
                      label="Card name"
                      onSave={(name) => void updateCard(cache, card.id, { name }, "rename the card")}
                    />
                    <a class="table-open" href={cardPath(card)} aria-label={`Open ${card.name}`}>
                      Open
                    </a>
                  </div>
                ) : (
                  <a href={cardPath(card)}>{card.name}</a>
                )}
              </th>
              <td>{list.name}</td>
              <td>
                <span class="table-labels">
                  {labels
                    .filter((l) => card.idLabels.includes(l.id))
                    .map((l) => (
                      <span key={l.id} class="card-label" style={{ background: labelCss(l.color) }}>
                        {l.name}
                      </span>
                    ))}
                </span>
              </td>
              <td>
                <span class="table-members">
                  {card.idMembers.map((id) => (
                    <Avatar key={id} member={members.get(id)} size="sm" />
                  ))}
                </span>
              </td>
              <td>
                {editable ? (
                  <input
                    type="datetime-local"
                    class="table-due"
                    aria-label={`Due date of ${card.name}`}
                    value={toLocalInput(card.due)}
                    onChange={(e) => {
                      const due = fromLocalInput((e.currentTarget as HTMLInputElement).value);
                      if (due !== card.due) void updateCard(cache, card.id, { due }, "change the due date");
                    }}
                  />
                ) : card.due ? (
                  <DueBadge due={card.due} complete={card.dueComplete} />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sorted.length === 0 && (
        <p class="view-message">{filterActive.value ? "No cards match the filter." : "No cards yet."}</p>
      )}
    </div>
  );
}
