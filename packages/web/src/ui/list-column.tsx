// One list: its header (rename, drag handle, archive) and its cards, with the inline composer.
import { useComputed } from "@preact/signals";
import { memo } from "preact/compat";
import { useEffect, useRef, useState } from "preact/hooks";
import { canEditBoard } from "../model/board-access.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { archiveList, renameList } from "../model/list-edits.ts";
import { composerAt } from "../model/selection.ts";
import { CardComposer } from "./card-composer.tsx";
import { CardTile } from "./card-tile.tsx";
import { dragging, dropHint, useListBodyDropTarget, useListDnd } from "./dnd.ts";
import { InlineEdit } from "./inline-edit.tsx";

/** Cards a list renders per pass: the first pass fills a screen, later ones fill in below. */
const FIRST_CARDS = 25;

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
  // A long list shows its first cards at once and the rest in small steps, each its own task, so
  // a big board answers input before every card is built.
  const [limit, setLimit] = useState(FIRST_CARDS);
  useEffect(() => {
    if (allCardIds.length <= limit) return;
    const timer = setTimeout(() => setLimit((n) => n + FIRST_CARDS), 0);
    return () => clearTimeout(timer);
  }, [limit, allCardIds.length > limit]);
  const cardIds = allCardIds.length > limit ? allCardIds.slice(0, limit) : allCardIds;
  const column = useRef<HTMLLIElement>(null);
  const handle = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLOListElement>(null);
  const [menuOpen, setMenuOpen] = useState(false);
  useListDnd(column, handle, id);
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
            ⋯
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
        {cardIds.map((cardId) => (
          <CardTile key={cardId} cache={cache} id={cardId} />
        ))}
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
