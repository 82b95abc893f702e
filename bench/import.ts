// Import benchmark (issue 7): the large generated Trello export (300 cards, exactly 1,000 actions,
// checklists, attachments, custom fields, comments) imported on each store adapter, two ways:
//   1. the importer itself on an open store (check, plan, one transaction), as the CLI runs it;
//   2. end to end through HTTP to a real server process (upload of the JSON body included).
// Goal: well under 2 s. Run: npm run bench -- import   (or: node bench/import.ts [sqlite|postgres] [--runs N])
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { newId } from "@tack/shared/ids";
import { importTrelloBoard } from "../packages/server/src/import/import-trello.ts";
import { openStore } from "../packages/server/src/store/open-store.ts";
import type { Store } from "../packages/server/src/store/store.ts";
import { generateLargeExport } from "../packages/server/test/fixtures/trello/generate-large.ts";
import { freshPostgresDatabase } from "../packages/server/test/harness.ts";
import { type Backend, Client, ms, startServerProcess, summarize } from "./lib.ts";

const args = process.argv.slice(2);
const chosen = args.filter((a): a is Backend => a === "sqlite" || a === "postgres");
const backends: Backend[] = chosen.length > 0 ? chosen : ["sqlite", "postgres"];
const runsArg = args.indexOf("--runs");
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 7;

const exported = generateLargeExport();
const text = JSON.stringify(exported);

async function withStore<T>(backend: Backend, work: (store: Store) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "tack-bench-import-"));
  const pg = backend === "postgres" ? await freshPostgresDatabase() : null;
  const store = await openStore({ sqlitePath: join(dir, "tack.db"), databaseUrl: pg?.url });
  try {
    return await work(store);
  } finally {
    await store.close();
    await pg?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The importer alone: JSON.parse of the file text, then check, plan and write. */
async function importerTimes(backend: Backend): Promise<number[]> {
  return withStore(backend, async (store) => {
    const id = newId();
    await store.insertMember({
      member: { id, username: "bench", fullName: "Bench", initials: "B", avatarUrl: null },
      email: "bench@bench.test",
      passwordHash: "-",
    });
    const times: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const started = performance.now();
      await importTrelloBoard(store, {
        raw: JSON.parse(text),
        importerId: id,
        map: [{ trello: "member0", tack: "bench" }],
      });
      times.push(performance.now() - started); // times[0] is the first, cold run
    }
    return times;
  });
}

/** Through HTTP: the JSON body upload, the server's parse and the import, until the answer. */
async function httpTimes(backend: Backend): Promise<number[]> {
  const server = await startServerProcess(backend);
  try {
    const client = await Client.signUp(server.url, "bench");
    const times: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const started = performance.now();
      const res = await fetch(
        `${server.url}/1/boards/import/trello?map=member0%3Dbench&token=${client.token}`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: text,
        },
      );
      if (!res.ok) throw new Error(`import failed: ${res.status} ${await res.text()}`);
      await res.json();
      times.push(performance.now() - started); // times[0] is the first, cold run
    }
    return times;
  } finally {
    await server.stop();
  }
}

console.log(
  `Import of the large export: ${exported.cards.length} cards, ${exported.actions.length} actions, ` +
    `${exported.checklists.length} checklists, ${(text.length / 1_048_576).toFixed(2)} MB; ` +
    `a first (cold) run, then ${RUNS} more\n`,
);
console.log("| store | how | first run ms | p50 ms | min ms | max ms |");
console.log("| --- | --- | ---: | ---: | ---: | ---: |");
for (const backend of backends) {
  for (const [how, measure] of [
    ["importer (CLI path)", importerTimes],
    ["HTTP JSON body, end to end", httpTimes],
  ] as const) {
    const [first, ...times] = await measure(backend);
    const s = summarize(times);
    console.log(
      `| ${backend} | ${how} | ${ms(first!)} | ${ms(s.p50)} | ${ms(Math.min(...times))} | ${ms(s.max)} |`,
    );
  }
}
