// The calendar view (/b/<id>/<slug>/calendar): a month grid, a row per week, each card on its
// due day; cards without a due date are listed aside. Editors drag a card to another day to move
// its due date (the time of day stays), or onto "No due date" to clear it. The month shown is in
// the URL (?month=YYYY-MM), so back and forward step through months too.
import { useState } from "preact/hooks";
import { canEditBoard } from "../model/board-access.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { updateCard } from "../model/card-edits.ts";
import { navigate, search } from "../router.ts";
import { cardPath } from "./card-link.ts";
import { labelCss } from "./colors.ts";
import { dueState } from "./due-badge.tsx";
import { dayKey, moveToDay, type ViewCard, viewCards } from "./view-cards.ts";

const WEEKDAYS = Array.from({ length: 7 }, (_, i) =>
  new Intl.DateTimeFormat(undefined, { weekday: "short" }).format(new Date(2024, 0, 7 + i)),
);
const MONTH_TITLE = new Intl.DateTimeFormat(undefined, { month: "long", year: "numeric" });
const TIME = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const DRAG_TYPE = "application/x-tack-card";

function shownMonth(): { year: number; month: number } {
  const asked = new URLSearchParams(search.value).get("month");
  const match = asked ? /^(\d{4})-(\d{2})$/.exec(asked) : null;
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12)
    return { year: Number(match[1]), month: Number(match[2]) - 1 };
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() };
}

const monthParam = (year: number, month: number): string => {
  const d = new Date(year, month, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
};

/** The weeks (Sunday first) that cover the month, each a list of seven days. */
function weeksOf(year: number, month: number): Date[][] {
  const first = new Date(year, month, 1);
  const start = new Date(year, month, 1 - first.getDay());
  const weeks: Date[][] = [];
  for (let day = new Date(start); weeks.length < 6; ) {
    const week: Date[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(new Date(day));
      day.setDate(day.getDate() + 1);
    }
    weeks.push(week);
    if (day.getMonth() !== month) break;
  }
  return weeks;
}

export function CalendarView({ cache }: { cache: BoardCache }) {
  const { year, month } = shownMonth();
  const editable = canEditBoard(cache);
  const [dropDay, setDropDay] = useState<string | null>(null);
  const cards = viewCards(cache);
  const byDay = new Map<string, ViewCard[]>();
  const undated: ViewCard[] = [];
  for (const entry of cards) {
    if (!entry.card.due) {
      undated.push(entry);
      continue;
    }
    const key = dayKey(new Date(entry.card.due));
    const bucket = byDay.get(key);
    if (bucket) bucket.push(entry);
    else byDay.set(key, [entry]);
  }
  for (const bucket of byDay.values()) bucket.sort((a, b) => (a.card.due! < b.card.due! ? -1 : 1));
  const today = dayKey(new Date());
  const go = (offset: number) => {
    const params = new URLSearchParams(search.value);
    params.set("month", monthParam(year, month + offset));
    navigate(`${location.pathname}?${params}`);
  };

  function dropOn(key: string | null, event: DragEvent) {
    event.preventDefault();
    setDropDay(null);
    const id = event.dataTransfer?.getData(DRAG_TYPE);
    const card = id ? cache.card(id) : undefined;
    if (!card) return;
    const due = key === null ? null : moveToDay(card.due, key);
    if (due === card.due) return;
    void updateCard(cache, card.id, { due }, "change the due date");
  }

  const dropProps = (key: string | null) =>
    editable
      ? {
          onDragOver: (e: DragEvent) => {
            if (!e.dataTransfer?.types.includes(DRAG_TYPE)) return;
            e.preventDefault();
            if (dropDay !== (key ?? "none")) setDropDay(key ?? "none");
          },
          onDragLeave: (e: DragEvent) => {
            if (!(e.currentTarget as Element).contains(e.relatedTarget as Node | null)) setDropDay(null);
          },
          onDrop: (e: DragEvent) => dropOn(key, e),
        }
      : {};

  return (
    <div class="calendar-view">
      <section class="calendar-main" aria-label="Calendar">
        <div class="calendar-toolbar">
          <button type="button" class="header-button" aria-label="Previous month" onClick={() => go(-1)}>
            ‹
          </button>
          <h2 class="calendar-title">{MONTH_TITLE.format(new Date(year, month, 1))}</h2>
          <button type="button" class="header-button" aria-label="Next month" onClick={() => go(1)}>
            ›
          </button>
          <button
            type="button"
            class="header-button"
            onClick={() => {
              const now = new Date();
              go((now.getFullYear() - year) * 12 + now.getMonth() - month);
            }}
          >
            Today
          </button>
        </div>
        <table class="calendar-grid" aria-label={MONTH_TITLE.format(new Date(year, month, 1))}>
          <thead>
            <tr>
              {WEEKDAYS.map((d) => (
                <th key={d} scope="col" class="calendar-weekday">
                  {d}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeksOf(year, month).map((week) => (
              <tr key={dayKey(week[0]!)} class="calendar-week">
                {week.map((day) => {
                  const key = dayKey(day);
                  const mine = byDay.get(key) ?? [];
                  return (
                    <td
                      key={key}
                      data-day={key}
                      aria-label={day.toLocaleDateString(undefined, { dateStyle: "full" })}
                      class={`calendar-day ${day.getMonth() === month ? "" : "is-other-month"} ${key === today ? "is-today" : ""} ${dropDay === key ? "is-drop-target" : ""}`}
                      {...dropProps(key)}
                    >
                      <span class="calendar-date">{day.getDate()}</span>
                      <ul class="calendar-cards">
                        {mine.map((entry) => (
                          <CalendarCard
                            key={entry.card.id}
                            entry={entry}
                            cache={cache}
                            draggable={editable}
                          />
                        ))}
                      </ul>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <aside
        class={`calendar-undated ${dropDay === "none" ? "is-drop-target" : ""}`}
        aria-label="No due date"
        {...dropProps(null)}
      >
        <h2>No due date</h2>
        {undated.length === 0 ? (
          <p class="muted">Every card has a due date.</p>
        ) : (
          <ul class="calendar-cards">
            {undated.map((entry) => (
              <CalendarCard key={entry.card.id} entry={entry} cache={cache} draggable={editable} />
            ))}
          </ul>
        )}
      </aside>
    </div>
  );
}

function CalendarCard({
  entry,
  cache,
  draggable,
}: {
  entry: ViewCard;
  cache: BoardCache;
  draggable: boolean;
}) {
  const { card, list } = entry;
  const labels = cache.labels.value.filter((l) => card.idLabels.includes(l.id));
  return (
    <li
      class={`calendar-card ${card.due ? `due-${dueState(card.due, card.dueComplete)}` : ""}`}
      data-card-id={card.id}
    >
      <a
        href={cardPath(card)}
        draggable={draggable}
        onDragStart={(e) => {
          e.dataTransfer?.setData(DRAG_TYPE, card.id);
          if (e.dataTransfer) e.dataTransfer.effectAllowed = "move";
        }}
        title={`${card.name} (in ${list.name})`}
      >
        {labels.length > 0 && (
          <span class="calendar-card-labels" aria-hidden="true">
            {labels.map((l) => (
              <span key={l.id} style={{ background: labelCss(l.color) }} />
            ))}
          </span>
        )}
        <span class="calendar-card-name">{card.name}</span>
        {card.due && <span class="calendar-card-time">{TIME.format(new Date(card.due))}</span>}
      </a>
    </li>
  );
}
