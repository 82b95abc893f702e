// Edits to a card's attachments and cover. Uploads show their progress (one entry per file being
// sent); renames, deletes and cover changes are optimistic like every edit.
import { signal } from "@preact/signals";
import type { Attachment, CardCover } from "@tack/shared/models";
import * as api from "../api/attachments.ts";
import { ApiError } from "../api/http.ts";
import type { BoardCache } from "./board-cache.ts";
import { nudgeFeed } from "./open-board.ts";
import { optimistic } from "./optimistic.ts";
import { toast, toastRejected } from "./toasts.ts";

export interface Upload {
  key: number;
  idCard: string;
  name: string;
  /** 0..1 of the bytes sent; 1 while the server makes thumbnails. */
  fraction: number;
}

export const uploads = signal<Upload[]>([]);
let nextUpload = 1;

const reason = (error: unknown): string => (error instanceof ApiError ? error.message : "unexpected error");

/** Shows a document the server just created until its change arrives over the feed. */
function showCreated(cache: BoardCache, attachment: Attachment): void {
  cache.settle(cache.predict({}), { attachments: [attachment] });
  nudgeFeed();
}

export async function uploadFiles(cache: BoardCache, idCard: string, files: readonly File[]): Promise<void> {
  for (const file of files) {
    const key = nextUpload++;
    const setProgress = (fraction: number) => {
      uploads.value = uploads.value.map((u) => (u.key === key ? { ...u, fraction } : u));
    };
    uploads.value = [...uploads.value, { key, idCard, name: file.name, fraction: 0 }];
    try {
      showCreated(cache, await api.uploadAttachment(idCard, file, { onProgress: setProgress }));
    } catch (error) {
      toast(`Could not upload ${file.name}: ${reason(error)}`, "error");
    } finally {
      uploads.value = uploads.value.filter((u) => u.key !== key);
    }
  }
}

export async function attachLink(cache: BoardCache, idCard: string, url: string, name: string) {
  try {
    showCreated(cache, await api.attachLink(idCard, url, name));
    return true;
  } catch (error) {
    toast(`Could not attach the link: ${reason(error)}`, "error");
    return false;
  }
}

export function renameAttachment(cache: BoardCache, attachment: Attachment, name: string) {
  return optimistic(
    cache,
    "rename the attachment",
    { attachments: [{ ...attachment, name }] },
    () => api.renameAttachment(attachment.idCard, attachment.id, name),
    (renamed) => ({ attachments: [renamed] }),
  );
}

export async function deleteAttachment(cache: BoardCache, attachment: Attachment) {
  cache.hideAttachment(attachment.id, true);
  try {
    await api.deleteAttachment(attachment.idCard, attachment.id);
    nudgeFeed();
  } catch (error) {
    cache.hideAttachment(attachment.id, false);
    toastRejected("delete the attachment", error);
  }
}

/** An image attachment as the cover (or none); the server clears the cover color. */
export function setCoverImage(cache: BoardCache, idCard: string, idAttachment: string | null) {
  const card = cache.card(idCard);
  if (!card) return Promise.resolve(null);
  const cover: CardCover = { ...card.cover, idAttachment, color: idAttachment ? null : card.cover.color };
  return optimistic(
    cache,
    idAttachment ? "make the cover" : "remove the cover",
    { cards: [{ ...card, idAttachmentCover: idAttachment, cover }] },
    () => api.setCoverAttachment(idCard, idAttachment),
  );
}

/** A color as the cover (or none); choosing a color replaces an image cover. */
export function setCoverColor(cache: BoardCache, idCard: string, color: CardCover["color"]) {
  const card = cache.card(idCard);
  if (!card) return Promise.resolve(null);
  const cover: CardCover = { ...card.cover, color, idAttachment: color ? null : card.cover.idAttachment };
  return optimistic(
    cache,
    "change the cover",
    { cards: [{ ...card, idAttachmentCover: cover.idAttachment, cover }] },
    () => api.setCoverColor(idCard, color),
  );
}
