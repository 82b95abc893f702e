// Measures what a browser downloads before the web client can start: the HTML shell, the initial
// JavaScript (the entry module and what it statically imports) and the CSS, gzipped as served.
// Chunks loaded on demand (the Markdown renderer, views, pages and dialogs: ui/lazy.tsx) are listed
// apart, named from the build's own chunk names. Exits 1 when a budget is exceeded.
//   npx node bench/web-budget.ts            (builds packages/web first if dist/ is missing)
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const ROOT = resolve(import.meta.dirname, "..");
const DIST = join(ROOT, "packages/web/dist");
const KB = 1024;
const BUDGETS = { js: 60 * KB, css: 15 * KB, shell: 2 * KB } as const;

if (!existsSync(join(DIST, "index.html"))) {
  execFileSync("npm", ["run", "build", "-w", "@tack/web"], { cwd: ROOT, stdio: "inherit" });
}

const gz = (bytes: Buffer): number => gzipSync(bytes, { level: 9 }).length;
const read = (path: string): Buffer => readFileSync(join(DIST, path.replace(/^\//, "")));
const shell = read("index.html");
const html = shell.toString("utf8");
const attr = (pattern: RegExp): string[] => [...html.matchAll(pattern)].map((m) => m[1]!);

// The entry and its static imports (Vite lists those as modulepreload links).
const entry = attr(/<script[^>]+type="module"[^>]+src="([^"]+)"/g);
const preloads = attr(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g);
const styles = attr(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g);
const initialJs = [...entry, ...preloads];
const lazyJs = readdirSync(join(DIST, "assets"))
  .filter((f) => f.endsWith(".js"))
  .map((f) => `/assets/${f}`)
  .filter((f) => !initialJs.includes(f));

/** `/assets/calendar-view-AbC123.js` → `calendar-view`: what the chunks are, from the build itself. */
function chunkNames(files: string[]): string {
  const names = files.map((f) => f.replace(/^\/assets\//, "").replace(/-[\w-]{8}\.js$/, ""));
  return [...new Set(names)].sort().join(", ");
}

const sum = (files: string[]) => files.reduce((total, f) => total + gz(read(f)), 0);
const rawSum = (files: string[]) => files.reduce((total, f) => total + read(f).length, 0);
const rows: Array<[string, number, number, number | null]> = [
  ["HTML shell", shell.length, gz(shell), BUDGETS.shell],
  ["Initial JS", rawSum(initialJs), sum(initialJs), BUDGETS.js],
  ["CSS", rawSum(styles), sum(styles), BUDGETS.css],
  [`On-demand JS (${lazyJs.length} chunks: ${chunkNames(lazyJs)})`, rawSum(lazyJs), sum(lazyJs), null],
];

const kb = (n: number) => `${(n / KB).toFixed(1)} KB`;
console.log("| asset | raw | gzipped | budget | ok |");
console.log("| --- | ---: | ---: | ---: | --- |");
let failed = false;
for (const [name, raw, zipped, budget] of rows) {
  // The shell's budget is on its raw size (Trello's "2 KB shell"); the others are gzipped.
  const measured = name === "HTML shell" ? raw : zipped;
  const ok = budget === null || measured <= budget;
  failed ||= !ok;
  console.log(
    `| ${name} | ${kb(raw)} | ${kb(zipped)} | ${budget === null ? "—" : kb(budget)} | ${budget === null ? "" : ok ? "yes" : "NO"} |`,
  );
}
if (failed) {
  console.error("A web budget is exceeded: move heavy code behind a dynamic import().");
  process.exit(1);
}
