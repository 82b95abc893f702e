// Attachments as Trello clients expect them. Download and preview URLs are rebuilt from the public
// URL on every read, so they follow a change of address.
import type { Attachment } from "@tack/shared/models";
import { attachmentDownloadUrl, attachmentPreviewUrl } from "./urls.ts";

export function presentAttachment(base: string, a: Attachment) {
  return {
    id: a.id,
    idCard: a.idCard,
    idBoard: a.idBoard,
    idMember: a.idMember,
    name: a.name,
    fileName: a.isUpload ? a.name : null,
    url: a.isUpload ? attachmentDownloadUrl(base, a.idCard, a.id, a.name) : a.url,
    isUpload: a.isUpload,
    mimeType: a.mimeType,
    bytes: a.bytes,
    date: a.date,
    pos: a.pos,
    edgeColor: null,
    previews: a.previews.map((p) => ({
      id: p.id,
      _id: p.id,
      width: p.width,
      height: p.height,
      url: attachmentPreviewUrl(base, a.idCard, a.id, p.id),
      scaled: true,
    })),
  };
}
