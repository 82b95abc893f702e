// The board screen: header, lists side by side, and the card dialog over them when the URL is a
// card's; or the calendar or table view instead of the lists (/calendar, /table). Loads the board (or the card's board) named by the route.
import { useEffect, useLayoutEffect } from "preact/hooks";
import type { BoardCache } from "../model/board-cache.ts";
import { boardLoad, openBoard, openCardId, openCardRoute } from "../model/open-board.ts";
import { boardMenuOpen, helpOpen } from "../model/selection.ts";
import { leaveBoardUndo } from "../model/undo.ts";
import { loadWatching } from "../notifications/watching.ts";
import { navigate, search } from "../router.ts";
import { BoardCanvas } from "./board-canvas.tsx";
import { BoardHeader } from "./board-header.tsx";
import { currentBoardView, LazyBoardView, rememberBoardView, returnPath } from "./board-views.tsx";
import { ClosedBoardBanner } from "./closed-board-banner.tsx";
import { backgroundCss } from "./colors.ts";
import { loadDragAndDrop } from "./dnd.ts";
import { lazyComponent } from "./lazy.tsx";
import { LazyFailureDialog } from "./lazy-failure-dialog.tsx";
import { useBoardShortcuts } from "./shortcuts.ts";
import { useUndoShortcut } from "./undo-shortcut.ts";

// The shortcut help opens on "?", rarely: its code loads then.
const closeHelp = () => (helpOpen.value = false);
const HelpDialog = lazyComponent(() => import("./help-dialog.tsx").then((m) => m.HelpDialog), {
  loading: <div class="dialog-backdrop" aria-busy="true" />,
  what: "the keyboard shortcuts",
  failed: (_props, message) => <LazyFailureDialog message={message} onClose={closeHelp} />,
});

// The board menu (settings, members, labels, archive, activity) opens on demand, not on every visit.
const BoardMenu = lazyComponent(() => import("./board-menu.tsx").then((m) => m.BoardMenu), {
  loading: <aside class="board-menu" aria-label="Board menu" aria-busy="true" />,
  what: "the board menu",
  failed: (_props, message) => (
    <aside class="board-menu" aria-label="Board menu">
      <p class="muted" role="alert">
        {message}
      </p>
    </aside>
  ),
});

// The card dialog is most of the board screen's code but never part of its first frame: it loads
// once the board is on screen and the page is idle, ahead of the first click (ReadyBoard), or at
// once when the URL is a card's.
const CardDialog = lazyComponent(() => import("./card-dialog.tsx").then((m) => m.CardDialog), {
  loading: <div class="dialog-backdrop" aria-busy="true" />,
  what: "the card",
  failed: (props, message) => (
    <LazyFailureDialog message={message} onClose={() => navigate(returnPath(props.cache.board.value))} />
  ),
});

/** Fetches what the board screen shows on a first click or drag, when the page has nothing to do. */
function preloadInteractions(): void {
  CardDialog.preload();
  void loadDragAndDrop().catch(() => {});
}

export function BoardPage({ boardKey, cardKey }: { boardKey: string | null; cardKey: string | null }) {
  // A layout effect, not an effect: a board already read (the shell's preload) renders in the same
  // task instead of a frame later.
  useLayoutEffect(() => {
    if (boardKey) {
      openCardId.value = null;
      void openBoard(boardKey);
    } else if (cardKey) {
      void openCardRoute(cardKey);
    }
  }, [boardKey, cardKey]);

  const load = boardLoad.value;
  if (load.status === "failed") {
    return (
      <main class="page-message">
        <h1>Board not found</h1>
        <p>{load.message}</p>
        <a href="/">Go to your boards</a>
      </main>
    );
  }
  if (load.status !== "ready") return <main class="board-page" aria-busy="true" />;
  return <ReadyBoard cache={load.cache} />;
}

function ReadyBoard({ cache }: { cache: BoardCache }) {
  const board = cache.board.value;
  useEffect(() => {
    document.title = `${board.name} | Tack`;
  }, [board.name]);
  useBoardShortcuts(cache);
  useUndoShortcut(cache);
  useEffect(() => () => leaveBoardUndo(cache.id), [cache]);
  useEffect(() => void loadWatching(cache.id), [cache]);
  useEffect(() => {
    if (typeof requestIdleCallback !== "function") return void setTimeout(preloadInteractions, 500);
    const idle = requestIdleCallback(preloadInteractions, { timeout: 2000 });
    return () => cancelIdleCallback(idle);
  }, []);
  const view = currentBoardView();
  useEffect(() => rememberBoardView(view), [view, search.value]);
  useLayoutEffect(() => {
    performance.mark("tack:board-rendered");
  }, [cache]);
  const cardId = openCardId.value;
  return (
    <main
      class="board-page"
      style={{ background: backgroundCss(board.prefs.background, board.prefs) }}
      data-board-id={cache.id}
    >
      <BoardHeader cache={cache} />
      <ClosedBoardBanner cache={cache} />
      {view === "board" ? <BoardCanvas cache={cache} /> : <LazyBoardView cache={cache} view={view} />}
      {boardMenuOpen.value && <BoardMenu cache={cache} />}
      {cardId && <CardDialog cache={cache} cardId={cardId} />}
      {helpOpen.value && <HelpDialog />}
    </main>
  );
}
