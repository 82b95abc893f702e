// Ordering of lists, cards, checklists, check items and attachments with Trello's float
// positions: items are spaced POSITION_GAP apart, a drop between two items takes the midpoint, so a
// move is one write. When two neighbours get too close to split again, or the bottom would pass
// MAX_POSITION (where a float can no longer tell `last + gap` from `last`), the siblings around the
// spot are renumbered, as few as make room (several writes, broadcast as one change). Order is always total: every placed
// item gets a position strictly between its neighbours.

export const POSITION_GAP = 65_536;
/** Below this gap the midpoint loses precision soon; renumber the siblings. */
export const MIN_POSITION_GAP = 1 / 1024;
/**
 * The largest position handed out or taken as asked: up to here a float adds POSITION_GAP exactly.
 * A larger request means "bottom"; siblings stored beyond it are renumbered when the bottom moves.
 */
export const MAX_POSITION = 2 ** 52;

export type PositionRequest = "top" | "bottom" | number;

export interface Positioned {
  readonly id: string;
  readonly pos: number;
}

export type Placement =
  | { readonly kind: "fits"; readonly pos: number }
  /** No room: renumber `siblings` (in their new order) to the given positions. */
  | { readonly kind: "renumber"; readonly pos: number; readonly renumbered: ReadonlyArray<Positioned> };

export function byPosition(a: Positioned, b: Positioned): number {
  return a.pos - b.pos || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Where an item lands among `siblings` (which must not include the item itself).
 * A numeric request is taken as-is when it does not collide with a sibling, as Trello does;
 * "top"/"bottom" go before the first or after the last.
 */
export function place(siblings: ReadonlyArray<Positioned>, request: PositionRequest): Placement {
  // The ends need only the last or first sibling; the whole order only when renumbering (a move
  // to the bottom of a list is the common case, and a list may hold thousands of cards).
  if (request === "bottom" || (typeof request === "number" && request > MAX_POSITION)) {
    const last = extreme(siblings, 1);
    if (!last) return { kind: "fits", pos: POSITION_GAP };
    const pos = last.pos + POSITION_GAP;
    return pos <= MAX_POSITION && pos > last.pos
      ? { kind: "fits", pos }
      : renumber([...siblings].sort(byPosition), siblings.length);
  }
  if (request === "top") {
    const first = extreme(siblings, -1);
    if (!first) return { kind: "fits", pos: POSITION_GAP };
    const pos = first.pos / 2;
    return pos >= MIN_POSITION_GAP ? { kind: "fits", pos } : renumber([...siblings].sort(byPosition), 0);
  }
  const sorted = [...siblings].sort(byPosition);
  // A number: find its slot and make sure it is strictly between its neighbours with room to spare.
  const index = sorted.findIndex((s) => s.pos >= request);
  if (index === -1) return { kind: "fits", pos: request };
  const next = sorted[index]!;
  const prev = sorted[index - 1];
  if (
    next.pos !== request &&
    request - (prev?.pos ?? 0) >= MIN_POSITION_GAP &&
    next.pos - request >= MIN_POSITION_GAP
  ) {
    return { kind: "fits", pos: request };
  }
  // Collides with (or is too close to) a sibling: go right before `next`.
  const low = prev?.pos ?? 0;
  const mid = midpoint(low, next.pos);
  // Far from zero, two distinct floats may have no float strictly between them: renumber then.
  if (next.pos - low >= 2 * MIN_POSITION_GAP && mid > low && mid < next.pos)
    return { kind: "fits", pos: mid };
  return renumber(sorted, index);
}

/** The last (`1`) or first (`-1`) of `siblings` in `byPosition` order, without sorting them. */
function extreme(siblings: ReadonlyArray<Positioned>, end: 1 | -1): Positioned | undefined {
  let found: Positioned | undefined;
  for (const sibling of siblings) if (!found || byPosition(sibling, found) * end > 0) found = sibling;
  return found;
}

/** The positions between which (inclusive; null: unbounded) a fitting placement's answer was decided. */
export interface PlacementSpan {
  readonly low: number | null;
  readonly high: number | null;
}

/**
 * What `place(siblings, request)` looked at when it found room: the siblings nearest the requested
 * spot, the last for the bottom, the first for the top, the neighbours around a number. Siblings
 * added or removed strictly outside this span leave its answer the same (a renumbering looks wider
 * and has no span). A transaction that checks what it read then checks these siblings only, not the
 * whole list (decision 0056).
 */
export function placementSpan(siblings: ReadonlyArray<Positioned>, request: PositionRequest): PlacementSpan {
  let below: number | null = null; // the highest position under the anchor
  let atOrAbove: number | null = null; // the lowest at or over it
  const anchor =
    request === "bottom" || (typeof request === "number" && request > MAX_POSITION)
      ? Number.POSITIVE_INFINITY
      : request === "top"
        ? Number.NEGATIVE_INFINITY
        : request;
  for (const { pos } of siblings) {
    if (pos < anchor) below = below === null ? pos : Math.max(below, pos);
    else atOrAbove = atOrAbove === null ? pos : Math.min(atOrAbove, pos);
  }
  return { low: below, high: atOrAbove };
}

/** The one midpoint of two positions. */
export function midpoint(low: number, high: number): number {
  return low + (high - low) / 2;
}

/**
 * The smallest gap a renumbering leaves: about 20 more halvings (drops at the same spot, or at
 * the top) before the next renumbering there.
 */
export const RENUMBER_GAP = POSITION_GAP / 64;

/**
 * Makes room for the moving item before index `slot` by renumbering the fewest siblings around
 * it: a window that doubles until its items and the moving one fit between the window's outer
 * neighbours with RENUMBER_GAP between each (or, at the bottom, one POSITION_GAP apart). A
 * crowded corner of a 1,000-card list renumbers a few dozen cards, not the list: fewer writes,
 * and a smaller change pushed to every viewer. Ends with the whole list from zero at worst.
 */
function renumber(sorted: ReadonlyArray<Positioned>, slot: number): Placement {
  const n = sorted.length;
  for (let reach = 1; ; reach *= 2) {
    const from = Math.max(0, slot - reach);
    const to = Math.min(n, slot + reach);
    const low = from > 0 ? sorted[from - 1]!.pos : 0;
    const count = to - from + 1; // the window's siblings and the moving item
    const whole = from === 0 && to === n;
    if (to < n) {
      const high = Math.min(sorted[to]!.pos, MAX_POSITION);
      const gap = (high - low) / (count + 1);
      if (gap >= RENUMBER_GAP) return spread(sorted, from, to, slot, low, gap);
    } else if (low + POSITION_GAP * count <= MAX_POSITION || whole) {
      return spread(sorted, from, to, slot, low, POSITION_GAP);
    }
  }
}

/** Positions `low + gap`, `low + 2 gap`, … for sorted[from..to) with the moving item before `slot`. */
function spread(
  sorted: ReadonlyArray<Positioned>,
  from: number,
  to: number,
  slot: number,
  low: number,
  gap: number,
): Placement {
  const renumbered: Positioned[] = [];
  let step = 0;
  let movingPos = 0;
  for (let i = from; i <= to; i++) {
    if (i === slot) movingPos = low + gap * ++step;
    if (i === to) break;
    const pos = low + gap * ++step;
    if (sorted[i]!.pos !== pos) renumbered.push({ id: sorted[i]!.id, pos });
  }
  return { kind: "renumber", pos: movingPos, renumbered };
}

/**
 * Where an item goes between two neighbours (either may be missing), for clients computing a drop
 * position: the midpoint, half the first at the top, one gap past the last at the bottom. The
 * server places it for good (`place`), renumbering when there is no room.
 */
export function positionBetween(before: number | undefined, after: number | undefined): number {
  if (before === undefined && after === undefined) return POSITION_GAP;
  if (before === undefined) return after! / 2;
  if (after === undefined) return Math.min(before + POSITION_GAP, MAX_POSITION + 1);
  return midpoint(before, after);
}

/** `positionBetween` as a request: "bottom" when there are no neighbours at all. */
export function between(before: number | undefined, after: number | undefined): PositionRequest {
  if (before === undefined && after === undefined) return "bottom";
  return positionBetween(before, after);
}
