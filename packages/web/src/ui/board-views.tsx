// The board's views (Trello's Board, Calendar and Table): their URLs, the switcher in the board
// header, and loading the calendar and table code only when someone opens them, so the first
// load of a board does not pay for views it may never show.
import { signal } from "@preact/signals";
import type { Board } from "@tack/shared/models";
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { BoardCache } from "../model/board-cache.ts";
import { type BoardView, route, search } from "../router.ts";
import { boardPath } from "./card-link.ts";

/** The view under an open card (a card URL says nothing of it): the one last shown. */
export const lastBoardView = signal<BoardView>("board");
/** That view's query (the calendar's month), so closing a card returns to the same month. */
export const lastBoardSearch = signal("");

/** Where closing a card goes: the board in the view (and month) it was opened from. */
export const returnPath = (board: Board): string =>
  boardViewPath(board, lastBoardView.value) +
  (lastBoardView.value === "calendar" ? lastBoardSearch.value : "");

export function currentBoardView(): BoardView {
  const r = route.value;
  return r.name === "board" ? r.view : lastBoardView.value;
}

/** Remembers the view (and its query) while the route is the board's own. */
export function rememberBoardView(view: BoardView): void {
  lastBoardView.value = view;
  if (route.value.name === "board") lastBoardSearch.value = search.value;
}

export const boardViewPath = (board: Board, view: BoardView): string =>
  view === "board" ? boardPath(board) : `${boardPath(board)}/${view}`;

const VIEW_TEXT: Record<BoardView, string> = { board: "Board", calendar: "Calendar", table: "Table" };

export function ViewSwitcher({ board }: { board: Board }) {
  const current = currentBoardView();
  return (
    <nav class="view-switcher" aria-label="Board views">
      {(Object.keys(VIEW_TEXT) as BoardView[]).map((view) => (
        <a
          key={view}
          class={`header-button ${view === current ? "is-active" : ""}`}
          href={boardViewPath(board, view)}
          aria-current={view === current ? "page" : undefined}
        >
          {VIEW_TEXT[view]}
        </a>
      ))}
    </nav>
  );
}

type ViewComponent = ComponentType<{ cache: BoardCache }>;
const loaded = new Map<BoardView, ViewComponent>();
const loaders: Record<Exclude<BoardView, "board">, () => Promise<ViewComponent>> = {
  calendar: () => import("./calendar-view.tsx").then((m) => m.CalendarView),
  table: () => import("./table-view.tsx").then((m) => m.TableView),
};

/** Shows the calendar or table view, fetching its code the first time. */
export function LazyBoardView({ cache, view }: { cache: BoardCache; view: Exclude<BoardView, "board"> }) {
  const [, setReady] = useState(0);
  const [failed, setFailed] = useState(false);
  const View = loaded.get(view);
  useEffect(() => {
    if (loaded.has(view)) return;
    let live = true;
    loaders[view]()
      .then((component) => {
        loaded.set(view, component);
        if (live) setReady((n) => n + 1);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [view]);
  if (View) return <View cache={cache} />;
  if (failed)
    return (
      <div class="view-message" role="alert">
        Could not load this view. Check your connection and reload the page.
      </div>
    );
  return <div class="view-message" aria-busy="true" />;
}
