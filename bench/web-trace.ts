// Where a cold board load spends the page's main thread: one Chromium trace of a new visitor
// opening a big board (the third of three cold loads), printed as the main thread's tasks over
// 2 ms with what each spent its time on, and the page's own marks (tack:board-fetched, -cached,
// -rendered). With PROFILE=1 also a CPU profile's heaviest functions by self time (build the web
// client with `npx vite build --minify false` in packages/web for readable names).
// Writes the trace to /tmp/tack-load-trace.json (open it in chrome://tracing or Perfetto) and the
// profile to /tmp/tack-load.cpuprofile (Chromium's DevTools open it).
//   npm run bench -- web-trace [cards]      (default: 1000)
import { writeFileSync } from "node:fs";
import { launchChromium } from "../e2e/support/browser.ts";
import { ensureWebBuilt } from "../e2e/support/server.ts";
import { signUpWithToken, startServerProcess } from "./lib.ts";
import { benchBoardExport, importBenchBoard } from "./web-perf-board.ts";

const cards = Number(process.argv[2] ?? 1000);
const TRACE = "/tmp/tack-load-trace.json";
const TASK = new Set(["RunTask", "ThreadControllerImpl::RunTask"]);

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string } };
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}

ensureWebBuilt();
const server = await startServerProcess("sqlite");
const browser = await launchChromium();
try {
  const { cookie, token } = await signUpWithToken(server.url, "bench");
  const { shortLink } = await importBenchBoard(server.url, token, "bench", benchBoardExport(cards));
  const [name, value] = cookie.split("=") as [string, string];
  for (let run = 0; run < 3; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    const traced = run === 2;
    const cdp = traced && process.env.PROFILE ? await context.newCDPSession(page) : null;
    if (traced)
      await browser.startTracing(page, {
        categories: [
          "toplevel",
          "devtools.timeline",
          "disabled-by-default-devtools.timeline",
          "blink.user_timing",
          "v8.execute",
          "loading",
        ],
      });
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
    // Waits on a console message, not on a selector: Playwright's selector engine would run on
    // the page's main thread during the load.
    const shown = page.waitForEvent("console", { predicate: (m) => m.text() === "tack-trace:card" });
    await context.addInitScript(
      `(() => { const check = () => document.querySelector(".card") ? setTimeout(() => console.debug("tack-trace:card"), 1000) : requestAnimationFrame(check); requestAnimationFrame(check); })()`,
    );
    // EXTRA_CSS tries a style change on the measured page (what would this rule save?).
    if (process.env.EXTRA_CSS)
      await context.addInitScript(
        `document.addEventListener("DOMContentLoaded", () => { const s = document.createElement("style"); s.textContent = ${JSON.stringify(process.env.EXTRA_CSS)}; document.head.append(s); })`,
      );
    await page.goto(`${server.url}/b/${shortLink}`, { waitUntil: "commit" });
    await shown;
    if (cdp) {
      const { profile } = (await cdp.send("Profiler.stop")) as { profile: CpuProfile };
      writeFileSync("/tmp/tack-load.cpuprofile", JSON.stringify(profile));
      printHeaviestFunctions(profile);
    }
    if (traced) {
      const buffer = await browser.stopTracing();
      writeFileSync(TRACE, buffer);
      printMainThread((JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}

function printMainThread(events: TraceEvent[]): void {
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  // The page's main thread: the one its own marks (performance.mark) were made on.
  const marked = events.find((e) => e.name.startsWith("tack:"));
  const main = marked ? key(marked) : undefined;
  const start = events.find((e) => e.name === "navigationStart")?.ts ?? events[0]!.ts;
  const at = (ts: number) => `${((ts - start) / 1000).toFixed(0).padStart(6)} ms`;
  const onMain = events.filter((e) => key(e) === main && e.ph === "X");
  const rows: Array<[number, string]> = [];
  let outer = 0; // the end of the last task printed: a task nested in it is part of it
  for (const task of onMain.filter((e) => TASK.has(e.name) && (e.dur ?? 0) >= 2000)) {
    const end = task.ts + (task.dur ?? 0);
    if (task.ts < outer) continue;
    outer = end;
    const spent = new Map<string, number>();
    for (const e of onMain)
      if (e !== task && !TASK.has(e.name) && e.ts >= task.ts && e.ts < end)
        spent.set(e.name, (spent.get(e.name) ?? 0) + (e.dur ?? 0));
    const what = [...spent]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([n, d]) => `${n} ${(d / 1000).toFixed(0)}`)
      .join(", ");
    rows.push([
      task.ts,
      `${at(task.ts)}  task ${((task.dur ?? 0) / 1000).toFixed(1).padStart(6)} ms: ${what}`,
    ]);
  }
  for (const e of events)
    if (e.name.startsWith("tack:") || e.name === "firstContentfulPaint")
      rows.push([e.ts, `${at(e.ts)}  mark ${e.name}`]);
  for (const [, row] of rows.sort((a, b) => a[0] - b[0])) console.log(row);
}

function printHeaviestFunctions(profile: CpuProfile): void {
  const self = new Map<number, number>();
  for (const [i, id] of profile.samples.entries())
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || "(anonymous)"} ${url.split("/").pop()}:${lineNumber}`;
    byName.set(name, (byName.get(name) ?? 0) + (self.get(node.id) ?? 0));
  }
  for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${(us / 1000).toFixed(1).padStart(7)} ms  ${name}`);
}
