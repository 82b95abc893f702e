// Every text in an export passes the same rules as text sent to the API, before anything is
// planned (docs/security.md, "Imports and placeholder members"):
// - longer than Tack's limit for a text (16,384 characters, FieldLimits): refused with the path of
//   the text, so the person can find it; the API refuses such text everywhere else too;
// - a lone UTF-16 surrogate (half of an emoji, left by a tool that cut a string in the wrong
//   place): refused with its path; it is not text, and PostgreSQL cannot store it;
// - NUL characters (U+0000): removed, and the person is told how many texts were touched. Neither
//   store can keep them and no person typed one; refusing a whole board for a stray NUL in a
//   comment from years ago would leave the person with nothing.
// Keys are checked the same way (a key is stored as text inside a document too).

import { invalid } from "@tack/shared/errors";
import { FieldLimits } from "@tack/shared/limits";

/** Longest text anywhere in an export: the API's limit for names, descriptions and comments. */
export const MAX_IMPORT_TEXT = Math.max(FieldLimits.name, FieldLimits.desc, FieldLimits.comment);
const MAX_DEPTH = 64;

export function checkTexts(value: unknown): { value: unknown; cleaned: number } {
  let cleaned = 0;
  const clean = (text: string, path: readonly (string | number)[]): string => {
    if (!text.isWellFormed())
      throw invalid(
        where(path),
        "holds a broken character (a lone UTF-16 surrogate, usually half of an emoji cut off by the tool that wrote the file): fix or remove it and import again",
      );
    const kept = text.includes("\0") ? text.replaceAll("\0", "") : text;
    if (kept !== text) cleaned++;
    if (kept.length > MAX_IMPORT_TEXT)
      throw invalid(
        where(path),
        `is ${kept.length.toLocaleString("en")} characters long; a text in Tack (as in Trello) has at most ${MAX_IMPORT_TEXT.toLocaleString("en")}: shorten it in the file and import again`,
      );
    return kept;
  };
  const walk = (v: unknown, path: (string | number)[]): unknown => {
    if (typeof v === "string") return clean(v, path);
    if (typeof v !== "object" || v === null) return v;
    if (path.length > MAX_DEPTH) throw invalid(where(path), `is nested more than ${MAX_DEPTH} levels deep`);
    if (Array.isArray(v)) return v.map((inner, i) => walk(inner, [...path, i]));
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(v)) {
      const cleanKey = clean(key, [...path, `${key.slice(0, 40)} (a key)`]);
      out[cleanKey] = walk(inner, [...path, cleanKey]);
    }
    return out;
  };
  return { value: walk(value, []), cleaned };
}

const where = (path: readonly (string | number)[]): string => path.map(String).join(".") || "the file";
