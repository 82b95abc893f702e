// Drag and drop by touch. Pragmatic drag and drop rides on the browser's native drag events,
// which a finger does not start in most mobile browsers; so a touch drag is driven here from
// pointer events and ends in the same place as a mouse drag: the same drop indicator signals
// (dragging, dropHint), the same slot finding (slotAt) and the same move (dropCard).
//  - a long press (no movement for LONG_PRESS_MS) picks the card up; moving earlier is a scroll;
//  - a copy of the card follows the finger; the page does not scroll under it;
//  - near a screen edge the board scrolls sideways to other lists; near a list's top or bottom,
//    the list scrolls;
//  - lifting the finger drops the card where the indicator shows; a cancelled touch drops nothing.
// Lists move the same way, by a long press on their header (useTouchListDrag): the list follows
// the finger and drops before or after the list under it (dropList), as a mouse drag does.
import type { RefObject } from "preact";
import { useEffect } from "preact/hooks";
import type { BoardCache } from "../model/board-cache.ts";
import { dragging, dropCard, dropList, type Edge, endDrag, setHint, slotAt } from "./dnd.ts";

const LONG_PRESS_MS = 400;
/** A finger moving farther than this before the long press means a scroll, not a pick-up. */
const SLOP_PX = 8;
const EDGE_PX = 40;
const MAX_SPEED = 18;

interface Drop {
  idList: string;
  before: string | null;
}

function dropAt(x: number, y: number, sourceId: string): Drop | null {
  const under = document.elementFromPoint(x, y);
  const list = under?.closest<HTMLElement>(".list");
  const idList = list?.dataset.listId;
  if (!list || !idList) return null;
  const body = list.querySelector<HTMLElement>(".list-cards");
  if (!body) return { idList, before: null };
  const { before, last } = slotAt(body, y, sourceId);
  setHint(before ? { id: before, edge: "before" } : last ? { id: last, edge: "after" } : null);
  return { idList, before };
}

/** Speed toward an edge: 0 outside the band, up to MAX_SPEED at the edge itself. */
function edgeSpeed(position: number, low: number, high: number): number {
  if (position < low + EDGE_PX) return -MAX_SPEED * Math.min(1, (low + EDGE_PX - position) / EDGE_PX);
  if (position > high - EDGE_PX) return MAX_SPEED * Math.min(1, (position - (high - EDGE_PX)) / EDGE_PX);
  return 0;
}

/** What a long-press drag moves, and where: the card and list drags differ only in these. */
interface TouchDragSpec<T> {
  /** The element a copy of which follows the finger. */
  ghostOf: (element: HTMLElement) => HTMLElement;
  /** Where a drop at the finger would go (also shows the indicator); null: nowhere. */
  targetAt: (x: number, y: number) => T | null;
  drop: (target: T) => void;
  /** Whether the list under the finger scrolls near its top and bottom (cards, not lists). */
  scrollsLists: boolean;
}

export function useTouchCardDrag(
  ref: RefObject<HTMLElement | null>,
  cache: BoardCache,
  id: string,
  enabled: boolean,
): void {
  useLongPressDrag(ref, id, enabled, cache, () => ({
    ghostOf: (element) => element,
    targetAt: (x, y) => dropAt(x, y, id),
    drop: (target: Drop) => dropCard(cache, id, target.idList, target.before),
    scrollsLists: true,
  }));
}

/** A list picked up by a long press on its header (`handle`), dropped beside the list under the finger. */
export function useTouchListDrag(
  handle: RefObject<HTMLElement | null>,
  cache: BoardCache,
  id: string,
  enabled: boolean,
): void {
  useLongPressDrag(handle, id, enabled, cache, () => ({
    ghostOf: (element) => element.closest<HTMLElement>(".list") ?? element,
    targetAt: (x, y) => {
      const list = document.elementFromPoint(x, y)?.closest<HTMLElement>(".list");
      const target = list?.dataset.listId;
      if (!list || !target) return null;
      const box = list.getBoundingClientRect();
      const edge: Edge = x < box.left + box.width / 2 ? "before" : "after";
      setHint(target === id ? null : { id: target, edge });
      return { target, edge };
    },
    drop: ({ target, edge }: { target: string; edge: Edge }) => dropList(cache, id, target, edge),
    scrollsLists: false,
  }));
}

function useLongPressDrag<T>(
  ref: RefObject<HTMLElement | null>,
  id: string,
  enabled: boolean,
  cache: BoardCache,
  specOf: () => TouchDragSpec<T>,
): void {
  useEffect(() => {
    const element = ref.current;
    if (!element || !enabled) return;
    const spec = specOf();
    let timer = 0;
    let start = { x: 0, y: 0 };
    let cleanupDrag: (() => void) | null = null;

    const cancelPress = () => {
      clearTimeout(timer);
      timer = 0;
    };

    const pickUp = (pointerId: number) => {
      timer = 0;
      const canvas = element.closest<HTMLElement>(".board-canvas");
      const source = spec.ghostOf(element);
      const rect = source.getBoundingClientRect();
      const ghost = source.cloneNode(true) as HTMLElement;
      ghost.classList.add("touch-drag-ghost");
      ghost.classList.remove("is-selected");
      ghost.style.width = `${rect.width}px`;
      document.body.append(ghost);
      const offset = { x: start.x - rect.left, y: start.y - rect.top };
      let finger = { ...start };
      let drop: T | null = null;
      let frame = 0;
      dragging.value = id;
      canvas?.classList.add("is-touch-dragging");
      navigator.vibrate?.(20);

      const place = () => {
        ghost.style.transform = `translate(${finger.x - offset.x}px, ${finger.y - offset.y}px)`;
        drop = spec.targetAt(finger.x, finger.y);
        // Over no target (between lists, off the board) a lift drops nothing: no indicator may say otherwise.
        if (drop === null) setHint(null);
      };
      // Edge auto-scroll, one step a frame while the finger rests near an edge.
      const scroll = () => {
        frame = requestAnimationFrame(scroll);
        if (canvas) {
          const box = canvas.getBoundingClientRect();
          const dx = edgeSpeed(finger.x, box.left, box.right);
          if (dx) canvas.scrollLeft += dx;
        }
        const body = spec.scrollsLists
          ? document.elementFromPoint(finger.x, finger.y)?.closest<HTMLElement>(".list-cards")
          : null;
        if (body) {
          const box = body.getBoundingClientRect();
          const dy = edgeSpeed(finger.y, box.top, box.bottom);
          if (dy) body.scrollTop += dy;
        }
        place();
      };
      const onMove = (event: PointerEvent) => {
        if (event.pointerId !== pointerId) return;
        finger = { x: event.clientX, y: event.clientY };
        place();
      };
      // The page must not scroll under a dragged card: touchmove is the one event that can stop it.
      const noScroll = (event: TouchEvent) => event.preventDefault();
      const finish = (event: PointerEvent) => {
        if (event.pointerId !== pointerId) return;
        const target = event.type === "pointerup" ? drop : null;
        cleanupDrag?.();
        if (target) spec.drop(target);
      };
      window.addEventListener("pointermove", onMove);
      window.addEventListener("pointerup", finish);
      window.addEventListener("pointercancel", finish);
      window.addEventListener("touchmove", noScroll, { passive: false });
      place();
      frame = requestAnimationFrame(scroll);
      cleanupDrag = () => {
        cancelAnimationFrame(frame);
        window.removeEventListener("pointermove", onMove);
        window.removeEventListener("pointerup", finish);
        window.removeEventListener("pointercancel", finish);
        window.removeEventListener("touchmove", noScroll);
        ghost.remove();
        canvas?.classList.remove("is-touch-dragging");
        endDrag();
        cleanupDrag = null;
      };
    };

    const onDown = (event: PointerEvent) => {
      if (event.pointerType !== "touch" || !event.isPrimary) return;
      start = { x: event.clientX, y: event.clientY };
      cancelPress();
      timer = window.setTimeout(() => pickUp(event.pointerId), LONG_PRESS_MS);
    };
    const onMoveBeforePickUp = (event: PointerEvent) => {
      if (timer && Math.hypot(event.clientX - start.x, event.clientY - start.y) > SLOP_PX) cancelPress();
    };
    // A long press must not also open the context menu or follow the card's link.
    const onContextMenu = (event: Event) => {
      if (timer || cleanupDrag) event.preventDefault();
    };
    const onClick = (event: Event) => {
      if (!cleanupDrag) return;
      event.preventDefault();
      event.stopPropagation();
    };
    // Registered from the start, so the browser treats touches on a card as cancellable: a
    // touchmove listener added only after the long press could not stop the page scrolling.
    const onTouchMove = (event: TouchEvent) => {
      if (cleanupDrag) event.preventDefault();
    };
    element.addEventListener("touchmove", onTouchMove, { passive: false });
    element.addEventListener("pointerdown", onDown);
    element.addEventListener("pointermove", onMoveBeforePickUp);
    element.addEventListener("pointerup", cancelPress);
    element.addEventListener("pointercancel", cancelPress);
    element.addEventListener("contextmenu", onContextMenu);
    element.addEventListener("click", onClick, true);
    return () => {
      // A drag under way outlives this card's element (a list scrolling renders other cards):
      // its window listeners end it when the finger lifts.
      cancelPress();
      element.removeEventListener("touchmove", onTouchMove);
      element.removeEventListener("pointerdown", onDown);
      element.removeEventListener("pointermove", onMoveBeforePickUp);
      element.removeEventListener("pointerup", cancelPress);
      element.removeEventListener("pointercancel", cancelPress);
      element.removeEventListener("contextmenu", onContextMenu);
      element.removeEventListener("click", onClick, true);
    };
  }, [id, enabled, cache]);
}
