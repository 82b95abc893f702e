// The description: rendered Markdown, or an editor with its own draft. If someone else changes the
// description while this person is typing, the draft stays and a note says so.
import type { Card } from "@tack/shared/models";
import { useState } from "preact/hooks";
import type { BoardCache } from "../model/board-cache.ts";
import { updateCard } from "../model/card-edits.ts";
import { Markdown } from "./markdown.tsx";
import { MentionTextarea } from "./mention-textarea.tsx";

/** `known`: false while the card shows only its front (its description is read with its details). */
export function CardDescription(props: { cache: BoardCache; card: Card; editable: boolean; known: boolean }) {
  const { cache, card, editable, known } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const [base, setBase] = useState(card.desc);
  const editing = draft !== null;
  const changedMeanwhile = editing && card.desc !== base;

  function start() {
    setBase(card.desc);
    setDraft(card.desc);
  }
  function save() {
    if (draft !== null && draft !== card.desc)
      void updateCard(cache, card.id, { desc: draft }, "save the description");
    setDraft(null);
  }

  return (
    <section class="card-section" aria-labelledby="desc-title">
      <div class="card-section-title">
        <h3 id="desc-title">Description</h3>
        {!editing && known && card.desc && editable && (
          <button type="button" class="button" onClick={start}>
            Edit
          </button>
        )}
      </div>
      {!known && !editing ? (
        <p class="muted">The description is on its way.</p>
      ) : editing ? (
        <div class="desc-editor">
          {changedMeanwhile && (
            <p class="notice" role="status">
              Someone else changed this description while you were editing. Saving will replace their version.
            </p>
          )}
          <MentionTextarea
            aria-label="Description"
            value={draft}
            autoFocus
            rows={8}
            onValue={setDraft}
            members={[...cache.members.value.values()]}
            onKeyDown={(e: KeyboardEvent) => {
              if (e.key === "Escape") {
                e.stopPropagation();
                setDraft(null);
              } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) save();
            }}
          />
          <div class="form-actions">
            <button type="button" class="button button-primary" onClick={save}>
              Save
            </button>
            <button type="button" class="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
            <span class="muted">Markdown is supported.</span>
          </div>
        </div>
      ) : card.desc ? (
        <Markdown source={card.desc} class="card-desc" />
      ) : !editable ? (
        <p class="muted">No description.</p>
      ) : (
        <button type="button" class="desc-placeholder" onClick={start}>
          Add a more detailed description…
        </button>
      )}
    </section>
  );
}
