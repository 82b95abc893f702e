// The import boundary: whatever arrived (a JSON body, an uploaded file, a file on disk) is checked
// against the Trello export schema here, once. A file that is not a Trello board export at all gets
// a message saying so and how to make one; a Trello export with one bad field gets that field named.
import { ErrorCode, TackError } from "@tack/shared/errors";
import { type TrelloBoardExport, trelloBoardExport } from "@tack/shared/trello-export";
import secureJson from "secure-json-parse";
import { checkTexts } from "./check-texts.ts";

const HOW_TO_EXPORT =
  "In Trello: open the board, menu → Print, export and share → Export as JSON, and import that file";

/** Parses file text as JSON, refusing prototype-poisoning keys the way Fastify's JSON parser does. */
export function parseJsonText(text: string): unknown {
  try {
    return secureJson.parse(text, undefined, { protoAction: "error", constructorAction: "error" });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new TackError(ErrorCode.malformedJson, `The file is not valid JSON (${detail}). ${HOW_TO_EXPORT}.`);
  }
}

function looksLikeBoardExport(raw: unknown): raw is Record<string, unknown> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return false;
  const record = raw as Record<string, unknown>;
  return "lists" in record || "cards" in record;
}

export function parseTrelloExport(raw: unknown): { exported: TrelloBoardExport; cleanedTexts: number } {
  if (!looksLikeBoardExport(raw)) {
    const what = Array.isArray(raw) ? "a JSON array" : raw === null ? "null" : `a JSON ${typeof raw}`;
    const hint =
      typeof raw === "object" && raw !== null && !Array.isArray(raw) && "idList" in raw
        ? " (it looks like a single card: export the whole board)"
        : "";
    throw new TackError(
      ErrorCode.invalidInput,
      `This is not a Trello board export: expected a board object with "lists" and "cards", got ${what}${hint}. ${HOW_TO_EXPORT}.`,
    );
  }
  const { value, cleaned } = checkTexts(raw);
  const result = trelloBoardExport.safeParse(value);
  if (result.success) return { exported: result.data, cleanedTexts: cleaned };
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join(".");
  throw new TackError(
    ErrorCode.invalidInput,
    `This Trello export cannot be read: ${field ? `${field} ` : ""}${issue.message}`,
    field || undefined,
  );
}
