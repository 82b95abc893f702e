// Keeps a list's card area virtual: tracks its scroll position and size, measures the cards it
// renders and answers which slice of the list to render (model/virtual-window).
import type { RefObject } from "preact";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import { type VirtualWindow, windowOf } from "../model/virtual-window.ts";

/** A card front with labels, a title and a row of badges, its 8 px gap included. */
export const CARD_ESTIMATE = 80;
/** The gap below each card (styles.css `.list-cards`). */
const CARD_GAP = 8;
/** About a screen above and below the view, so scrolling and keyboard moves find cards ready. */
const OVERSCAN = 400;
/** Heights measured on any list, by card id: a card moving lists keeps its measure. */
const measured = new Map<string, number>();

/** A list's width and the gap after it on a wide screen (styles.css `.list`, `.board-canvas`). */
const LIST_STRIDE = 284;

/**
 * Whether a list, by its place on the board, starts inside the window's width when the board first
 * paints (the board opens scrolled to its left edge).
 */
export const inFirstView = (index: number): boolean =>
  typeof window === "undefined" || index * LIST_STRIDE < window.innerWidth;

let shown: Promise<void> | null = null;

/**
 * Resolves once the board's first frame is on screen: when a card's name has been presented
 * (Element Timing, ui/card-tile `elementtiming`), capped at a frame and 150 ms (a board with no
 * card in view, a browser without Element Timing). The rest of the board renders after, so its
 * work does not compete with the first frame's raster for the same cores. All lists of a board
 * opening share one wait.
 */
function firstFrameShown(): Promise<void> {
  if (shown) return shown;
  const wait = new Promise<void>((resolve) => {
    const since = performance.now();
    let observer: PerformanceObserver | null = null;
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      observer?.disconnect();
      if (shown === wait) shown = null; // the next board to open waits for its own frame
      resolve();
    };
    if (PerformanceObserver.supportedEntryTypes?.includes("element")) {
      observer = new PerformanceObserver((list) => {
        if (list.getEntries().some((entry) => entry.startTime >= since)) done();
      });
      observer.observe({ type: "element" });
    }
    requestAnimationFrame(() => setTimeout(done, observer ? 150 : 0));
  });
  shown = wait;
  return wait;
}

/**
 * The slice of `ids` to render. The board's first frame is as small as it can be: lists in view
 * render the cards that fit at their estimated height, lists beyond the window's width render
 * none, and nothing is measured (a measure forces a layout, and a changed height a second render,
 * before anything is on screen). Right after that frame every list renders its window with its
 * margin, and heights are measured from then on.
 */
export function useVirtualCards(
  body: RefObject<HTMLElement | null>,
  ids: readonly string[],
  inView: boolean,
): VirtualWindow {
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(() => (typeof window === "undefined" ? 800 : window.innerHeight));
  const [version, setVersion] = useState(0);
  const [firstFrame, setFirstFrame] = useState(true);
  useEffect(() => {
    let live = true;
    void firstFrameShown().then(() => live && setFirstFrame(false));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const element = body.current;
    if (!element) return;
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setScrollTop(element.scrollTop);
      });
    };
    const resize = new ResizeObserver(() => setViewport(element.clientHeight || window.innerHeight));
    element.addEventListener("scroll", onScroll, { passive: true });
    resize.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      element.removeEventListener("scroll", onScroll);
      resize.disconnect();
    };
  }, []);

  const deferred = firstFrame && !inView;
  const win = useMemo(
    () =>
      windowOf({
        ids,
        heights: measured,
        estimate: CARD_ESTIMATE,
        scrollTop,
        viewport: deferred ? 0 : viewport,
        overscan: firstFrame ? 0 : OVERSCAN,
        empty: deferred,
      }),
    [ids, scrollTop, viewport, version, firstFrame, deferred],
  );

  // Card heights come from a ResizeObserver: it reports after the browser's own layout, so
  // measuring forces no layout of its own (reading offsetHeight after every render did, on every
  // scroll frame), and it reports a card again only when its size changes (an edited title). A
  // height that differs from what the window assumed computes the window again; during the first
  // frame heights are only noted (the window is computed again right after it anyway).
  const sizes = useRef<{ observer: ResizeObserver; observed: Set<Element> } | null>(null);
  const firstFrameNow = useRef(firstFrame);
  firstFrameNow.current = firstFrame;
  const observeSizes = () =>
    new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const card = entry.target as HTMLElement;
        const id = card.dataset.cardId;
        const box = entry.borderBoxSize[0];
        if (!id || card.hidden || !box || box.blockSize === 0) continue;
        const height = Math.round(box.blockSize) + CARD_GAP;
        if (measured.get(id) !== height) {
          measured.set(id, height);
          changed = true;
        }
      }
      if (changed && !firstFrameNow.current) setVersion((v) => v + 1);
    });
  useEffect(() => () => sizes.current?.observer.disconnect(), []);
  // After each render: observe the cards that appeared, stop observing those that left. Reading
  // which children there are needs no layout.
  useLayoutEffect(() => {
    const element = body.current;
    if (!element) return;
    sizes.current ??= { observer: observeSizes(), observed: new Set() };
    const current = sizes.current;
    const rendered = new Set<Element>(element.querySelectorAll(":scope > .card"));
    for (const card of current.observed) {
      if (!rendered.has(card)) {
        current.observer.unobserve(card);
        current.observed.delete(card);
      }
    }
    for (const card of rendered) {
      if (!current.observed.has(card)) {
        current.observer.observe(card);
        current.observed.add(card);
      }
    }
  });
  return win;
}

/** Brings a card of this list into view (keyboard selection), rendering it first if needed. */
export function scrollCardIntoView(body: HTMLElement, win: VirtualWindow, index: number): void {
  const top = win.offsets[index];
  const bottom = win.offsets[index + 1];
  if (top === undefined || bottom === undefined) return;
  if (top < body.scrollTop) body.scrollTop = top;
  else if (bottom > body.scrollTop + body.clientHeight) body.scrollTop = bottom - body.clientHeight;
}
