// A card on the board: label chips, title, badges (description, comments, checklist, due) and
// member avatars. Clicking opens the card dialog (its own URL); `e` edits the title in place.
import { useComputed } from "@preact/signals";
import { useRef } from "preact/hooks";
import { canEditBoard } from "../model/board-access.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { updateCard } from "../model/card-edits.ts";
import { frontOf, showsDescription } from "../model/card-fronts.ts";
import { cardFilter, cardMatches } from "../model/filters.ts";
import { pendingCards } from "../model/outbox.ts";
import { quickEditCardId, selectedCardId } from "../model/selection.ts";
import { watched } from "../notifications/watching.ts";
import { navigate } from "../router.ts";
import { previewFor } from "./attachment-format.ts";
import { Avatar } from "./avatar.tsx";
import { cardPath } from "./card-link.ts";
import { labelCss } from "./colors.ts";
import { CustomFieldBadges } from "./custom-field-badges.tsx";
import { dragging, dropHint, useCardDraggable } from "./dnd.ts";
import { DueBadge } from "./due-badge.tsx";
import { Icon } from "./icons.tsx";
import { InlineEdit } from "./inline-edit.tsx";
import { lazyComponent } from "./lazy.tsx";
import { memo } from "./memo.ts";

// The quick editor's actions (Trello's quick edit menu) load the first time one opens.
const QuickEditActions = lazyComponent(() => import("./quick-edit-actions.tsx").then((m) => m.default), {
  loading: null,
  what: "the quick editor",
});

import { useTouchCardDrag } from "./touch-drag.ts";

export const CardTile = memo(function CardTile({ cache, id }: { cache: BoardCache; id: string }) {
  const card = cache.cardSignal(id).value;
  const ref = useRef<HTMLLIElement>(null);
  useCardDraggable(ref, id, canEditBoard(cache));
  useTouchCardDrag(ref, cache, id, canEditBoard(cache));
  // Board-wide UI state is read through per-card computeds, so a change (a drag crossing cards,
  // the selection moving) re-renders only the cards whose answer changed, not all of them.
  const state = useComputed(() => {
    const hint = dropHint.value;
    return [
      selectedCardId.value === id ? "is-selected" : "",
      dragging.value === id ? "is-dragging" : "",
      hint?.id === id ? `drop-${hint.edge}` : "",
      quickEditCardId.value === id ? "is-editing" : "",
      pendingCards.value.has(id) ? "is-pending" : "",
    ].join(" ");
  }).value;
  const quickEditing = state.includes("is-editing");
  if (!card) return null;
  const visible = cardMatches(card, cardFilter.value);
  const labels = cache.labels.value;
  const members = cache.members.value;
  // A card shown by its front (its details not read yet) counts from the board read's badges.
  const front = frontOf(cache.confirmed.cards.get(id));
  const checklists = cache.checklistsOf(id).value;
  const items = front ? front.checkItems : checklists.reduce((n, c) => n + c.checkItems.length, 0);
  const done = front
    ? front.checkItemsChecked
    : checklists.reduce((n, c) => n + c.checkItems.filter((i) => i.state === "complete").length, 0);
  const classes = `card ${state}`;
  const coverImage = card.idAttachmentCover ? cache.attachment(card.idAttachmentCover) : undefined;
  const coverPreview = coverImage ? previewFor(coverImage.previews, 256) : undefined;

  if (quickEditing) {
    return (
      <li class={`${classes} quick-edit`} ref={ref} data-card-id={id}>
        <QuickEditActions cache={cache} card={card} />
        <InlineEdit
          value={card.name}
          label="Card title"
          multiline
          editing
          onEditingChange={(on) => {
            if (!on) quickEditCardId.value = null;
          }}
          onSave={(name) => void updateCard(cache, id, { name }, "rename the card")}
        />
      </li>
    );
  }

  return (
    <li
      class={classes}
      ref={ref}
      data-card-id={id}
      hidden={!visible}
      onMouseEnter={() => {
        selectedCardId.value = id;
      }}
      onContextMenu={(e) => {
        if (!canEditBoard(cache)) return;
        e.preventDefault();
        quickEditCardId.value = id;
      }}
    >
      {canEditBoard(cache) && (
        <button
          type="button"
          class="icon-button card-quick-edit"
          aria-label={`Quick edit ${card.name}`}
          onClick={() => (quickEditCardId.value = id)}
        >
          <Icon name="pencil" size={12} />
        </button>
      )}
      <a
        class="card-link"
        href={cardPath(card)}
        // The card (the <li>) is what drags, not the link inside it.
        draggable={false}
        onFocus={() => (selectedCardId.value = id)}
        onClick={(e) => {
          e.preventDefault();
          navigate(cardPath(card));
        }}
      >
        {coverPreview ? (
          <span class="card-cover card-cover-image">
            <img src={coverPreview.url} alt="" width={coverPreview.width} height={coverPreview.height} />
          </span>
        ) : (
          card.cover.color && (
            <span class="card-cover card-cover-color" style={{ background: labelCss(card.cover.color) }} />
          )
        )}
        {card.idLabels.length > 0 && (
          <span class="card-labels">
            {card.idLabels.map((idLabel) => {
              const label = labels.find((l) => l.id === idLabel);
              return label ? (
                <span
                  key={idLabel}
                  class="label-chip"
                  style={{ background: labelCss(label.color) }}
                  title={label.name || label.color || "label"}
                >
                  {label.name}
                </span>
              ) : null;
            })}
          </span>
        )}
        {/* Element Timing: when a card's name first reached the screen (bench/web-perf reads it). */}
        <span class="card-name" elementtiming="card-name">
          {card.name}
        </span>
        <CustomFieldBadges fields={cache.customFields.value} card={card} />
        <span class="card-badges">
          {card.isTemplate && (
            <span class="badge badge-template" title="A template card: copy it to make new cards">
              <Icon name="template" size={12} /> Template
            </span>
          )}
          {watched.value.has(card.id) && (
            <span class="badge badge-watch" title="You are watching this card">
              <Icon name="eye" size={12} />
              <span class="sr-only">You are watching this card</span>
            </span>
          )}
          {state.includes("is-pending") && (
            <span class="badge badge-pending" title="Edited offline: waiting to sync">
              <Icon name="clock" size={12} />
              <span class="sr-only">Edited offline: waiting to sync</span>
            </span>
          )}
          {card.due && <DueBadge due={card.due} complete={card.dueComplete} />}
          {showsDescription(card, front) && (
            <Badge icon="description" text="" hidden="This card has a description" />
          )}
          {card.commentCount > 0 && (
            <Badge icon="comment" text={String(card.commentCount)} hidden=" comments" />
          )}
          {card.attachmentCount > 0 && (
            <span class="badge" title="attachments">
              <Icon name="paperclip" size={12} /> {card.attachmentCount}
              <span class="sr-only"> attachments</span>
            </span>
          )}
          {items > 0 && (
            <Badge
              icon="checklist"
              text={`${done}/${items}`}
              hidden=" checklist items done"
              class={done === items ? "badge-complete" : ""}
            />
          )}
          {card.idMembers.length > 0 && (
            <span class="card-members">
              {card.idMembers.map((m) => (
                <Avatar key={m} member={members.get(m)} size="sm" />
              ))}
            </span>
          )}
        </span>
      </a>
    </li>
  );
});

function Badge(props: {
  icon: "description" | "comment" | "checklist";
  text: string;
  hidden: string;
  class?: string;
}) {
  return (
    <span class={`badge ${props.class ?? ""}`} title={props.hidden.trim()}>
      <Icon name={props.icon} size={12} /> {props.text}
      <span class="sr-only">{props.hidden}</span>
    </span>
  );
}
