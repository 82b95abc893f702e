// "Add a card" inline: Enter adds and keeps the composer open for the next one, Escape closes.
import { useState } from "preact/hooks";
import type { BoardCache } from "../model/board-cache.ts";
import { createCard } from "../model/card-edits.ts";
import { composerAt } from "../model/selection.ts";

export function CardComposer({
  cache,
  idList,
  where,
}: {
  cache: BoardCache;
  idList: string;
  where: "top" | "bottom";
}) {
  const [name, setName] = useState("");
  function submit() {
    const text = name.trim();
    if (!text) return;
    setName("");
    void createCard(cache, idList, text, where);
  }
  return (
    <li class="card-composer">
      <textarea
        class="card-composer-field"
        aria-label="Card title"
        placeholder="Enter a title for this card…"
        value={name}
        autoFocus
        rows={3}
        maxLength={16384}
        onInput={(e) => setName((e.currentTarget as HTMLTextAreaElement).value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            submit();
          } else if (e.key === "Escape") {
            e.stopPropagation();
            composerAt.value = null;
          }
        }}
      />
      <div class="form-actions">
        <button type="button" class="button button-primary" onClick={submit}>
          Add card
        </button>
        <button
          type="button"
          class="icon-button"
          aria-label="Cancel adding a card"
          onClick={() => (composerAt.value = null)}
        >
          ×
        </button>
      </div>
    </li>
  );
}
