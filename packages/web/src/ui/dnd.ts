// Drag and drop with Atlassian's Pragmatic drag and drop (what Trello itself uses): cards within
// and across lists, lists along the board. Each list's card area is one drop target that finds
// the slot from the pointer's height, and cards register as drag sources only when the pointer
// reaches them, so a board of a thousand cards costs a handful of registrations, not thousands.
// One board-level monitor turns a drop into a move (model/card-edits, model/list-edits). The library
// itself loads after the board's first frame (ui/dnd-library); registrations made before it is in
// wait for it.

import { signal } from "@preact/signals";
import type { RefObject } from "preact";
import { useEffect } from "preact/hooks";
import type { BoardCache } from "../model/board-cache.ts";
import { moveCard } from "../model/card-edits.ts";
import { moveList } from "../model/list-edits.ts";
import { loadOnce } from "./load-once.ts";

export type Edge = "before" | "after";
type DropData =
  | { type: "list-body"; idList: string; before: string | null }
  | { type: "list"; id: string; edge: Edge };

/** Where the dragged thing would land, for the drop indicator. */
export const dropHint = signal<{ id: string; edge: Edge } | null>(null);
export const dragging = signal<string | null>(null);

type Library = typeof import("./dnd-library.ts");
let library: Library | null = null;
/** Registrations made before the library was in, run when it arrives. */
const waiting = new Set<(dnd: Library) => void>();

/**
 * Fetches the drag-and-drop library once (again after a failure: the next call retries). Called
 * when the page is idle after the board's first frame (ui/board-page) and when a pointer reaches a
 * card, not by the registrations themselves: its parse would otherwise compete with the first frame.
 */
export const loadDragAndDrop = loadOnce(() =>
  import("./dnd-library.ts").then((loaded) => {
    library = loaded;
    for (const register of waiting) register(loaded);
    waiting.clear();
    return loaded;
  }),
);

/**
 * Registers with the library now if it is loaded, else when it arrives; the returned cleanup undoes
 * the registration or cancels the wait. Until then (or offline before it ever loaded) nothing is
 * draggable, and the card menu's Move still moves cards.
 */
function whenLoaded(register: (dnd: Library) => () => void): () => void {
  if (library) return register(library);
  let cleanup: (() => void) | null = null;
  const onLoad = (dnd: Library) => {
    cleanup = register(dnd);
  };
  waiting.add(onLoad);
  return () => {
    waiting.delete(onLoad);
    cleanup?.();
  };
}

export function setHint(hint: { id: string; edge: Edge } | null): void {
  const now = dropHint.value;
  if (hint?.id !== now?.id || hint?.edge !== now?.edge) dropHint.value = hint;
}

export const endDrag = (): void => {
  dragging.value = null;
  dropHint.value = null;
};

/** Makes a card draggable, registering it when the pointer first reaches it. */
export function useCardDraggable(ref: RefObject<HTMLElement | null>, id: string, enabled = true): void {
  useEffect(() => {
    const element = ref.current;
    if (!element || !enabled) return;
    let cleanup: (() => void) | null = null;
    const register = (event: PointerEvent) => {
      // A finger picks a card up by a long press (ui/touch-drag); a native drag would fight it.
      if (event.pointerType === "touch") return;
      void loadDragAndDrop().catch(() => {});
      cleanup ??= whenLoaded((dnd) =>
        dnd.draggable({
          element,
          getInitialData: () => ({ type: "card", id }),
          onDragStart: () => {
            dragging.value = id;
          },
          onDrop: endDrag,
        }),
      );
    };
    element.addEventListener("pointerenter", register);
    element.addEventListener("pointerdown", register);
    return () => {
      element.removeEventListener("pointerenter", register);
      element.removeEventListener("pointerdown", register);
      cleanup?.();
    };
  }, [id, enabled]);
}

/** Which visible card a drop at `clientY` goes before (null: after `last`, the end of the list). */
export function slotAt(
  body: Element,
  clientY: number,
  sourceId: string,
): { before: string | null; last: string | null } {
  let last: string | null = null;
  for (const child of body.querySelectorAll<HTMLElement>(":scope > .card:not([hidden])")) {
    const id = child.dataset.cardId;
    if (!id || id === sourceId) continue;
    const rect = child.getBoundingClientRect();
    if (clientY < rect.top + rect.height / 2) return { before: id, last };
    last = id;
  }
  // The list renders only the cards in view: below the last of those comes the first one not
  // rendered (the end spacer names it), not the end of the list.
  const next = body.querySelector<HTMLElement>(":scope > .list-spacer-end")?.dataset.nextCardId;
  return { before: next && next !== sourceId ? next : null, last };
}

/** A list's cards area as the drop target for cards. */
export function useListBodyDropTarget(ref: RefObject<HTMLElement | null>, idList: string): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    return whenLoaded((dnd) =>
      dnd.dropTargetForElements({
        element,
        canDrop: ({ source }) => source.data.type === "card",
        getData: ({ input, source }): DropData => ({
          type: "list-body",
          idList,
          before: slotAt(element, input.clientY, String(source.data.id)).before,
        }),
        onDrag: ({ location, source }) => {
          const { before, last } = slotAt(element, location.current.input.clientY, String(source.data.id));
          setHint(before ? { id: before, edge: "before" } : last ? { id: last, edge: "after" } : null);
        },
        onDragLeave: () => setHint(null),
      }),
    );
  }, [idList]);
}

/** A list: dragged by its header, and a drop target for lists (left or right half) and cards (the end). */
export function useListDnd(
  ref: RefObject<HTMLElement | null>,
  handle: RefObject<HTMLElement | null>,
  id: string,
): void {
  useEffect(() => {
    const element = ref.current;
    const dragHandle = handle.current;
    if (!element || !dragHandle) return;
    const edgeOf = (clientX: number): Edge => {
      const rect = element.getBoundingClientRect();
      return clientX < rect.left + rect.width / 2 ? "before" : "after";
    };
    // A pointer on the header may be about to drag the list before the page was ever idle.
    const fetchLibrary = () => void loadDragAndDrop().catch(() => {});
    dragHandle.addEventListener("pointerenter", fetchLibrary, { once: true });
    const registration = whenLoaded((dnd) =>
      dnd.combine(
        dnd.draggable({
          element,
          dragHandle,
          getInitialData: () => ({ type: "list", id }),
          onDragStart: () => {
            dragging.value = id;
          },
          onDrop: endDrag,
        }),
        dnd.dropTargetForElements({
          element,
          canDrop: ({ source }) => source.data.type === "list" || source.data.type === "card",
          getData: ({ input }): DropData => ({ type: "list", id, edge: edgeOf(input.clientX) }),
          onDrag: ({ location, source }) => {
            if (source.data.type === "list") setHint({ id, edge: edgeOf(location.current.input.clientX) });
          },
        }),
      ),
    );
    return () => {
      dragHandle.removeEventListener("pointerenter", fetchLibrary);
      registration();
    };
  }, [id]);
}

/** Moves a dropped card into `idList`, before the card `before` (null: at the end). */
export function dropCard(cache: BoardCache, sourceId: string, idList: string, before: string | null): void {
  const others = cache.openCardsOf(idList).filter((c) => c.id !== sourceId);
  const at = before ? others.findIndex((c) => c.id === before) : -1;
  void moveCard(cache, sourceId, idList, at === -1 ? "end" : at);
}

/** Moves a dropped list before or after the list `target` (a drop on itself moves nothing). */
export function dropList(cache: BoardCache, sourceId: string, target: string, edge: Edge): void {
  if (target === sourceId) return;
  const others = cache.openLists().filter((l) => l.id !== sourceId);
  const at = others.findIndex((l) => l.id === target);
  void moveList(cache, sourceId, at + (edge === "after" ? 1 : 0));
}

/** Turns drops into moves. */
export function useBoardDropMonitor(cache: BoardCache): void {
  useEffect(
    () =>
      whenLoaded((dnd) =>
        dnd.monitorForElements({
          onDrop: ({ source, location }) => {
            endDrag();
            const targets = location.current.dropTargets.map((t) => t.data as DropData);
            const sourceId = String(source.data.id);
            if (source.data.type === "card") {
              const target =
                targets.find((t) => t.type === "list-body") ?? targets.find((t) => t.type === "list");
              if (!target) return;
              const idList = target.type === "list-body" ? target.idList : target.id;
              dropCard(cache, sourceId, idList, target.type === "list-body" ? target.before : null);
            } else if (source.data.type === "list") {
              const target = targets.find((t) => t.type === "list");
              if (target?.type === "list") dropList(cache, sourceId, target.id, target.edge);
            }
          },
        }),
      ),
    [cache],
  );
}
