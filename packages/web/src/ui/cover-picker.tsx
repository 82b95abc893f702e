// The card's cover: a color from Trello's ten, or one of the card's image attachments, or none.
import type { Card } from "@tack/shared/models";
import { setCoverColor, setCoverImage } from "../model/attachment-edits.ts";
import type { BoardCache } from "../model/board-cache.ts";
import { previewFor } from "./attachment-format.ts";
import { PickerFrame } from "./card-pickers.tsx";
import { BASE_LABEL_COLORS, labelCss } from "./colors.ts";

export function CoverPicker({
  cache,
  card,
  onClose,
}: {
  cache: BoardCache;
  card: Card;
  onClose: () => void;
}) {
  const images = cache.attachmentsOf(card.id).value.filter((a) => a.previews.length > 0);
  const hasCover = card.cover.color !== null || card.idAttachmentCover !== null;
  return (
    <PickerFrame title="Cover" onClose={onClose}>
      <fieldset class="cover-swatches" aria-label="Cover colors">
        {BASE_LABEL_COLORS.map((color) => (
          <button
            key={color}
            type="button"
            class="cover-swatch"
            aria-label={`Cover color ${color}`}
            aria-pressed={card.cover.color === color}
            style={{ background: labelCss(color) }}
            onClick={() => void setCoverColor(cache, card.id, color)}
          />
        ))}
      </fieldset>
      {images.length > 0 && (
        <fieldset class="cover-images" aria-label="Cover images">
          {images.map((a) => (
            <button
              key={a.id}
              type="button"
              class="cover-image-choice"
              aria-label={`Cover image ${a.name}`}
              aria-pressed={card.idAttachmentCover === a.id}
              onClick={() => void setCoverImage(cache, card.id, a.id)}
            >
              <img src={previewFor(a.previews, 80)?.url} alt="" />
            </button>
          ))}
        </fieldset>
      )}
      {hasCover && (
        <button
          type="button"
          class="button"
          onClick={() =>
            void (card.idAttachmentCover
              ? setCoverImage(cache, card.id, null)
              : setCoverColor(cache, card.id, null))
          }
        >
          Remove cover
        </button>
      )}
    </PickerFrame>
  );
}
