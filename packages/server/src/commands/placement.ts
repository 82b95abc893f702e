// Positions inside a transaction: place an item among its siblings, renumbering them when there
// is no room left (several writes, all carried by the one change that caused them).
import { type PositionRequest, place } from "@tack/shared/positions";

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
  const placement = place(others, request);
  if (placement.kind === "fits") return { pos: placement.pos, moved: [] };
  const byId = new Map(others.map((s) => [s.id, s]));
  const moved = placement.renumbered.map(({ id, pos }) => ({ ...byId.get(id)!, pos }));
  return { pos: placement.pos, moved };
}
