// Trello's `fields=` selection: `all` (or absent) keeps everything; a list keeps those keys and `id`.
export type FieldSelection = "all" | ReadonlySet<string>;

export function fieldSelection(raw: unknown): FieldSelection {
  if (typeof raw !== "string" || raw === "" || raw === "all") return "all";
  return new Set(raw.split(",").map((f) => f.trim()));
}

export function selectFields<T extends Record<string, unknown>>(
  object: T,
  fields: FieldSelection,
): Partial<T> {
  if (fields === "all") return object;
  const out: Record<string, unknown> = { id: object.id };
  for (const field of fields) if (field in object) out[field] = object[field];
  return out as Partial<T>;
}
