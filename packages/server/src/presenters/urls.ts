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

/** Trello's avatar address: `<avatarUrl>/{30,50,170,original}.png` serve the picture. A new upload
 * has a new hash, so the address of a picture never changes what it shows (cacheable). */
export const avatarUrlOf = (base: string, memberId: string, avatarHash: string) =>
  `${base}/1/members/${memberId}/avatars/${avatarHash}`;
/** A custom board background in its owner's library (only the owner may fetch it here). */
export const memberBackgroundUrl = (base: string, memberId: string, backgroundId: string, size: string) =>
  `${base}/1/members/${memberId}/boardBackgrounds/${backgroundId}/${size}.png`;
/** A board's custom background, readable by whoever can read the board. */
export const boardBackgroundUrl = (base: string, boardId: string, backgroundId: string, size: string) =>
  `${base}/1/boards/${boardId}/backgroundImage/${backgroundId}/${size}.png`;
