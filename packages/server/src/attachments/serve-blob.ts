// Answers a download: streamed through Tack with headers that keep the file inert, or (S3 with
// presigned downloads on) a redirect to a short-lived URL that carries the same type and
// disposition. Only raster images and PDFs open inline; everything else is a download.

import { notFound } from "@tack/shared/errors";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { AppContext } from "../context.ts";
import { contentDisposition } from "./file-names.ts";
import { isInlineSafe } from "./sniff.ts";

export interface BlobToServe {
  key: string;
  mimeType: string;
  name: string;
}

/**
 * `sandbox` gives the document an opaque origin with no script, forms or plugins even if a browser
 * were talked into rendering it; `default-src 'none'` stops it loading anything.
 */
const DOWNLOAD_CSP = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

export async function serveBlob(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  blob: BlobToServe,
): Promise<FastifyReply> {
  const inline = isInlineSafe(blob.mimeType);
  const contentType = inline || blob.mimeType === "text/plain" ? blob.mimeType : "application/octet-stream";
  const disposition = contentDisposition(inline ? "inline" : "attachment", blob.name);
  const store = ctx.config.attachments.store;
  if (store.kind === "s3" && store.presignedDownloads) {
    const url = await ctx.blobs.presignedUrl(blob.key, {
      contentType,
      contentDisposition: disposition,
      expiresSeconds: store.presignSeconds,
    });
    if (url !== null) return reply.header("cache-control", "no-store").redirect(url, 302);
  }
  // Blobs never change under a key, so the key is a perfect validator.
  const etag = `"${blob.key.replace("/", "-")}"`;
  void reply
    .header("etag", etag)
    .header("cache-control", "private, max-age=86400")
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", DOWNLOAD_CSP)
    .header("cross-origin-resource-policy", "same-origin")
    .header("content-disposition", disposition);
  if (request.headers["if-none-match"] === etag) return reply.code(304).send();
  const read = await ctx.blobs.get(blob.key);
  if (!read) throw notFound("file");
  return reply
    .type(contentType === "text/plain" ? "text/plain; charset=utf-8" : contentType)
    .header("content-length", read.bytes)
    .send(read.body);
}
