// Trello's filter popover: keyword, members, due date, labels ("No members" and "No labels" after
// the real ones), and whether any or all of the chosen labels and members must be on a card.
import type { BoardCache } from "../model/board-cache.ts";
import { cardFilter, DUE_FILTERS, type DueFilter, emptyFilter, toggleIn } from "../model/filters.ts";
import { filterOpen } from "../model/selection.ts";
import { Avatar } from "./avatar.tsx";
import { labelCss } from "./colors.ts";

const DUE_TEXT: Record<DueFilter, string> = {
  any: "Any due date",
  overdue: "Overdue",
  day: "Due in the next day",
  week: "Due in the next week",
  none: "No due date",
  complete: "Marked complete",
};

export function FilterPanel({ cache }: { cache: BoardCache }) {
  const filter = cardFilter.value;
  const members = cache.members.value;
  return (
    <div
      class="popover filter-panel"
      role="dialog"
      aria-label="Filter cards"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          filterOpen.value = false;
        }
      }}
    >
      <div class="popover-title">
        <h3>Filter</h3>
        <button
          type="button"
          class="icon-button"
          aria-label="Close filter"
          onClick={() => (filterOpen.value = false)}
        >
          ×
        </button>
      </div>
      <label>
        Keyword
        <input
          type="search"
          placeholder="Enter a keyword…"
          value={filter.text}
          autoFocus
          onInput={(e) =>
            (cardFilter.value = { ...cardFilter.value, text: (e.currentTarget as HTMLInputElement).value })
          }
        />
      </label>
      <fieldset>
        <legend>Members</legend>
        {cache.memberships.value.map((m) => (
          <label key={m.id} class="check-row">
            <input
              type="checkbox"
              checked={filter.members.has(m.idMember)}
              onChange={() =>
                (cardFilter.value = {
                  ...cardFilter.value,
                  members: toggleIn(cardFilter.value.members, m.idMember),
                })
              }
            />
            <Avatar member={members.get(m.idMember)} size="sm" />
            {members.get(m.idMember)?.fullName ?? m.idMember}
          </label>
        ))}
        <label class="check-row">
          <input
            type="checkbox"
            checked={filter.noMembers}
            onChange={() =>
              (cardFilter.value = { ...cardFilter.value, noMembers: !cardFilter.value.noMembers })
            }
          />
          No members
        </label>
      </fieldset>
      <fieldset>
        <legend>Due date</legend>
        {DUE_FILTERS.map((d) => (
          <label key={d} class="check-row">
            <input
              type="radio"
              name="due-filter"
              checked={filter.due === d}
              onChange={() => (cardFilter.value = { ...cardFilter.value, due: d })}
            />
            {DUE_TEXT[d]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Labels</legend>
        {cache.labels.value.map((l) => (
          <label key={l.id} class="check-row">
            <input
              type="checkbox"
              checked={filter.labels.has(l.id)}
              onChange={() =>
                (cardFilter.value = { ...cardFilter.value, labels: toggleIn(cardFilter.value.labels, l.id) })
              }
            />
            <span class="label-chip label-chip-wide" style={{ background: labelCss(l.color) }}>
              {l.name || "\u00a0"}
            </span>
          </label>
        ))}
        <label class="check-row">
          <input
            type="checkbox"
            checked={filter.noLabels}
            onChange={() =>
              (cardFilter.value = { ...cardFilter.value, noLabels: !cardFilter.value.noLabels })
            }
          />
          No labels
        </label>
      </fieldset>
      <label>
        Labels and members
        <select
          value={filter.match}
          onChange={(e) =>
            (cardFilter.value = {
              ...cardFilter.value,
              match: (e.currentTarget as HTMLSelectElement).value === "all" ? "all" : "any",
            })
          }
        >
          <option value="any">Any match: a card with any of them</option>
          <option value="all">Exact match: a card with all of them</option>
        </select>
      </label>
      <button type="button" class="button" onClick={() => (cardFilter.value = emptyFilter)}>
        Clear filters
      </button>
    </div>
  );
}
