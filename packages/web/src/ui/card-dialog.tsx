// The card dialog (route `/c/<id>/<slug>`): title, list, labels, members, dates, description,
// checklists, comments and activity. Edits are optimistic; text being typed is never replaced by
// a live update (each editor keeps its own draft until saved).
import { useEffect, useState } from "preact/hooks";
import { uploadFiles } from "../model/attachment-edits.ts";
import { canEditBoard } from "../model/board-access.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { archiveCard, moveCard, restoreCard, updateCard } from "../model/card-edits.ts";
import { frontOf } from "../model/card-fronts.ts";
import { createChecklist } from "../model/checklist-edits.ts";
import { dialogPanel, dialogTransfer } from "../model/selection.ts";
import { deleteCardWithUndo } from "../model/undo.ts";
import { navigate } from "../router.ts";
import { Avatar } from "./avatar.tsx";
import { returnPath } from "./board-views.tsx";
import { CardAttachments } from "./card-attachments.tsx";
import { CardActivity, CardChecklists } from "./card-back-sections.tsx";
import { CardDescription } from "./card-description.tsx";
import { CardDetailsStatus, useCardDetails } from "./card-details-status.tsx";
import { DatesPicker, LabelsPicker, MembersPicker } from "./card-pickers.tsx";
import { labelCss } from "./colors.ts";
import { CoverPicker } from "./cover-picker.tsx";
import { Dialog } from "./dialog.tsx";
import { DueBadge } from "./due-badge.tsx";
import { InlineEdit } from "./inline-edit.tsx";
import { lazyComponent } from "./lazy.tsx";
import { LazyFailureDialog } from "./lazy-failure-dialog.tsx";
import { WatchButton } from "./watch-button.tsx";

// Moving and copying are occasional: the dialog's code loads on the first click.
const MoveCopyDialog = lazyComponent(() => import("./move-copy-dialog.tsx").then((m) => m.default), {
  loading: <div class="dialog-backdrop" aria-busy="true" />,
  what: "the move and copy dialog",
  failed: ({ onClose }, message) => <LazyFailureDialog message={message} onClose={onClose} />,
});

// The custom fields section loads its code only on boards that have fields.
const CardCustomFields = lazyComponent(
  () => import("./card-custom-fields.tsx").then((m) => m.CardCustomFields),
  { loading: <p class="muted" aria-busy="true" />, what: "the custom fields" },
);

export function CardDialog({ cache, cardId }: { cache: BoardCache; cardId: string }) {
  const card = cache.cardSignal(cardId).value;
  const board = cache.board.value;
  const [dropping, setDropping] = useState(false);
  const [panel, setPanel] = useState<"labels" | "members" | "dates" | "checklist" | "cover" | null>(
    dialogPanel.value,
  );
  useEffect(() => {
    dialogPanel.value = null;
    dialogTransfer.value = null;
  }, []);
  useEffect(() => {
    if (card) document.title = `${card.name} on ${board.name} | Tack`;
  }, [card?.name, board.name]);
  const close = () => navigate(returnPath(board));
  const [transfer, setTransfer] = useState<"move" | "copy" | null>(dialogTransfer.value);
  const details = useCardDetails(cache, cardId);

  if (!card) {
    return (
      <Dialog labelledBy="card-missing" onClose={close}>
        <h2 id="card-missing">This card is not on the board any more.</h2>
        <button type="button" class="button" onClick={close}>
          Close
        </button>
      </Dialog>
    );
  }

  const lists = cache.listIds.value.map((id) => cache.list(id)!).filter(Boolean);
  const positionIds = cache.cardIdsOf(card.idList).value;
  const labels = cache.labels.value;
  const members = cache.members.value;
  const toggle = (p: typeof panel) => setPanel(panel === p ? null : p);
  const editable = canEditBoard(cache);
  const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes("Files") ?? false;
  // A file dragged from the desktop onto the card is uploaded to it.
  const dropHandlers = editable
    ? {
        onDragOver: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          setDropping(true);
        },
        onDragLeave: (e: DragEvent) => {
          if (e.currentTarget === e.target) setDropping(false);
        },
        onDrop: (e: DragEvent) => {
          if (!hasFiles(e)) return;
          e.preventDefault();
          setDropping(false);
          void uploadFiles(cache, card.id, [...(e.dataTransfer?.files ?? [])]);
        },
      }
    : {};

  return (
    <Dialog labelledBy="card-title" onClose={close} class="card-dialog">
      {card.closed && <div class="archived-banner">This card is archived.</div>}
      <div class="card-dialog-header">
        <h2 id="card-title" class="card-dialog-title">
          {editable ? (
            <InlineEdit
              value={card.name}
              label="Card title"
              multiline
              onSave={(name) => void updateCard(cache, card.id, { name }, "rename the card")}
            />
          ) : (
            card.name
          )}
        </h2>
        <button type="button" class="icon-button dialog-close" aria-label="Close card" onClick={close}>
          ×
        </button>
        {/* Move to a list and a position: what a drag does, for a keyboard, a screen reader or a
            phone where dragging is awkward. */}
        <div class="card-move card-dialog-list">
          <label>
            in list{" "}
            <select
              aria-label="Move to list"
              disabled={!editable}
              value={card.idList}
              onChange={(e) => {
                const idList = (e.currentTarget as HTMLSelectElement).value;
                void moveCard(cache, card.id, idList, "end");
              }}
            >
              {lists.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </label>
          <PositionInput
            key={`${card.idList}:${positionIds.indexOf(card.id)}`}
            index={positionIds.indexOf(card.id)}
            count={positionIds.length}
            disabled={!editable}
            onMove={(at) => void moveCard(cache, card.id, card.idList, at)}
          />
        </div>
        <WatchButton cache={cache} kind="card" id={card.id} />
      </div>
      <div class={`card-dialog-body ${dropping ? "is-file-target" : ""}`} {...dropHandlers}>
        {dropping && <div class="file-drop-hint">Drop files to attach them</div>}
        <div class="card-dialog-main">
          <div class="card-meta">
            {card.idMembers.length > 0 && (
              <div class="card-meta-group">
                <h3>Members</h3>
                <div class="card-meta-items">
                  {card.idMembers.map((m) => (
                    <Avatar key={m} member={members.get(m)} />
                  ))}
                </div>
              </div>
            )}
            {card.idLabels.length > 0 && (
              <div class="card-meta-group">
                <h3>Labels</h3>
                <div class="card-meta-items">
                  {card.idLabels.map((idLabel) => {
                    const label = labels.find((l) => l.id === idLabel);
                    return label ? (
                      <span
                        key={idLabel}
                        class="label-chip label-chip-wide"
                        style={{ background: labelCss(label.color) }}
                      >
                        {label.name || "\u00a0"}
                      </span>
                    ) : null;
                  })}
                </div>
              </div>
            )}
            {(card.due || card.start) && (
              <div class="card-meta-group">
                <h3>Dates</h3>
                <div class="card-meta-items">
                  {card.due && (
                    <label class="check-row">
                      <input
                        type="checkbox"
                        checked={card.dueComplete}
                        aria-label="Due date complete"
                        onChange={() =>
                          void updateCard(
                            cache,
                            card.id,
                            { dueComplete: !card.dueComplete },
                            "mark the due date",
                          )
                        }
                      />
                      <DueBadge due={card.due} complete={card.dueComplete} />
                    </label>
                  )}
                  {card.start && (
                    <span class="muted">starts {new Date(card.start).toLocaleDateString()}</span>
                  )}
                </div>
              </div>
            )}
          </div>
          {panel === "labels" && <LabelsPicker cache={cache} card={card} onClose={() => setPanel(null)} />}
          {panel === "members" && <MembersPicker cache={cache} card={card} onClose={() => setPanel(null)} />}
          {panel === "dates" && <DatesPicker cache={cache} card={card} onClose={() => setPanel(null)} />}
          {panel === "checklist" && (
            <form
              class="popover inline-popover"
              aria-label="Add checklist"
              onSubmit={(e) => {
                e.preventDefault();
                const name =
                  String(new FormData(e.currentTarget as HTMLFormElement).get("name") ?? "").trim() ||
                  "Checklist";
                setPanel(null);
                void createChecklist(cache, card.id, name);
              }}
            >
              <label>
                Checklist title
                <input name="name" defaultValue="Checklist" autoFocus />
              </label>
              <button type="submit" class="button button-primary">
                Add
              </button>
            </form>
          )}
          {panel === "cover" && <CoverPicker cache={cache} card={card} onClose={() => setPanel(null)} />}
          {cache.customFields.value.length > 0 && (
            <CardCustomFields cache={cache} card={card} editable={editable} />
          )}
          <CardDetailsStatus status={details} />
          <CardDescription
            cache={cache}
            card={card}
            editable={editable}
            known={frontOf(cache.confirmed.cards.get(card.id))?.desc !== true}
          />
          <CardAttachments cache={cache} card={card} editable={editable} />
          <CardChecklists cache={cache} idCard={card.id} />
          <CardActivity cache={cache} card={card} />
        </div>
        {editable && (
          <aside class="card-dialog-side" aria-label="Card actions">
            <h3>Add to card</h3>
            <button
              type="button"
              class="side-button"
              aria-expanded={panel === "members"}
              onClick={() => toggle("members")}
            >
              Members
            </button>
            <button
              type="button"
              class="side-button"
              aria-expanded={panel === "labels"}
              onClick={() => toggle("labels")}
            >
              Labels
            </button>
            <button
              type="button"
              class="side-button"
              aria-expanded={panel === "checklist"}
              onClick={() => toggle("checklist")}
            >
              Checklist
            </button>
            <button
              type="button"
              class="side-button"
              aria-expanded={panel === "dates"}
              onClick={() => toggle("dates")}
            >
              Dates
            </button>
            <button
              type="button"
              class="side-button"
              aria-expanded={panel === "cover"}
              onClick={() => toggle("cover")}
            >
              Cover
            </button>
            <h3>Actions</h3>
            <button type="button" class="side-button" onClick={() => setTransfer("move")}>
              Move
            </button>
            <button type="button" class="side-button" onClick={() => setTransfer("copy")}>
              Copy
            </button>
            <button
              type="button"
              class="side-button"
              aria-pressed={card.isTemplate}
              onClick={() =>
                void updateCard(cache, card.id, { isTemplate: !card.isTemplate }, "change the template")
              }
            >
              {card.isTemplate ? "Template: on" : "Make template"}
            </button>
            {transfer && (
              <MoveCopyDialog cache={cache} card={card} mode={transfer} onClose={() => setTransfer(null)} />
            )}
            {card.closed ? (
              <>
                <button type="button" class="side-button" onClick={() => void restoreCard(cache, card)}>
                  Send to board
                </button>
                <button
                  type="button"
                  class="side-button side-button-danger"
                  onClick={() => {
                    if (
                      !confirm("Delete this card for good? Its checklists, attachments and comments go too.")
                    )
                      return;
                    close();
                    deleteCardWithUndo(cache, card);
                  }}
                >
                  Delete
                </button>
              </>
            ) : (
              <button type="button" class="side-button" onClick={() => void archiveCard(cache, card.id)}>
                Archive
              </button>
            )}
          </aside>
        )}
      </div>
    </Dialog>
  );
}

/**
 * The card's position in its list, 1 to count: a number field rather than a select, which on a
 * list of hundreds of cards would build hundreds of options every time the dialog opens.
 */
function PositionInput(props: {
  index: number;
  count: number;
  disabled: boolean;
  onMove: (index: number) => void;
}) {
  const [draft, setDraft] = useState(String(props.index + 1));
  const commit = () => {
    const wanted = Math.round(Number(draft));
    if (!Number.isFinite(wanted) || wanted < 1) return setDraft(String(props.index + 1));
    const at = Math.min(props.count, wanted) - 1;
    if (at !== props.index) props.onMove(at);
    else setDraft(String(props.index + 1));
  };
  return (
    <label>
      position{" "}
      <input
        type="number"
        class="position-input"
        aria-label="Position in list"
        min={1}
        max={props.count}
        value={draft}
        disabled={props.disabled || props.index === -1}
        onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
        onChange={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
        }}
      />{" "}
      <span class="muted">of {props.count}</span>
    </label>
  );
}
