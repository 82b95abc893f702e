// Ctrl+Z (⌘Z on a Mac) on the board undoes the person's last change there. In a text field the
// browser's own undo of the typing applies instead.
import { useEffect } from "preact/hooks";
import type { BoardCache } from "../model/board-cache.ts";
import { undoLast } from "../model/undo.ts";

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function useUndoShortcut(cache: BoardCache): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== "z" || event.shiftKey || event.altKey) return;
      if (!(event.ctrlKey || event.metaKey) || typingIn(event.target)) return;
      event.preventDefault();
      void undoLast(cache);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [cache]);
}
