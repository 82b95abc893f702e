// `tack import trello FILE --as USERNAME [--map trelloUser=tackUser ...]`: the same importer as
// the HTTP route, with the same limits (file size, texts), on the configured store. The new board's changes are not announced to running
// servers: nobody can be watching a board that did not exist.
import { readFile, stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import { MAX_IMPORT_BYTES } from "@tack/shared/limits";
import { loadConfig } from "../config.ts";
import { importTrelloBoard } from "../import/import-trello.ts";
import { parseMapEntries } from "../import/member-map.ts";
import { parseJsonText } from "../import/parse-export.ts";
import { boardUrl } from "../presenters/urls.ts";
import { openStore } from "../store/open-store.ts";
import { UsageError } from "./usage-error.ts";

export async function importTrelloCommand(args: string[]): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [file, extra] = positionals;
  if (!file || extra !== undefined)
    throw new UsageError("give exactly one FILE: tack import trello FILE --as USERNAME");
  if (!values.as) throw new UsageError("say who owns the new board: --as USERNAME");
  let text: string;
  try {
    // The same cap as the HTTP route: a file past it is refused before it is read into memory.
    const { size } = await stat(file);
    if (size > MAX_IMPORT_BYTES)
      throw new UsageError(
        `${file} is ${(size / 1_048_576).toFixed(1)} MB; an import takes at most ${MAX_IMPORT_BYTES / 1_048_576} MB (the API's limit too)`,
      );
    text = await readFile(file, "utf8");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const raw = parseJsonText(text);
  const config = loadConfig();
  const store = await openStore(config);
  try {
    const importer = await store.memberByUsername(values.as.replace(/^@/, "").toLowerCase());
    if (!importer) throw new UsageError(`no Tack account "${values.as}": sign up first, then import`);
    const started = performance.now();
    const result = await importTrelloBoard(store, {
      raw,
      importerId: importer.id,
      map: parseMapEntries(values.map ?? [], "--map"),
      mapField: "--map",
    });
    const ms = Math.round(performance.now() - started);
    const found = await store.boardById(result.boardId);
    const c = result.counts;
    console.log(
      `Imported "${found?.board.name}" in ${ms} ms: ${boardUrl(config.publicUrl, found!.board.shortLink, found!.board.name)}`,
    );
    console.log(
      `  ${c.lists} lists, ${c.cards} cards, ${c.labels} labels, ${c.checklists} checklists (${c.checkItems} items), ${c.comments} comments, ${c.attachments} attachments, ${c.customFields} custom fields, ${c.actions} history actions, ${c.members} members`,
    );
    console.log(`  board id ${result.boardId}`);
    for (const warning of result.warnings) console.log(`  warning (${warning.code}): ${warning.message}`);
  } finally {
    await store.close();
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { as: { type: "string" }, map: { type: "string", multiple: true } },
  });
}
