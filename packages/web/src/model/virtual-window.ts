// Which cards of a list are in view: a list renders only those (plus a margin), with spacers
// standing in for the rest, so the DOM holds a screenful of cards whatever the board's size.
// Heights are measured once a card has rendered; cards never seen count as `estimate`.

export interface VirtualWindow {
  /** Index of the first rendered item and one past the last. */
  start: number;
  end: number;
  /** Height of the items above `start` and below `end`, for the spacers. */
  before: number;
  after: number;
  /** Every item's top offset (length n + 1: the last entry is the total height). */
  offsets: number[];
}

export function offsetsOf(
  ids: readonly string[],
  heights: ReadonlyMap<string, number>,
  estimate: number,
): number[] {
  const offsets = new Array<number>(ids.length + 1);
  offsets[0] = 0;
  for (let i = 0; i < ids.length; i++) offsets[i + 1] = offsets[i]! + (heights.get(ids[i]!) ?? estimate);
  return offsets;
}

/** The first index whose bottom edge is below `y` (binary search over offsets). */
function indexAt(offsets: readonly number[], y: number): number {
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offsets[mid + 1]! <= y) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function windowOf(options: {
  ids: readonly string[];
  heights: ReadonlyMap<string, number>;
  estimate: number;
  scrollTop: number;
  viewport: number;
  /** Extra pixels rendered above and below the view, so a fast scroll shows no gap. */
  overscan: number;
  /** Render no item (the spacer stands in for all of them). */
  empty?: boolean;
}): VirtualWindow {
  const { ids, heights, estimate, scrollTop, viewport, overscan } = options;
  const offsets = offsetsOf(ids, heights, estimate);
  const total = offsets[ids.length]!;
  if (ids.length === 0 || options.empty) return { start: 0, end: 0, before: 0, after: total, offsets };
  const start = Math.min(ids.length - 1, indexAt(offsets, Math.max(0, scrollTop - overscan)));
  const end = Math.min(ids.length, indexAt(offsets, scrollTop + viewport + overscan) + 1);
  return { start, end, before: offsets[start]!, after: total - offsets[end]!, offsets };
}
