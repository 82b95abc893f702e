// The attachment and cover calls of the card dialog (Trello's routes under /1/cards/{id}).
import type { Attachment, CardCover } from "@tack/shared/models";
import { del, post, put, sendForm } from "./http.ts";
import { attachmentFrom } from "./normalize.ts";

type Raw = Record<string, unknown>;
const enc = encodeURIComponent;

/** Uploads a file; the `file` part goes last, as the server reads the fields before it. */
export async function uploadAttachment(
  idCard: string,
  file: File,
  options: { setCover?: boolean; onProgress?: (fraction: number) => void } = {},
): Promise<Attachment> {
  const form = new FormData();
  if (options.setCover) form.append("setCover", "true");
  form.append("file", file, file.name);
  return attachmentFrom(await sendForm<Raw>(`/1/cards/${enc(idCard)}/attachments`, form, options.onProgress));
}

export const attachLink = async (idCard: string, url: string, name: string): Promise<Attachment> =>
  attachmentFrom(await post<Raw>(`/1/cards/${enc(idCard)}/attachments`, name ? { url, name } : { url }));
export const renameAttachment = async (idCard: string, id: string, name: string): Promise<Attachment> =>
  attachmentFrom(await put<Raw>(`/1/cards/${enc(idCard)}/attachments/${enc(id)}`, { name }));
export const deleteAttachment = (idCard: string, id: string): Promise<unknown> =>
  del(`/1/cards/${enc(idCard)}/attachments/${enc(id)}`);

export const setCoverAttachment = (idCard: string, idAttachmentCover: string | null): Promise<unknown> =>
  put(`/1/cards/${enc(idCard)}`, { idAttachmentCover });
export const setCoverColor = (idCard: string, color: CardCover["color"]): Promise<unknown> =>
  put(`/1/cards/${enc(idCard)}`, { cover: { color } });
