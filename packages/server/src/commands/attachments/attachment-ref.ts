// How actions name an attachment (Trello's `data.attachment`).
import type { Attachment } from "@tack/shared/models";

export const attachmentRef = (a: Attachment) => ({
  id: a.id,
  name: a.name,
  url: a.url,
  ...(a.previews[0] && { previewUrl: a.previews[0].url }),
  ...(a.previews[1] && { previewUrl2x: a.previews[1].url }),
});
