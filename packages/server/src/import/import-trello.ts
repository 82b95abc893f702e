// Importing a Trello board export into a new board the importing person owns: the one entry point
// the HTTP route and the command line share. Check the file, resolve the member mapping, plan
// everything, then write it all in one transaction.
import type { BoardChange } from "@tack/shared/changes";
import { ErrorCode, TackError } from "@tack/shared/errors";
import type { Member } from "@tack/shared/models";
import type { ImportCounts, ImportWarning } from "@tack/shared/trello-export";
import type { Store } from "../store/store.ts";
import { type MapEntry, resolveMemberMap, trelloPeople } from "./member-map.ts";
import { parseTrelloExport } from "./parse-export.ts";
import { planImport } from "./plan-import.ts";
import { writeImport } from "./write-import.ts";

export interface TrelloImportRequest {
  /** The export as parsed JSON, not yet checked. */
  raw: unknown;
  importerId: string;
  /**
   * Trello person (id or username) → Tack account (username or id). An entry naming the importer
   * maps at once; one naming anyone else asks them to claim the person's placeholder.
   */
  map: readonly MapEntry[];
  mutationId?: string | null;
  /** The "map" input's name, for error messages (the CLI calls it --map). */
  mapField?: string;
  now?: Date;
}

export interface TrelloImportResult {
  boardId: string;
  warnings: ImportWarning[];
  counts: ImportCounts;
  /** The committed changes, for the caller to announce (history first, the import last). */
  changes: BoardChange[];
}

export async function importTrelloBoard(
  store: Store,
  request: TrelloImportRequest,
): Promise<TrelloImportResult> {
  const { exported, cleanedTexts } = parseTrelloExport(request.raw);
  const importer: Member | null = await store.memberById(request.importerId);
  if (!importer) throw new TackError(ErrorCode.notFound, "The importing account does not exist");
  const people = trelloPeople(exported);
  const resolved = await resolveMemberMap(store, importer, people, request.map, request.mapField);
  const now = request.now ?? new Date();
  const plan = planImport(exported, { importer, people, resolved, now, cleanedTexts });
  const { boardId, changes } = await writeImport(store, plan, {
    importerId: importer.id,
    now: now.toISOString(),
    mutationId: request.mutationId ?? null,
  });
  return { boardId, warnings: plan.warnings, counts: plan.counts, changes };
}
