// Drag and drop with Atlassian's Pragmatic drag and drop (what Trello itself uses): cards within
// and across lists, lists along the board. Targets carry plain data; one board-level monitor
// turns a drop into a move (model/card-edits, model/list-edits).

import {
  draggable,
  dropTargetForElements,
  monitorForElements,
} from "@atlaskit/pragmatic-drag-and-drop/adapter/element-adapter";
import { combine } from "@atlaskit/pragmatic-drag-and-drop/combine";
import { signal } from "@preact/signals";
import type { RefObject } from "preact";
import { useEffect } from "preact/hooks";
import type { BoardCache } from "../model/board-cache.ts";
import { moveCard } from "../model/card-edits.ts";
import { moveList } from "../model/list-edits.ts";

type Edge = "before" | "after";
type DropData =
  | { type: "card"; id: string; idList: string; edge: Edge }
  | { type: "list-body"; idList: string }
  | { type: "list"; id: string; edge: Edge };

/** Where the dragged thing would land, for the drop indicator. */
export const dropHint = signal<{ id: string; edge: Edge } | null>(null);
export const dragging = signal<string | null>(null);

function edgeOf(element: Element, clientX: number, clientY: number, axis: "x" | "y"): Edge {
  const rect = element.getBoundingClientRect();
  return axis === "y"
    ? clientY < rect.top + rect.height / 2
      ? "before"
      : "after"
    : clientX < rect.left + rect.width / 2
      ? "before"
      : "after";
}

export function useCardDnd(ref: RefObject<HTMLElement | null>, id: string, idList: string): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    return combine(
      draggable({
        element,
        getInitialData: () => ({ type: "card", id }),
        onDragStart: () => (dragging.value = id),
        onDrop: () => {
          dragging.value = null;
          dropHint.value = null;
        },
      }),
      dropTargetForElements({
        element,
        canDrop: ({ source }) => source.data.type === "card",
        getData: ({ input }): DropData => ({
          type: "card",
          id,
          idList,
          edge: edgeOf(element, input.clientX, input.clientY, "y"),
        }),
        onDrag: ({ self }) => {
          const data = self.data as DropData;
          if (data.type === "card" && (dropHint.value?.id !== id || dropHint.value.edge !== data.edge)) {
            dropHint.value = { id, edge: data.edge };
          }
        },
        onDragLeave: () => {
          if (dropHint.value?.id === id) dropHint.value = null;
        },
      }),
    );
  }, [id, idList]);
}

export function useListBodyDropTarget(ref: RefObject<HTMLElement | null>, idList: string): void {
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    return dropTargetForElements({
      element,
      canDrop: ({ source }) => source.data.type === "card",
      getData: (): DropData => ({ type: "list-body", idList }),
    });
  }, [idList]);
}

export function useListDnd(
  ref: RefObject<HTMLElement | null>,
  handle: RefObject<HTMLElement | null>,
  id: string,
): void {
  useEffect(() => {
    const element = ref.current;
    const dragHandle = handle.current;
    if (!element || !dragHandle) return;
    return combine(
      draggable({
        element,
        dragHandle,
        getInitialData: () => ({ type: "list", id }),
        onDragStart: () => (dragging.value = id),
        onDrop: () => {
          dragging.value = null;
          dropHint.value = null;
        },
      }),
      dropTargetForElements({
        element,
        canDrop: ({ source }) => source.data.type === "list" || source.data.type === "card",
        getData: ({ input }): DropData => ({
          type: "list",
          id,
          edge: edgeOf(element, input.clientX, input.clientY, "x"),
        }),
        onDrag: ({ self, source }) => {
          const data = self.data as DropData;
          if (
            source.data.type === "list" &&
            data.type === "list" &&
            (dropHint.value?.id !== id || dropHint.value.edge !== data.edge)
          ) {
            dropHint.value = { id, edge: data.edge };
          }
        },
      }),
    );
  }, [id]);
}

/** Turns drops into moves. */
export function useBoardDropMonitor(cache: BoardCache): void {
  useEffect(
    () =>
      monitorForElements({
        onDrop: ({ source, location }) => {
          dropHint.value = null;
          dragging.value = null;
          const targets = location.current.dropTargets.map((t) => t.data as DropData);
          const sourceId = String(source.data.id);
          if (source.data.type === "card") {
            const target =
              targets.find((t) => t.type === "card" || t.type === "list-body") ??
              targets.find((t) => t.type === "list");
            if (!target) return;
            if (target.type === "card") {
              if (target.id === sourceId) return;
              const others = cache.openCardsOf(target.idList).filter((c) => c.id !== sourceId);
              const at = others.findIndex((c) => c.id === target.id);
              void moveCard(cache, sourceId, target.idList, at + (target.edge === "after" ? 1 : 0));
            } else {
              const idList = target.type === "list-body" ? target.idList : target.id;
              const count = cache.openCardsOf(idList).filter((c) => c.id !== sourceId).length;
              void moveCard(cache, sourceId, idList, count);
            }
          } else if (source.data.type === "list") {
            const target = targets.find((t) => t.type === "list");
            if (target?.type !== "list" || target.id === sourceId) return;
            const others = cache.openLists().filter((l) => l.id !== sourceId);
            const at = others.findIndex((l) => l.id === target.id);
            void moveList(cache, sourceId, at + (target.edge === "after" ? 1 : 0));
          }
        },
      }),
    [cache],
  );
}
