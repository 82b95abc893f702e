// What a file really is, from its first bytes: the client's file name and declared type are never
// trusted for anything a browser acts on. Binary formats come from `file-type`'s signatures; what
// it does not recognize is plain text (when it decodes as UTF-8 with no NUL bytes) or opaque bytes.
// HTML, SVG and scripts have no signature and so become text/plain: shown as text, never run.
import { PassThrough, type Readable } from "node:stream";
import { fileTypeFromBuffer } from "file-type";

/** Enough for every signature `file-type` knows. */
export const SNIFF_BYTES = 4100;

/** Types a browser may show inline: they cannot run script. Everything else downloads. */
const INLINE_SAFE = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/bmp",
  "application/pdf",
]);

/** Raster images sharp can turn into card-cover thumbnails. */
const PREVIEWABLE = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/tiff",
]);

export const isInlineSafe = (mimeType: string): boolean => INLINE_SAFE.has(mimeType);
export const isPreviewable = (mimeType: string): boolean => PREVIEWABLE.has(mimeType);

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    // `stream: true`: the head may end inside a multi-byte character.
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export async function sniffMimeType(head: Buffer): Promise<string> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) {
    // XML documents (SVG included) can carry script: treat them as the text they are.
    if (detected.mime === "application/xml" || detected.mime.endsWith("+xml")) return "text/plain";
    return detected.mime;
  }
  if (head.length === 0) return "application/octet-stream";
  return looksLikeText(head) ? "text/plain" : "application/octet-stream";
}

/**
 * Reads up to `bytes` from the start of `source` and gives them back with a stream of the whole
 * content (the head followed by the rest), so sniffing needs no second read and no buffering
 * beyond the head.
 */
export async function peek(source: Readable, bytes: number): Promise<{ head: Buffer; stream: Readable }> {
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  await new Promise<void>((resolve, reject) => {
    const onReadable = (): void => {
      while (length < bytes) {
        const chunk = source.read() as Buffer | null;
        if (chunk === null) break;
        chunks.push(chunk);
        length += chunk.length;
      }
      if (length >= bytes) done();
    };
    const onEnd = (): void => {
      ended = true;
      done();
    };
    const done = (): void => {
      source.off("readable", onReadable);
      source.off("end", onEnd);
      source.off("error", reject);
      resolve();
    };
    source.on("readable", onReadable);
    source.once("end", onEnd);
    source.once("error", reject);
  });
  const head = Buffer.concat(chunks);
  const stream = new PassThrough();
  if (ended) {
    stream.end(head);
  } else {
    stream.write(head);
    source.on("error", (error) => stream.destroy(error));
    source.pipe(stream);
  }
  return { head: head.subarray(0, bytes), stream };
}
