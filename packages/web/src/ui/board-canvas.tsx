// The lists side by side, plus "Add another list".
import { useState } from "preact/hooks";
import { canEditBoard } from "../model/board-access.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { createList } from "../model/list-edits.ts";
import { useBoardDropMonitor } from "./dnd.ts";
import { ListColumn } from "./list-column.tsx";

export function BoardCanvas({ cache }: { cache: BoardCache }) {
  useBoardDropMonitor(cache);
  const ids = cache.listIds.value;
  return (
    <ol class="board-canvas" aria-label="Lists">
      {ids.map((id, index) => (
        <ListColumn key={id} cache={cache} id={id} index={index} />
      ))}
      {canEditBoard(cache) && <ListComposer cache={cache} />}
    </ol>
  );
}

function ListComposer({ cache }: { cache: BoardCache }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  if (!open) {
    return (
      <li class="list-composer">
        <button type="button" class="add-list-button" onClick={() => setOpen(true)}>
          + Add another list
        </button>
      </li>
    );
  }
  return (
    <li class="list-composer list-composer-open">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const text = name.trim();
          if (!text) return;
          setName("");
          void createList(cache, text);
        }}
      >
        <input
          aria-label="List title"
          placeholder="Enter list title…"
          value={name}
          autoFocus
          maxLength={16384}
          onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
        />
        <div class="form-actions">
          <button type="submit" class="button button-primary">
            Add list
          </button>
          <button
            type="button"
            class="icon-button"
            aria-label="Cancel adding a list"
            onClick={() => setOpen(false)}
          >
            ×
          </button>
        </div>
      </form>
    </li>
  );
}
