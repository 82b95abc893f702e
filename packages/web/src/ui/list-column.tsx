// One list: its header (rename, drag handle, archive) and its cards, with the inline composer.
// The card area scrolls by itself and renders only the cards in view (ui/virtual-cards). A list
// collapsed by this person shows as a narrow strip with its name and count (model/collapsed-lists);
// the same elements stay mounted so drag and drop keeps working on it.
import { useComputed } from "@preact/signals";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { canEditBoard } from "../model/board-access.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { isListCollapsed, setListCollapsed } from "../model/collapsed-lists.ts";
import { cardFilter, cardMatches, filterActive } from "../model/filters.ts";
import { archiveList, renameList } from "../model/list-edits.ts";
import { composerAt, selectedCardId } from "../model/selection.ts";
import { watched } from "../notifications/watching.ts";
import { CardComposer } from "./card-composer.tsx";
import { CardTile } from "./card-tile.tsx";
import { dragging, dropHint, useListBodyDropTarget, useListDnd } from "./dnd.ts";
import { Icon } from "./icons.tsx";
import { InlineEdit } from "./inline-edit.tsx";
import { lazyComponent } from "./lazy.tsx";
import { LazyFailureDialog } from "./lazy-failure-dialog.tsx";
import type { ListAction } from "./list-actions-dialog.tsx";
import { memo } from "./memo.ts";
import { useTouchListDrag } from "./touch-drag.ts";
import { inFirstView, scrollCardIntoView, useVirtualCards } from "./virtual-cards.ts";
import { isBoardMember, toggleWatching } from "./watch-button.tsx";

// Copying, moving, limiting, sorting and emptying a list are occasional: their dialog loads on the first use.
const ListActionsDialog = lazyComponent(() => import("./list-actions-dialog.tsx").then((m) => m.default), {
  loading: <div class="dialog-backdrop" aria-busy="true" />,
  what: "the list actions",
  failed: ({ onClose }, message) => <LazyFailureDialog message={message} onClose={onClose} />,
});

/** The list menu's entries that open the list actions dialog, in menu order. */
const MENU_ACTIONS = {
  copy: "Copy list…",
  move: "Move list to another board…",
  limit: "Set WIP limit…",
  sort: "Sort by…",
  moveAll: "Move all cards in this list…",
  archiveAll: "Archive all cards in this list…",
} as const;

export const ListColumn = memo(function ListColumn({
  cache,
  id,
  index,
}: {
  cache: BoardCache;
  id: string;
  index: number;
}) {
  const list = cache.listSignal(id).value;
  const allCardIds = cache.cardIdsOf(id).value;
  /** Cards the board's first read left out of this list, on their way (model/board-rest). */
  const toCome = cache.cardsToCome.value.get(id) ?? 0;
  const cardCount = allCardIds.length + toCome;
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
  const win = useVirtualCards(body, shownIds, inFirstView(index));
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
  const [listAction, setListAction] = useState<ListAction | null>(null);
  useListDnd(column, handle, id);
  useTouchListDrag(handle, cache, id, canEditBoard(cache));
  useListBodyDropTarget(body, id);
  const isDragged = useComputed(() => dragging.value === id).value;
  const dropEdge = useComputed(() => (dropHint.value?.id === id ? dropHint.value.edge : null)).value;
  const composer = useComputed(() => (composerAt.value?.idList === id ? composerAt.value.where : null)).value;
  const editable = canEditBoard(cache);
  const collapsed = isListCollapsed(cache.id, id);
  if (!list) return null;
  const classes = [
    "list",
    isDragged ? "is-dragging" : "",
    dropEdge ? `drop-${dropEdge}` : "",
    collapsed ? "is-collapsed" : "",
  ].join(" ");
  const openAction = (action: ListAction) => {
    setMenuOpen(false);
    setListAction(action);
  };
  const count = (
    <span
      class={`list-count${list.softLimit !== null && cardCount > list.softLimit ? " is-over-limit" : ""}`}
      title={list.softLimit === null ? "Cards in this list" : "Cards in this list / its WIP limit"}
    >
      {cardCount}
      {list.softLimit !== null && `/${list.softLimit}`}
    </span>
  );

  return (
    <li class={classes} ref={column} aria-label={`List ${list.name}`} data-list-id={id}>
      <div class="list-header" ref={handle}>
        {collapsed && (
          <button
            type="button"
            class="list-expand"
            aria-label={`Expand list ${list.name}`}
            title="Expand list"
            onClick={() => setListCollapsed(cache.id, id, false)}
          >
            <span class="list-expand-name">{list.name}</span>
            {count}
          </button>
        )}
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
        {count}
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
          {menuOpen && (
            <div
              class="popover list-menu"
              role="menu"
              onKeyDown={(e) => e.key === "Escape" && setMenuOpen(false)}
            >
              {editable && (
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
              )}
              {isBoardMember(cache) && (
                <button
                  type="button"
                  role="menuitemcheckbox"
                  aria-checked={watched.value.has(id)}
                  onClick={() => {
                    setMenuOpen(false);
                    toggleWatching("list", id);
                  }}
                >
                  <Icon name="eye" /> {watched.value.has(id) ? "Watching" : "Watch"}
                </button>
              )}
              {editable && (
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
              )}
              {editable &&
                (Object.keys(MENU_ACTIONS) as Array<keyof typeof MENU_ACTIONS>).map((action) => (
                  <button key={action} type="button" role="menuitem" onClick={() => openAction(action)}>
                    {MENU_ACTIONS[action]}
                  </button>
                ))}
              <button
                type="button"
                role="menuitem"
                onClick={() => {
                  setMenuOpen(false);
                  setListCollapsed(cache.id, id, true);
                }}
              >
                Collapse list
              </button>
            </div>
          )}
        </div>
      </div>
      <ol class="list-cards" ref={body} aria-label={`Cards in ${list.name}`}>
        {composer === "top" && <CardComposer cache={cache} idList={id} where="top" />}
        {win.before > 0 && (
          <li class="list-spacer" aria-hidden="true" style={{ height: `${win.before}px` }} />
        )}
        {cardIds.map((cardId) => (
          <CardTile key={cardId} cache={cache} id={cardId} />
        ))}
        {win.after > 0 && (
          <li
            class="list-spacer list-spacer-end"
            aria-hidden="true"
            // A drop below the last rendered card goes before the first card not rendered.
            data-next-card-id={shownIds[win.end]}
            style={{ height: `${win.after}px` }}
          />
        )}
        {toCome > 0 && (
          <li class="list-more-cards" role="status">
            {toCome === 1 ? "1 more card" : `${toCome} more cards`} on the way…
          </li>
        )}
        {composer === "bottom" && <CardComposer cache={cache} idList={id} where="bottom" />}
      </ol>
      {listAction && (
        <ListActionsDialog
          cache={cache}
          list={list}
          action={listAction}
          onClose={() => setListAction(null)}
        />
      )}
      {composer === null && editable && (
        <div class="add-card-row">
          <button
            type="button"
            class="add-card-button"
            onClick={() => (composerAt.value = { idList: id, where: "bottom" })}
          >
            + Add a card
          </button>
          <button
            type="button"
            class="icon-button"
            aria-label={`Create from template in ${list.name}`}
            title="Create from template"
            onClick={() => setListAction("template")}
          >
            <Icon name="template" />
          </button>
        </div>
      )}
    </li>
  );
});
