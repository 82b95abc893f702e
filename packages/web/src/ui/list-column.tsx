// One list: its header (rename, drag handle, archive) and its cards, with the inline composer.
// The card area scrolls by itself and renders only the cards in view (ui/virtual-cards).
import { useComputed } from "@preact/signals";
import { memo } from "preact/compat";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { canEditBoard } from "../model/board-access.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { cardFilter, cardMatches, filterActive } from "../model/filters.ts";
import { archiveList, renameList } from "../model/list-edits.ts";
import { composerAt, selectedCardId } from "../model/selection.ts";
import { CardComposer } from "./card-composer.tsx";
import { CardTile } from "./card-tile.tsx";
import { dragging, dropHint, useListBodyDropTarget, useListDnd } from "./dnd.ts";
import { Icon } from "./icons.tsx";
import { InlineEdit } from "./inline-edit.tsx";
import { useTouchListDrag } from "./touch-drag.ts";
import { scrollCardIntoView, useVirtualCards } from "./virtual-cards.ts";

export const ListColumn = memo(function ListColumn({
  cache,
  id,
}: {
  cache: BoardCache;
  id: string;
  index: number;
}) {
  const list = cache.listSignal(id).value;
  const allCardIds = cache.cardIdsOf(id).value;
  // A filter hides cards by leaving them out of the window (they take no room to scroll past).
  const filter = filterActive.value ? cardFilter.value : null;
  const shownIds = useMemo(
    () =>
      filter
        ? allCardIds.filter((cardId) => {
            const card = cache.card(cardId);
            return card !== undefined && cardMatches(card, filter);
          })
        : allCardIds,
    [allCardIds, filter],
  );
  const column = useRef<HTMLLIElement>(null);
  const handle = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLOListElement>(null);
  const win = useVirtualCards(body, shownIds);
  const cardIds = shownIds.slice(win.start, win.end);
  // The keyboard selection may move to a card outside the window: scroll it into view.
  const selectedIndex = useComputed(() => {
    const selected = selectedCardId.value;
    const index = selected ? shownIds.indexOf(selected) : -1;
    return index < win.start || index >= win.end ? index : -1;
  }).value;
  useEffect(() => {
    if (selectedIndex !== -1 && body.current) scrollCardIntoView(body.current, win, selectedIndex);
  }, [selectedIndex]);
  const [menuOpen, setMenuOpen] = useState(false);
  useListDnd(column, handle, id);
  useTouchListDrag(handle, cache, id, canEditBoard(cache));
  useListBodyDropTarget(body, id);
  const isDragged = useComputed(() => dragging.value === id).value;
  const dropEdge = useComputed(() => (dropHint.value?.id === id ? dropHint.value.edge : null)).value;
  const composer = useComputed(() => (composerAt.value?.idList === id ? composerAt.value.where : null)).value;
  const editable = canEditBoard(cache);
  if (!list) return null;
  const classes = ["list", isDragged ? "is-dragging" : "", dropEdge ? `drop-${dropEdge}` : ""].join(" ");

  return (
    <li class={classes} ref={column} aria-label={`List ${list.name}`} data-list-id={id}>
      <div class="list-header" ref={handle}>
        <h2 class="list-title">
          {editable ? (
            <InlineEdit
              value={list.name}
              label="List name"
              onSave={(name) => void renameList(cache, id, name)}
            />
          ) : (
            list.name
          )}
        </h2>
        <div class="list-menu-anchor">
          <button
            type="button"
            class="icon-button"
            aria-label={`List actions for ${list.name}`}
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <Icon name="dots" />
          </button>
          {menuOpen && editable && (
            <div
              class="popover list-menu"
              role="menu"
              onKeyDown={(e) => e.key === "Escape" && setMenuOpen(false)}
            >
              <button
                type="button"
                role="menuitem"
                onClick={() => {
                  setMenuOpen(false);
                  composerAt.value = { idList: id, where: "top" };
                }}
              >
                Add card…
              </button>
              <button
                type="button"
                role="menuitem"
                onClick={() => {
                  setMenuOpen(false);
                  void archiveList(cache, id);
                }}
              >
                Archive this list
              </button>
            </div>
          )}
        </div>
      </div>
      <ol class="list-cards" ref={body} aria-label={`Cards in ${list.name}`}>
        {composer === "top" && <CardComposer cache={cache} idList={id} where="top" />}
        {win.before > 0 && <li class="list-spacer" aria-hidden="true" style={{ height: win.before }} />}
        {cardIds.map((cardId) => (
          <CardTile key={cardId} cache={cache} id={cardId} />
        ))}
        {win.after > 0 && (
          <li
            class="list-spacer list-spacer-end"
            aria-hidden="true"
            // A drop below the last rendered card goes before the first card not rendered.
            data-next-card-id={shownIds[win.end]}
            style={{ height: win.after }}
          />
        )}
        {composer === "bottom" && <CardComposer cache={cache} idList={id} where="bottom" />}
      </ol>
      {composer === null && editable && (
        <button
          type="button"
          class="add-card-button"
          onClick={() => (composerAt.value = { idList: id, where: "bottom" })}
        >
          + Add a card
        </button>
      )}
    </li>
  );
});
