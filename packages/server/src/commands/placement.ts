// Positions inside a transaction: place an item among its siblings, renumbering them when there
// is no room left (several writes, all carried by the one change that caused them).
import type { BoardObjectOf } from "@tack/shared/models";
import { type Placement, type PositionRequest, place, placementSpan } from "@tack/shared/positions";
import type { BoardObjectsTx, PositionedKind } from "../store/board-tx.ts";

export interface Placed<T> {
  pos: number;
  /** Siblings whose position changed, already updated; write them and send them in the change. */
  moved: T[];
}

export function placeAmong<T extends { id: string; pos: number }>(
  siblings: readonly T[],
  request: PositionRequest,
  movingId: string,
): Placed<T> {
  const others = siblings.filter((s) => s.id !== movingId);
  return withDocuments(place(others, request), new Map(others.map((s) => [s.id, s])));
}

/**
 * `placeAmong` for the children of one parent in the store (the cards of a list), by their ids and
 * positions alone: a move into a 1,000-card list reads 1,000 numbers, not 1,000 documents. The
 * documents of the siblings renumbered are read, since a renumbering writes them whole.
 */
export async function placeUnder<K extends PositionedKind>(
  tx: BoardObjectsTx,
  kind: K,
  parentId: string,
  request: PositionRequest,
  movingId: string,
): Promise<Placed<BoardObjectOf[K]>> {
  const siblings = (await tx.positions(kind, parentId)).filter((s) => s.id !== movingId);
  const placement = place(siblings, request);
  // A move to the bottom depends on the last card, not on a card moved in or out higher up.
  if (placement.kind === "fits") tx.placedWithin(kind, parentId, placementSpan(siblings, request), movingId);
  const docs = new Map<string, BoardObjectOf[K]>();
  if (placement.kind === "renumber") {
    // Only the renumbered siblings' documents, in one read ahead (usually a few dozen of the list).
    const ids = placement.renumbered.map((r) => r.id);
    await tx.prefetch({ ids });
    for (const id of ids) docs.set(id, (await tx.get(kind, id))!);
  }
  return withDocuments(placement, docs);
}

/** The placement with each renumbered sibling's document at its new position. */
function withDocuments<T>(placement: Placement, docs: ReadonlyMap<string, T>): Placed<T> {
  if (placement.kind === "fits") return { pos: placement.pos, moved: [] };
  return {
    pos: placement.pos,
    moved: placement.renumbered.map(({ id, pos }) => ({ ...docs.get(id)!, pos })),
  };
}
