import { slugify } from "@tack/shared/ids";

export const boardUrl = (base: string, shortLink: string, name: string): string =>
  `${base}/b/${shortLink}/${slugify(name)}`;
export const cardUrl = (base: string, shortLink: string, idShort: number, name: string): string =>
  `${base}/c/${shortLink}/${idShort}-${slugify(name)}`;

/** An uploaded file's download address (Trello's shape: the file name at the end is cosmetic). */
export const attachmentDownloadUrl = (base: string, cardId: string, attachmentId: string, name: string) =>
  `${base}/1/cards/${cardId}/attachments/${attachmentId}/download/${encodeURIComponent(name)}`;
export const attachmentPreviewUrl = (base: string, cardId: string, attachmentId: string, previewId: string) =>
  `${base}/1/cards/${cardId}/attachments/${attachmentId}/previews/${previewId}/download/preview.webp`;
