// Where an item dropped at `index` among its new siblings goes: the midpoint of its neighbours
// (Trello's float positions), so a move is one write.
import { POSITION_GAP, type Positioned } from "@tack/shared/positions";

export function positionAt(siblings: readonly Positioned[], index: number, movingId: string): number {
  const others = siblings.filter((s) => s.id !== movingId);
  const before = others[index - 1]?.pos;
  const after = others[index]?.pos;
  if (before === undefined && after === undefined) return POSITION_GAP;
  if (before === undefined) return after! / 2;
  if (after === undefined) return before + POSITION_GAP;
  return (before + after) / 2;
}
