// Where an item dropped at `index` among its new siblings goes: between its neighbours, computed
// by the shared `positionBetween` (the server's own rule), so a move is one write.
import { type Positioned, positionBetween } from "@tack/shared/positions";

export function positionAt(siblings: readonly Positioned[], index: number, movingId: string): number {
  const others = siblings.filter((s) => s.id !== movingId);
  return positionBetween(others[index - 1]?.pos, others[index]?.pos);
}
