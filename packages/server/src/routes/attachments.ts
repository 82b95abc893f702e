// Trello's attachment routes: upload a file (multipart, streamed) or attach a link, list, read,
// rename, delete, and download through Tack with the board's read permission.
//
// An upload stores the bytes first under a fresh server-generated key, makes cover thumbnails for
// images, then writes the record in one transaction; if anything after the first byte fails, the
// stored bytes are deleted, so no blob is left without a record and no record without its blob.
import type { Readable } from "node:stream";
import { ErrorCode, invalid, notFound, TackError } from "@tack/shared/errors";
import { newId } from "@tack/shared/ids";
import type { Attachment } from "@tack/shared/models";
import { byPosition } from "@tack/shared/positions";
import {
  type CreateAttachmentInput,
  createAttachmentInput,
  updateAttachmentInput,
} from "@tack/shared/schemas";
import type { FastifyRequest } from "fastify";
import { discardAttachmentBlobs } from "../attachments/discard.ts";
import { cleanFileName } from "../attachments/file-names.ts";
import { discardPreviews, makePreviews, type Preview } from "../attachments/previews.ts";
import { receiveUpload } from "../attachments/receive-upload.ts";
import { serveBlob } from "../attachments/serve-blob.ts";
import { tooLarge } from "../attachments/size-limit.ts";
import { isPreviewable } from "../attachments/sniff.ts";
import type { MemberActor } from "../auth/actor.ts";
import { previewBlobKey } from "../blobs/blob-store.ts";
import { addAttachment, type NewAttachment } from "../commands/attachments/add-attachment.ts";
import { deleteAttachment } from "../commands/attachments/delete-attachment.ts";
import { renameAttachment } from "../commands/attachments/rename-attachment.ts";
import { execute } from "../commands/command.ts";
import { appliedBefore } from "../commands/mutate.ts";
import type { AppContext } from "../context.ts";
import { check } from "../http/input.ts";
import { presentAttachment } from "../presenters/attachment.ts";
import { fieldSelection, selectFields } from "../presenters/fields.ts";
import { attachmentDownloadUrl, attachmentPreviewUrl } from "../presenters/urls.ts";
import { type Api, exchangeOf } from "./api.ts";

/** Room for the multipart framing and small fields around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

interface UploadedFile {
  stream: Readable;
  fileName: string;
  fields: CreateAttachmentInput;
}

/** The file part of a multipart upload and the fields sent before it (send `file` last). */
async function fileOf(request: FastifyRequest, query: CreateAttachmentInput): Promise<UploadedFile | null> {
  const part = await request.file();
  if (!part) return null;
  const fields: Record<string, unknown> = { ...query };
  for (const [name, value] of Object.entries(part.fields)) {
    if (value && !Array.isArray(value) && value.type === "field") fields[name] = value.value;
  }
  return { stream: part.file, fileName: part.filename, fields: check(createAttachmentInput, fields) };
}

async function findAttachment(ctx: AppContext, cardId: string, attachmentId: string): Promise<Attachment> {
  const attachment = await ctx.store.objectById("attachment", attachmentId);
  // Another card's (or board's) attachment id answers like a missing one.
  if (!attachment || attachment.idCard !== cardId) throw notFound("attachment");
  return attachment;
}

async function uploadFile(
  ctx: AppContext,
  me: MemberActor,
  boardId: string,
  cardId: string,
  file: UploadedFile,
  mutationId: string | null,
): Promise<Attachment> {
  const { maxBytes, previewMaxBytes } = ctx.config.attachments;
  const stored = await receiveUpload(ctx.blobs, boardId, file.stream, maxBytes);
  const id = newId();
  const name = cleanFileName(file.fields.name ?? file.fileName);
  const base = ctx.config.publicUrl;
  let previews: Preview[] = [];
  try {
    if (isPreviewable(stored.mimeType) && stored.bytes <= previewMaxBytes) {
      previews = await makePreviews(ctx.blobs, stored.storageKey, (p) =>
        attachmentPreviewUrl(base, cardId, id, p),
      ).catch((error: unknown) => {
        ctx.log.warn({ err: error }, "no previews for an uploaded image");
        return [];
      });
    }
    const draft: NewAttachment = {
      id,
      name,
      url: attachmentDownloadUrl(base, cardId, id, name),
      mimeType: stored.mimeType,
      bytes: stored.bytes,
      isUpload: true,
      storageKey: stored.storageKey,
      previews,
    };
    const { attachment, written } = await execute(ctx, addAttachment, {
      actor: me,
      boardId,
      mutationId,
      cardId,
      draft,
      setCover: file.fields.setCover ?? false,
    });
    // A retried mutation answered from its first attempt: these bytes are a duplicate.
    if (!written) await discardAttachmentBlobs(ctx, [draft as Attachment]);
    return attachment;
  } catch (error) {
    await discardPreviews(ctx.blobs, stored.storageKey, previews);
    await ctx.blobs.delete(stored.storageKey).catch(() => undefined);
    throw error;
  }
}

export function attachmentRoutes(api: Api): void {
  const { ctx } = api;
  const base = ctx.config.publicUrl;

  const readCard = { object: "card", permission: "read" } as const;
  const writeCard = { object: "card", permission: "write" } as const;

  api.define({
    method: "POST",
    path: "/1/cards/:id/attachments",
    summary:
      "Attach a file (multipart part `file`, sent last) or a link (`url`) to the card; name, mimeType, setCover",
    input: createAttachmentInput,
    access: writeCard,
    handler: async ({ me, target: { boardId, object: card }, input, http, mutationId }) => {
      if (http?.request.isMultipart()) {
        const { request, reply } = http;
        const { maxBytes, perCard } = ctx.config.attachments;
        // Refuse what cannot succeed before a single byte of the file is read.
        if (Number(request.headers["content-length"] ?? 0) > maxBytes + MULTIPART_OVERHEAD) {
          void reply.header("connection", "close");
          throw tooLarge(maxBytes);
        }
        if ((await ctx.store.childrenOf("attachment", card.id)).length >= perCard) {
          void reply.header("connection", "close");
          throw new TackError(ErrorCode.limitExceeded, `A card can have at most ${perCard} attachments`);
        }
        const prior = await appliedBefore(ctx, me, boardId, "addAttachment", mutationId);
        const replayed = prior?.models.attachments?.at(-1);
        if (replayed) return presentAttachment(base, replayed);
        const file = await fileOf(request, input);
        if (file) {
          try {
            return presentAttachment(base, await uploadFile(ctx, me, boardId, card.id, file, mutationId));
          } catch (error) {
            // The rest of a refused body is not worth reading: end the connection instead.
            if (error instanceof TackError && error.code !== ErrorCode.internal)
              void reply.header("connection", "close");
            throw error;
          }
        }
      }
      if (input.url === undefined) throw invalid("file", "send a file (multipart part `file`) or a url");
      if (input.setCover) throw invalid("setCover", "only an uploaded image can be a card cover");
      const { attachment } = await execute(ctx, addAttachment, {
        actor: me,
        boardId,
        mutationId,
        cardId: card.id,
        draft: {
          id: newId(),
          name: input.name || input.url,
          url: input.url,
          mimeType: input.mimeType ?? "",
          bytes: null,
          isUpload: false,
          storageKey: null,
          previews: [],
        },
        setCover: false,
      });
      return presentAttachment(base, attachment);
    },
  });

  api.define({
    method: "GET",
    path: "/1/cards/:id/attachments",
    summary: "The card's attachments (filter=cover|false)",
    access: readCard,
    handler: async ({ target: { object: card }, query }) => {
      let attachments = (await ctx.store.childrenOf("attachment", card.id)).sort(byPosition);
      if (query.filter === "cover") attachments = attachments.filter((a) => a.id === card.idAttachmentCover);
      const fields = fieldSelection(query.fields);
      return attachments.map((a) => selectFields(presentAttachment(base, a), fields));
    },
  });

  api.define({
    method: "GET",
    path: "/1/cards/:id/attachments/:idAttachment",
    summary: "One attachment of the card",
    access: readCard,
    handler: async ({ target: { object: card }, params, query }) => {
      const attachment = await findAttachment(ctx, card.id, params.idAttachment);
      return selectFields(presentAttachment(base, attachment), fieldSelection(query.fields));
    },
  });

  api.define({
    method: "PUT",
    path: "/1/cards/:id/attachments/:idAttachment",
    summary: "Rename an attachment (name)",
    input: updateAttachmentInput,
    access: writeCard,
    handler: async ({ me, target: { boardId, object: card }, params, input, mutationId }) => {
      const after = await execute(ctx, renameAttachment, {
        actor: me,
        boardId,
        mutationId,
        cardId: card.id,
        attachmentId: params.idAttachment,
        name: cleanFileName(input.name),
      });
      return presentAttachment(base, after);
    },
  });

  api.define({
    method: "DELETE",
    path: "/1/cards/:id/attachments/:idAttachment",
    summary: "Delete an attachment (and its file)",
    access: writeCard,
    handler: async ({ me, target: { boardId, object: card }, params, mutationId }) => {
      // The file's bytes go in the command's after-commit task.
      await execute(ctx, deleteAttachment, {
        actor: me,
        boardId,
        mutationId,
        cardId: card.id,
        attachmentId: params.idAttachment,
      });
    },
  });

  api.define({
    method: "GET",
    path: "/1/cards/:id/attachments/:idAttachment/download/:fileName",
    summary: "Download an uploaded file (board read permission; public boards follow visibility)",
    access: readCard,
    httpOnly: true,
    handler: async (call) => {
      const { request, reply } = exchangeOf(call);
      const attachment = await findAttachment(ctx, call.target.object.id, call.params.idAttachment);
      if (attachment.storageKey === null)
        throw new TackError(ErrorCode.notFound, "This attachment is a link, not a file: open its url");
      return serveBlob(ctx, request, reply, {
        key: attachment.storageKey,
        mimeType: attachment.mimeType,
        name: attachment.name,
      });
    },
  });

  api.define({
    method: "GET",
    path: "/1/cards/:id/attachments/:idAttachment/previews/:idPreview/download/:fileName",
    summary: "Download an image attachment's thumbnail (WebP)",
    access: readCard,
    httpOnly: true,
    handler: async (call) => {
      const { request, reply } = exchangeOf(call);
      const attachment = await findAttachment(ctx, call.target.object.id, call.params.idAttachment);
      const preview = attachment.previews.find((p) => p.id === call.params.idPreview);
      if (!preview || attachment.storageKey === null) throw notFound("preview");
      return serveBlob(ctx, request, reply, {
        key: previewBlobKey(attachment.storageKey, preview.id),
        mimeType: "image/webp",
        name: `${attachment.name}.webp`,
      });
    },
  });
}
