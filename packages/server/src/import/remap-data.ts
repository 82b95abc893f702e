// An action's `data` names the objects it was about (`card: {id, name, shortLink}`, `listBefore`,
// `old: {idList}`, `idMember`, …). Every id in it is turned into its new Tack id through the import's
// id map, so a comment points at the imported card and a move at the imported lists; names, text
// and everything else are kept as they were. Ids of things the export no longer holds (a deleted
// card) get new ids too, consistently, so no Trello id leaks into Tack's data.
import { invalid } from "@tack/shared/errors";
import type { IdMap } from "./id-map.ts";

/** `id`, `idCard`, `idMembers`, … : keys whose string values are ids. */
const ID_KEY = /^id([A-Z]\w*)?$/;
/** Provenance this importer wrote on an earlier import: kept as written, not renumbered. */
const KEPT_AS_IS = new Set(["importedFrom"]);
const MAX_DEPTH = 32;

export function remapData(data: Record<string, unknown>, ids: IdMap, field: string): Record<string, unknown> {
  return remapObject(data, ids, field, 0);
}

function remapObject(
  object: Record<string, unknown>,
  ids: IdMap,
  field: string,
  depth: number,
): Record<string, unknown> {
  if (depth > MAX_DEPTH) throw invalid(field, `is nested more than ${MAX_DEPTH} levels deep`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (key === "__proto__") continue;
    out[key] = KEPT_AS_IS.has(key) ? value : remapValue(key, value, ids, field, depth);
  }
  return out;
}

function remapValue(key: string, value: unknown, ids: IdMap, field: string, depth: number): unknown {
  if (ID_KEY.test(key)) {
    if (typeof value === "string" && value !== "") return ids.id(value);
    if (Array.isArray(value)) return value.map((v) => (typeof v === "string" && v !== "" ? ids.id(v) : v));
  }
  if (key === "shortLink" && typeof value === "string" && value !== "") return ids.shortLink(value);
  if (Array.isArray(value))
    return value.map((v) => (isRecord(v) ? remapObject(v, ids, field, depth + 1) : v));
  if (isRecord(value)) return remapObject(value, ids, field, depth + 1);
  return value;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
