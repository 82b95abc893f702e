// Reads an import request: the export as a JSON body (`curl --data-binary @board.json`), or as a
// file in a multipart upload (the web client's file picker). The member mapping comes as `map`
// entries (`trelloUser=tackUser`): query parameters with a JSON body, form fields with an upload.
import { ErrorCode, TackError } from "@tack/shared/errors";
import { MAX_IMPORT_BYTES } from "@tack/shared/limits";
import type { FastifyRequest } from "fastify";
import { type MapEntry, parseMapEntries } from "./member-map.ts";
import { parseJsonText } from "./parse-export.ts";

export interface ImportUpload {
  raw: unknown;
  map: MapEntry[];
}

const MEGABYTES = MAX_IMPORT_BYTES / 1_048_576;
const HOW =
  "Send the export as a JSON body (Content-Type: application/json) or as a file in a multipart/form-data upload";

export async function readImportUpload(request: FastifyRequest): Promise<ImportUpload> {
  const type = String(request.headers["content-type"] ?? "").toLowerCase();
  const query = (request.query ?? {}) as Record<string, unknown>;
  if (type.startsWith("application/json")) {
    return { raw: request.body, map: parseMapEntries(query.map) };
  }
  if (type.startsWith("multipart/form-data")) return readMultipart(request, query);
  throw new TackError(ErrorCode.invalidInput, `${HOW}.`);
}

async function readMultipart(request: FastifyRequest, query: Record<string, unknown>): Promise<ImportUpload> {
  const mapValues: unknown[] = [];
  let text: string | null = null;
  try {
    const parts = request.parts({
      limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 200, fieldSize: 65_536, parts: 201 },
    });
    for await (const part of parts) {
      if (part.type === "file") text = (await part.toBuffer()).toString("utf8");
      else if (part.fieldname === "map") mapValues.push(part.value);
    }
  } catch (error) {
    throw uploadError(error);
  }
  if (text === null)
    throw new TackError(
      ErrorCode.invalidInput,
      "The upload holds no file: attach the Trello export as a file",
      "file",
    );
  const fromQuery = parseMapEntries(query.map);
  return { raw: parseJsonText(text), map: [...fromQuery, ...parseMapEntries(mapValues)] };
}

function uploadError(error: unknown): TackError {
  if (error instanceof TackError) return error;
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case "FST_REQ_FILE_TOO_LARGE":
      return new TackError(
        ErrorCode.payloadTooLarge,
        `The export is larger than ${MEGABYTES} MB, the most an import takes`,
        "file",
      );
    case "FST_FILES_LIMIT":
      return new TackError(ErrorCode.invalidInput, "Upload one export at a time", "file");
    case "FST_FIELDS_LIMIT":
    case "FST_PARTS_LIMIT":
      return new TackError(ErrorCode.invalidInput, "The upload has too many form fields");
    default:
      return new TackError(
        ErrorCode.invalidInput,
        `The upload could not be read (${error instanceof Error ? error.message : String(error)}). ${HOW}.`,
      );
  }
}
