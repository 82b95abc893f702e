// Dragging check items within a checklist and across the card's checklists, with the browser's own
// drag and drop (a dialog's short lists need no virtualization or touch layer). The dragged item
// is kept here while the drag lasts; a drop asks for a position between the new neighbours and the
// server places it for good.

import { signal } from "@preact/signals";
import type { CheckItem, Checklist } from "@tack/shared/models";
import { byPosition, positionBetween } from "@tack/shared/positions";

export const draggedItem = signal<{ checklist: Checklist; item: CheckItem } | null>(null);
/** The item the drop would land before or after, for the drop line. */
export const itemDropHint = signal<{ id: string; edge: "before" | "after" } | null>(null);

export const edgeOf = (event: DragEvent): "before" | "after" => {
  const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
  return event.clientY < box.top + box.height / 2 ? "before" : "after";
};

/** The position for the dragged item next to `target` (or at the end of `to` with no target). */
export function dropPosition(
  to: Checklist,
  dragged: CheckItem,
  target: CheckItem | null,
  edge: "before" | "after",
) {
  const others = to.checkItems.filter((i) => i.id !== dragged.id).sort(byPosition);
  if (!target) return positionBetween(others.at(-1)?.pos, undefined);
  const at = others.findIndex((i) => i.id === target.id);
  const index = edge === "before" ? at : at + 1;
  return positionBetween(others[index - 1]?.pos, others[index]?.pos);
}

export function endItemDrag(): void {
  draggedItem.value = null;
  itemDropHint.value = null;
}
