// Generates docs/trello-compatibility.md: every route of Trello's REST API v1, by API group, and
// whether Tack serves it (supported / partly / not). Trello's routes are read from the npm
// `trello.js` client (a dev dependency generated from Trello's own API reference: one function per
// operation, with its method and path); Tack's from its route table (the OpenAPI document the route
// specs generate). `npm run docs:trello` writes the file; test/trello-compatibility-doc.test.ts
// fails when it is stale.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "../packages/server/src/app.ts";
import { loadConfig } from "../packages/server/src/config.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DOC_PATH = join(ROOT, "docs", "trello-compatibility.md");

interface TrelloOperation {
  group: string;
  name: string;
  method: string;
  /** The path as Trello's reference writes it, `{param}` for each parameter. */
  path: string;
  summary: string;
}

/** Routes Tack serves with a difference a client may notice: the status is "partly". */
const PARTLY: Record<string, string> = {
  "GET /cards/{id}/pluginData": "always empty: Tack has no Power-Ups",
  "PUT /lists/{id}/idBoard": "the list's own board only; another board is refused (400)",
  "GET /members/{id}": "no `email` yet on `me`; no avatar hash",
  "POST /boards": "no board copy (`idBoardSource`)",
  "POST /cards": "no card copy (`idCardSource`) or file source",
  "PUT /cards/{id}": "moving to another board (`idBoard`) is refused (400)",
  "PUT /checklists/{id}/{field}": "name and pos",
  "PUT /lists/{id}/{field}": "name, closed and pos",
  "PUT /labels/{id}/{field}": "name and color",
};

const PARAM = /\{[^}]*\}/g;
/** The shape of a path for matching: lower case, parameters unnamed, no version prefix. */
const shape = (path: string) =>
  path
    .replace(/^\/1(?=\/)/, "")
    .replace(PARAM, "{}")
    .replace(/(.)\/$/, "$1")
    .toLowerCase();

export function trelloOperations(): TrelloOperation[] {
  const apiDir = join(dirname(fileURLToPath(import.meta.resolve("trello.js"))), "api");
  const operations: TrelloOperation[] = [];
  for (const file of readdirSync(apiDir).filter((f) => f.endsWith(".js") && f !== "index.js")) {
    const group = file.replace(/\.js$/, "");
    const source = readFileSync(join(apiDir, file), "utf8");
    const pattern =
      /(?:\/\*\*\s*([\s\S]*?)\s*\*\/\s*)?export async function (\w+)\(client, parameters\) \{\s*const config = \{\s*url: [`'"]([^`'"]*)[`'"],\s*method: '(\w+)'/g;
    for (const m of source.matchAll(pattern)) {
      const [, doc = "", name = "", url = "", method = ""] = m;
      const summary = (doc.split("\n")[0] ?? "").replace(/^\*\s*/, "").trim();
      operations.push({
        group,
        name,
        method,
        path: url.replace(/\$\{parameters\.(\w+)\}/g, "{$1}"),
        summary,
      });
    }
  }
  return operations;
}

/** Tack's routes as `METHOD shape`, from the OpenAPI document its route specs generate. */
export async function tackRoutes(): Promise<Set<string>> {
  const dataDir = mkdtempSync(join(tmpdir(), "tack-docs-"));
  const app = await buildApp(
    loadConfig({
      TACK_DATA_DIR: dataDir,
      TACK_PUBLIC_URL: "http://localhost",
      LOG_LEVEL: "silent",
    }),
  );
  try {
    const document = (await app.http.inject({ method: "GET", url: "/1/openapi.json" })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = new Set<string>();
    for (const [path, operations] of Object.entries(document.paths))
      for (const method of Object.keys(operations)) routes.add(`${method.toUpperCase()} ${shape(path)}`);
    return routes;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type Status = "supported" | "partly" | "not";

function statusOf(op: TrelloOperation, routes: Set<string>): { status: Status; note: string } {
  const key = `${op.method} ${op.path.replace(/(.)\/$/, "$1")}`;
  const exact = routes.has(`${op.method} ${shape(op.path)}`);
  if (exact) return PARTLY[key] ? { status: "partly", note: PARTLY[key] } : { status: "supported", note: "" };
  // A member route Tack serves for yourself only (`/1/members/me/boards`).
  const mine = shape(op.path).replace(/^\/members\/\{\}/, "/members/me");
  if (mine !== shape(op.path) && routes.has(`${op.method} ${mine}`))
    return { status: "partly", note: PARTLY[key] ?? "`me` only" };
  // A `{field}` route of Trello's that Tack serves as one route per field.
  const segments = shape(op.path).split("/");
  if (segments.at(-1) === "{}" && /\{field\}$/.test(op.path)) {
    const prefix = `${op.method} ${segments.slice(0, -1).join("/")}/`;
    const fields = [...routes].filter((r) => r.startsWith(prefix) && !r.slice(prefix.length).includes("/"));
    if (fields.length > 0)
      return {
        status: "partly",
        note: PARTLY[key] ?? `fields: ${fields.map((f) => f.slice(prefix.length)).join(", ")}`,
      };
  }
  return { status: "not", note: "" };
}

const MARK: Record<Status, string> = { supported: "supported", partly: "partly", not: "not" };

export async function renderTrelloCompatibility(): Promise<string> {
  const operations = trelloOperations();
  const routes = await tackRoutes();
  const groups = [...new Set(operations.map((o) => o.group))].sort();
  const rows = operations.map((op) => ({ op, ...statusOf(op, routes) }));
  const count = (status: Status, group?: string) =>
    rows.filter((r) => r.status === status && (group === undefined || r.op.group === group)).length;
  const lines: string[] = [
    "# Trello REST API v1: what Tack serves",
    "",
    "Generated by `npm run docs:trello` (scripts/trello-compatibility.ts) from Tack's route table and the",
    "list of Trello's operations in the `trello.js` client (generated from Trello's API reference). Do not",
    "edit the tables by hand: `packages/server/test/trello-compatibility-doc.test.ts` fails when this file",
    "is stale. Edit the notes in the script, or the choices section at its end.",
    "",
    `Of ${rows.length} Trello operations: ${count("supported")} supported, ${count("partly")} partly, ${count("not")} not.`,
    "Real clients are tested against a running Tack in `packages/server/test/trello-clients.test.ts`",
    "(`trello.js` with its response validation on, and the npm `trello` client).",
    "",
    "| Group | Supported | Partly | Not |",
    "| --- | ---: | ---: | ---: |",
    ...groups.map((g) => `| ${g} | ${count("supported", g)} | ${count("partly", g)} | ${count("not", g)} |`),
    "",
  ];
  for (const group of groups) {
    lines.push(
      `## ${group}`,
      "",
      "| Method | Path | Tack | Note | Trello's summary |",
      "| --- | --- | --- | --- | --- |",
    );
    for (const { op, status, note } of rows.filter((r) => r.op.group === group))
      lines.push(
        `| ${op.method} | \`/1${op.path}\` | ${MARK[status]} | ${note.replace(/\|/g, "\\|")} | ${op.summary.replace(/\|/g, "\\|")} |`,
      );
    lines.push("");
  }
  lines.push(readFileSync(join(ROOT, "scripts", "trello-compatibility-choices.md"), "utf8").trimEnd(), "");
  return lines.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(DOC_PATH, await renderTrelloCompatibility());
  console.log(`wrote ${DOC_PATH}`);
}
