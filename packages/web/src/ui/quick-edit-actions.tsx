// The quick editor's side menu (Trello's quick edit, opened by the card's pencil, a right-click or
// `e`): open the card, edit labels, members or dates (the card opens on that panel), move or
// copy (the card opens with that dialog on top), archive. The title is edited in place beside it (card-tile.tsx). Loaded on demand.
import type { Card } from "@tack/shared/models";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { BoardCache } from "../model/board-cache.ts";
import { archiveCard } from "../model/card-edits.ts";
import { dialogPanel, dialogTransfer, quickEditCardId } from "../model/selection.ts";
import { navigate } from "../router.ts";
import { cardPath } from "./card-link.ts";

export default function QuickEditActions({ cache, card }: { cache: BoardCache; card: Card }) {
  // Fixed beside the card: the list's scrolling body would clip it.
  const menu = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null);
  useLayoutEffect(() => {
    const tile = menu.current?.parentElement?.getBoundingClientRect();
    if (tile) setPlace({ left: Math.min(tile.right + 8, window.innerWidth - 170), top: tile.top });
  }, []);
  // The card opens (with the picker, or the Move / Copy dialog, asked for): the quick editor
  // closes as focus leaves the title, so nothing it shows could stay.
  const open = (panel: "labels" | "members" | "dates" | null, transfer: "move" | "copy" | null = null) => {
    dialogPanel.value = panel;
    dialogTransfer.value = transfer;
    quickEditCardId.value = null;
    navigate(cardPath(card));
  };
  // Buttons take the mouse down before the title editor loses focus (which would close the editor).
  const keep = (e: MouseEvent) => e.preventDefault();
  return (
    <div
      class="quick-edit-actions"
      role="menu"
      aria-label="Quick edit"
      ref={menu}
      style={place ? { left: `${place.left}px`, top: `${place.top}px` } : { visibility: "hidden" }}
    >
      <button type="button" role="menuitem" onMouseDown={keep} onClick={() => open(null)}>
        Open card
      </button>
      <button type="button" role="menuitem" onMouseDown={keep} onClick={() => open("labels")}>
        Edit labels
      </button>
      <button type="button" role="menuitem" onMouseDown={keep} onClick={() => open("members")}>
        Change members
      </button>
      <button type="button" role="menuitem" onMouseDown={keep} onClick={() => open("dates")}>
        Edit dates
      </button>
      <button type="button" role="menuitem" onMouseDown={keep} onClick={() => open(null, "move")}>
        Move
      </button>
      <button type="button" role="menuitem" onMouseDown={keep} onClick={() => open(null, "copy")}>
        Copy
      </button>
      <button
        type="button"
        role="menuitem"
        onMouseDown={keep}
        onClick={() => {
          quickEditCardId.value = null;
          void archiveCard(cache, card.id);
        }}
      >
        Archive
      </button>
    </div>
  );
}
