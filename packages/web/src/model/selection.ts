// Keyboard focus on the board: the selected card (Trello's hover/arrow selection) and which
// inline composer or editor a shortcut opened.
import { signal } from "@preact/signals";

export const selectedCardId = signal<string | null>(null);
/** The list whose "add a card" composer is open, and where the new card goes. */
export const composerAt = signal<{ idList: string; where: "top" | "bottom" } | null>(null);
/** The card whose title is being quick-edited (`e`). */
export const quickEditCardId = signal<string | null>(null);
/** Which picker the card dialog should open with (`l`, `m`, `d` from the board). */
export const dialogPanel = signal<"labels" | "members" | "dates" | null>(null);
/** The card dialog should open with its Move or Copy dialog on top (from the quick editor). */
export const dialogTransfer = signal<"move" | "copy" | null>(null);
export const helpOpen = signal(false);
export const boardMenuOpen = signal(false);
export const filterOpen = signal(false);
