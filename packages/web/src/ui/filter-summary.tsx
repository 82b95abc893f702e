// Beside the Filter button while a filter is on: how many cards it hides, and a one-click clear.
import type { BoardCache } from "../model/board-cache.ts";
import { cardFilter, cardMatches, emptyFilter, filterActive } from "../model/filters.ts";

/** Open cards of open lists the filter hides (reading the cache's signals keeps the count live). */
function hiddenCount(cache: BoardCache): number {
  const filter = cardFilter.value;
  const now = Date.now();
  let hidden = 0;
  for (const idList of cache.listIds.value) {
    for (const id of cache.cardIdsOf(idList).value) {
      const card = cache.cardSignal(id).value;
      if (card && !card.closed && !cardMatches(card, filter, now)) hidden++;
    }
  }
  return hidden;
}

export function FilterSummary({ cache }: { cache: BoardCache }) {
  if (!filterActive.value) return null;
  const hidden = hiddenCount(cache);
  return (
    <span class="filter-summary" role="status">
      <span class="filter-hidden-count">{hidden === 1 ? "1 card hidden" : `${hidden} cards hidden`}</span>
      <button
        type="button"
        class="header-button filter-clear"
        aria-label="Clear filters"
        onClick={() => (cardFilter.value = emptyFilter)}
      >
        Clear
      </button>
    </span>
  );
}
