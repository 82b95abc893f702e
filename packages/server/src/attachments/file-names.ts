// Attachment names come from people and are only ever shown: never used as a storage key or a
// path. They are still cleaned, so a name like `../../etc/passwd` or one with control characters
// reads sensibly and cannot break a `Content-Disposition` header.

/** Longest name kept, in UTF-16 code units (the schema's `name` limit). */
export const MAX_FILE_NAME = 256;

/**
 * The longest a name can be once percent-encoded in its download URL: a UTF-16 code unit is at
 * most 3 UTF-8 bytes (a surrogate pair, two units, is 4), each written as `%XX`. The router's
 * parameter limit (app.ts) is set from this, so every accepted name downloads.
 */
export const MAX_ENCODED_FILE_NAME = MAX_FILE_NAME * 9;

/** Cuts `text` to at most `max` code units without splitting a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return cut.isWellFormed() ? cut : cut.slice(0, -1);
}

/** The last path segment, without control characters, trimmed; "file" when nothing is left. */
export function cleanFileName(raw: string | undefined): string {
  const lastSegment = (raw ?? "").split(/[/\\]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const visible = lastSegment.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  const name = visible === "." || visible === ".." ? "" : visible;
  return truncate(name, MAX_FILE_NAME) || "file";
}

/**
 * `attachment; filename="…"` plus, for names beyond plain ASCII, `filename*=UTF-8''…` (RFC 6266).
 * Safe for any name: quotes, backslashes and control characters never reach the header.
 */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  if (ascii === name) return `${kind}; filename="${ascii}"`;
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
