// Trello's keyboard shortcuts on the board. They apply when focus is not in a text field:
//   ←↑→↓ or h/j/k/l-style j/k: select a card      Enter: open it
//   n: new card below the selected one (or in the first list)   e: edit the title
//   l / m / d: labels / members / due date of the selected card  c: archive it
//   space: add or remove yourself                              q: only my cards (toggle)
//   , / .: move the selected card to the previous / next list
//   Shift+↑ / Shift+↓: move it up / down in its list           /: search   f: filter   ?: help
import { useEffect } from "preact/hooks";
import type { BoardCache } from "../model/board-cache.ts";
import { archiveCard, moveCard, toggleSelf } from "../model/card-edits.ts";
import { cardFilter, cardMatches, emptyFilter, filterActive } from "../model/filters.ts";
import { openCardId } from "../model/open-board.ts";
import {
  composerAt,
  dialogPanel,
  filterOpen,
  helpOpen,
  quickEditCardId,
  selectedCardId,
} from "../model/selection.ts";
import { me } from "../model/session.ts";
import { navigate } from "../router.ts";
import { cardPath } from "./card-link.ts";

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Where the selected card is: its list's index and its own index there. */
function locate(cache: BoardCache, id: string | null): { listIndex: number; cardIndex: number } | null {
  if (!id) return null;
  const card = cache.card(id);
  if (!card) return null;
  const listIndex = cache.listIds.value.indexOf(card.idList);
  const cardIndex = cache.cardIdsOf(card.idList).value.indexOf(id);
  return listIndex === -1 || cardIndex === -1 ? null : { listIndex, cardIndex };
}

function select(id: string | undefined): void {
  if (!id) return;
  selectedCardId.value = id;
  document
    .querySelector(`[data-card-id="${id}"] .card-link`)
    ?.scrollIntoView({ block: "nearest", inline: "nearest" });
}

function visibleCards(cache: BoardCache, idList: string): string[] {
  // Lists render only the cards in view, so the filter is asked, not the page.
  const ids = cache.cardIdsOf(idList).value;
  if (!filterActive.value) return ids;
  const filter = cardFilter.value;
  return ids.filter((id) => {
    const card = cache.card(id);
    return card !== undefined && cardMatches(card, filter);
  });
}

export function handleBoardKey(cache: BoardCache, event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  const lists = cache.listIds.value;
  const selected = selectedCardId.value;
  const at = locate(cache, selected);
  const key = event.key;

  const moveVertical = (delta: number) => {
    if (!at) return select(visibleCards(cache, lists[0] ?? "")[0]);
    const ids = visibleCards(cache, lists[at.listIndex]!);
    const i = ids.indexOf(selected!);
    select(ids[Math.max(0, Math.min(ids.length - 1, i + delta))]);
  };
  const moveHorizontal = (delta: number) => {
    if (!at) return select(visibleCards(cache, lists[0] ?? "")[0]);
    for (let li = at.listIndex + delta; li >= 0 && li < lists.length; li += delta) {
      const ids = visibleCards(cache, lists[li]!);
      if (ids.length > 0) return select(ids[Math.min(at.cardIndex, ids.length - 1)]);
    }
  };

  if (event.shiftKey && (key === "ArrowUp" || key === "ArrowDown") && at && selected) {
    const idList = lists[at.listIndex]!;
    const target = at.cardIndex + (key === "ArrowUp" ? -1 : 1);
    if (target >= 0 && target < cache.cardIdsOf(idList).value.length)
      void moveCard(cache, selected, idList, target);
    return true;
  }
  switch (key) {
    case "ArrowDown":
    case "j":
      moveVertical(1);
      return true;
    case "ArrowUp":
    case "k":
      moveVertical(-1);
      return true;
    case "ArrowLeft":
      moveHorizontal(-1);
      return true;
    case "ArrowRight":
      moveHorizontal(1);
      return true;
    case ",":
    case ".": {
      if (!at || !selected) return false;
      const targetList = lists[at.listIndex + (key === "," ? -1 : 1)];
      if (targetList)
        void moveCard(
          cache,
          selected,
          targetList,
          Math.min(at.cardIndex, cache.cardIdsOf(targetList).value.length),
        );
      return true;
    }
    case "Enter": {
      const card = selected ? cache.card(selected) : undefined;
      if (!card) return false;
      navigate(cardPath(card));
      return true;
    }
    case "n": {
      const idList = at ? lists[at.listIndex] : lists[0];
      if (!idList) return false;
      composerAt.value = { idList, where: "bottom" };
      return true;
    }
    case "e":
      if (!selected) return false;
      quickEditCardId.value = selected;
      return true;
    case "l":
    case "m":
    case "d": {
      const card = selected ? cache.card(selected) : undefined;
      if (!card) return false;
      dialogPanel.value = key === "l" ? "labels" : key === "m" ? "members" : "dates";
      navigate(cardPath(card));
      return true;
    }
    case "c":
      if (!selected) return false;
      void archiveCard(cache, selected);
      selectedCardId.value = null;
      return true;
    case " ":
      if (!selected) return false;
      void toggleSelf(cache, selected);
      return true;
    case "q": {
      const self = me.value?.id;
      if (!self) return false;
      const mine = cardFilter.value.members.size === 1 && cardFilter.value.members.has(self);
      cardFilter.value = mine ? emptyFilter : { ...emptyFilter, members: new Set([self]) };
      return true;
    }
    case "f":
      filterOpen.value = !filterOpen.value;
      return true;
    case "/":
      document.getElementById("global-search")?.focus();
      return true;
    case "?":
      helpOpen.value = true;
      return true;
    case "Escape":
      selectedCardId.value = null;
      composerAt.value = null;
      return true;
    default:
      return false;
  }
}

export function useBoardShortcuts(cache: BoardCache): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typingIn(event.target) || openCardId.value || helpOpen.value) return;
      if (document.querySelector(".dialog")) return;
      if (handleBoardKey(cache, event)) event.preventDefault();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, [cache]);
}
