// PostgreSQL cannot store NUL characters (U+0000) in text or JSON, and no person typed one: Tack's
// API refuses them in every text field. An export is not refused for a stray NUL somewhere in a
// comment from years ago (that would leave the person with nothing); the NULs are removed instead,
// and the person is told how many texts were touched.

export function stripNul(value: unknown): { value: unknown; cleaned: number } {
  let cleaned = 0;
  const clean = (text: string): string => {
    if (!text.includes("\0")) return text;
    cleaned++;
    return text.replaceAll("\0", "");
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return clean(v);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === "object" && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(v)) out[clean(key)] = walk(inner);
      return out;
    }
    return v;
  };
  const result = walk(value);
  return { value: result, cleaned };
}
