// Ordering of lists, cards, checklists and check items with Trello's float positions: items are
// spaced POSITION_GAP apart, a drop between two items takes the midpoint, so a move is one write.
// When two neighbours get too close to split again, the whole sibling set is renumbered (several
// writes, broadcast as one change).

export const POSITION_GAP = 65_536;
/** Below this gap the midpoint loses precision soon; renumber the siblings. */
export const MIN_POSITION_GAP = 1 / 1024;

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
  const sorted = [...siblings].sort(byPosition);
  if (request === "bottom") {
    const last = sorted.at(-1);
    return { kind: "fits", pos: last ? last.pos + POSITION_GAP : POSITION_GAP };
  }
  if (request === "top") {
    const first = sorted[0];
    if (!first) return { kind: "fits", pos: POSITION_GAP };
    const pos = first.pos / 2;
    return pos >= MIN_POSITION_GAP ? { kind: "fits", pos } : renumber(sorted, 0);
  }
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
  const mid = (low + next.pos) / 2;
  if (next.pos - low >= 2 * MIN_POSITION_GAP) return { kind: "fits", pos: mid };
  return renumber(sorted, index);
}

/** Renumber every sibling with fresh gaps, leaving a slot for the moving item before index `slot`. */
function renumber(sorted: ReadonlyArray<Positioned>, slot: number): Placement {
  const renumbered: Positioned[] = [];
  let pos = 0;
  let movingPos = 0;
  sorted.forEach((sibling, i) => {
    if (i === slot) {
      pos += POSITION_GAP;
      movingPos = pos;
    }
    pos += POSITION_GAP;
    if (sibling.pos !== pos) renumbered.push({ id: sibling.id, pos });
  });
  if (slot >= sorted.length) movingPos = pos + POSITION_GAP;
  return { kind: "renumber", pos: movingPos, renumbered };
}

/** The position halfway between two neighbours, for clients computing a drop position. */
export function between(before: number | undefined, after: number | undefined): PositionRequest {
  if (before === undefined && after === undefined) return "bottom";
  if (before === undefined) return after! / 2;
  if (after === undefined) return before + POSITION_GAP;
  return (before + after) / 2;
}
