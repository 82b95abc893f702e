// Attachment names come from people and are only ever shown: never used as a storage key or a
// path. They are still cleaned, so a name like `../../etc/passwd` or one with control characters
// reads sensibly and cannot break a `Content-Disposition` header.

const MAX_NAME = 256;

/** The last path segment, without control characters, trimmed; "file" when nothing is left. */
export function cleanFileName(raw: string | undefined): string {
  const lastSegment = (raw ?? "").split(/[/\\]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const visible = lastSegment.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  const name = visible === "." || visible === ".." ? "" : visible;
  return name.slice(0, MAX_NAME) || "file";
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
