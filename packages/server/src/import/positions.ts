// Positions of imported siblings (lists of a board, cards of a list, items of a checklist). Trello's
// own positions are kept as they are, so an export and its import compare equal; when they cannot
// be kept (missing, not positive, ties, too close to split), the whole sibling set is renumbered
// with Tack's usual gap, in the order the export implies.
import { MIN_POSITION_GAP, POSITION_GAP } from "@tack/shared/positions";

export function positionsInOrder<T>(items: readonly T[], posOf: (item: T) => number | null): Map<T, number> {
  const ordered = items
    .map((item, index) => ({ item, index, pos: posOf(item) }))
    .sort(
      (a, b) =>
        (a.pos ?? Number.POSITIVE_INFINITY) - (b.pos ?? Number.POSITIVE_INFINITY) || a.index - b.index,
    );
  let previous = 0;
  const keep = ordered.every(({ pos }) => {
    const fits = pos !== null && pos - previous >= MIN_POSITION_GAP;
    if (pos !== null) previous = pos;
    return fits;
  });
  return new Map(ordered.map(({ item, pos }, i) => [item, keep ? pos! : (i + 1) * POSITION_GAP]));
}
