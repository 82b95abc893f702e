// The web client as a new visitor meets it: headless Chromium (Debian's, driven by playwright-core)
// with a cold cache, against a real server process (SQLite) on loopback, on boards of 1,000 and
// 5,000 cards whose fronts carry labels, due dates, checklists and members (bench/web-perf-board).
// For each board:
//  - first card painted: navigation start to the moment a card's name was first on screen (Element
//    Timing's render time: the frame presented, raster included);
//  - every list interactive: every list shows its first cards and the page answers input (a frame
//    and then a task later);
//  - a reload, once the board's local copy is saved: first card and every list interactive;
//  - DOM elements once settled (lists render only the cards in view);
//  - bytes on the wire for the whole load (transfer sizes: headers plus compressed bodies), and
//    for the board read alone;
//  - a click on a card until its dialog is painted, once the board has settled;
//  - the floor: frame intervals of the settled page while nothing happens (this machine's Chromium
//    paces an idle page at about 16.7 ms with some jitter, so a p95 of 16.7 is the most any page gets);
//  - scrolling a long list with the wheel, and dragging a card across the board: frame intervals
//    (rAF to rAF: what the eye sees; 16.7 ms is 60 fps) and the main thread's work per frame.
// Also writes screenshots of the big board (desktop 1280 px, phone 390 px) to docs/screenshots/.
//   npm run bench -- web-perf [cards...]      (default: 1000 5000)
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../e2e/support/browser.ts";
import { ensureWebBuilt } from "../e2e/support/server.ts";
import { percentile, signUpWithToken, startServerProcess } from "./lib.ts";
import { BENCH_LISTS, benchBoardExport, importBenchBoard } from "./web-perf-board.ts";

const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const BOARDS = SIZES.length > 0 ? SIZES : [1000, 5000];
// PERF_LOADS=7 for steadier medians when comparing two builds.
const LOADS = Number(process.env.PERF_LOADS ?? 3);
const CLICKS = 5;
const SHOTS = resolve(import.meta.dirname, "../docs/screenshots");

// In-page, from the first script on: marks the first frame with a card and the first moment every
// list shows cards with the page free for input. A frame is marked done by the first task after
// its animation-frame callback (it runs once that frame's style, layout and paint are done).
const OBSERVE_LOAD = `(() => {
  window.__load = {};
  // The bench learns the load is over from a console message: polling with page.evaluate would put
  // Playwright's own scripts on the page's main thread in the middle of the load it measures.
  const settle = (key) => requestAnimationFrame(() => setTimeout(() => {
    window.__load[key] = performance.now();
    if (window.__load.interactive && window.__load.firstCard) console.debug("tack-perf:loaded");
  }, 0));
  // When a card's name was first on screen (Element Timing: the frame presented, raster included).
  new PerformanceObserver((list) => {
    if (window.__load.firstCard) return;
    const entry = list.getEntries()[0];
    window.__load.firstCard = entry.renderTime || entry.loadTime;
    if (window.__load.interactive) console.debug("tack-perf:loaded");
  }).observe({ type: "element", buffered: true });
  const check = () => {
    const load = window.__load;
    const lists = document.querySelectorAll(".list");
    if (!load.allSeen && lists.length === ${BENCH_LISTS} && [...lists].every((l) => l.querySelector(".card"))) {
      load.allSeen = true;
      settle("interactive");
    }
    if (!load.interactive) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})()`;

// Frame intervals (rAF to rAF) and each frame's work (from its rAF to the first task after it,
// which runs once that frame's style, layout and paint are done).
const RECORD_FRAMES = `(() => {
  window.__frames = { intervals: [], work: [] };
  window.__stop = false;
  const channel = new MessageChannel();
  let start = 0;
  channel.port1.onmessage = () => window.__frames.work.push(performance.now() - start);
  const frame = (t) => {
    if (window.__stop) return;
    if (start) window.__frames.intervals.push(performance.now() - start);
    start = performance.now();
    channel.port2.postMessage(null);
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})()`;

const CLICK_TO_OPEN = `(async (index) => {
  const links = document.querySelectorAll(".list:nth-child(2) .card-link");
  const link = links[index % links.length];
  const started = performance.now();
  link.click();
  while (!document.querySelector("[role=dialog]")) await new Promise((r) => requestAnimationFrame(r));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - started;
})`;

interface Stats {
  intervals: number[];
  work: number[];
}

async function frames(page: Page, act: () => Promise<void>): Promise<Stats> {
  await page.evaluate(RECORD_FRAMES);
  await act();
  return page.evaluate<Stats>("window.__stop = true, window.__frames");
}

/** Runs `load` (a navigation) and waits for the page's "loaded" console message. */
async function loaded(page: Page, load: () => Promise<unknown>): Promise<void> {
  const done = page.waitForEvent("console", {
    predicate: (m) => m.text() === "tack-perf:loaded",
    timeout: 60_000,
  });
  await load();
  await done;
}

/** Polls an in-page condition (the page's CSP forbids the eval behind waitForFunction). */
async function until(page: Page, condition: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>(condition))) {
    if (Date.now() > deadline) throw new Error(`still not true after ${timeoutMs} ms: ${condition}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const p = (values: number[], q: number) =>
  percentile(
    [...values].sort((a, b) => a - b),
    q,
  );
const median = (values: number[]) => p(values, 50);
const f = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "-");
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "-");
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

async function measureBoard(browser: Browser, url: string, cookie: string, token: string, cards: number) {
  const { shortLink } = await importBenchBoard(url, token, "bench", benchBoardExport(cards));
  const boardUrl = `${url}/b/${shortLink}`;
  const [name, value] = cookie.split("=") as [string, string];

  const loads: Array<{
    firstCard: number;
    interactive: number;
    dom: number;
    wire: number;
    boardWire: number;
    boardRaw: number;
  }> = [];
  let clicks: number[] = [];
  let reload = { firstCard: Number.NaN, interactive: Number.NaN };
  let idle: Stats = { intervals: [], work: [] };
  let scroll: Stats = { intervals: [], work: [] };
  let drag: Stats = { intervals: [], work: [] };
  for (let run = 0; run < LOADS; run++) {
    // A fresh context per load: an empty HTTP cache, as a new visitor has.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies([{ name, value, url }]);
    await context.addInitScript(OBSERVE_LOAD);
    const page = await context.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    await loaded(page, () => page.goto(boardUrl, { waitUntil: "commit" }));
    await page.waitForTimeout(500);
    const measured = await page.evaluate<{
      firstCard: number;
      interactive: number;
      dom: number;
      wire: number;
      boardWire: number;
      boardRaw: number;
    }>(`(() => {
      const resources = performance.getEntriesByType("resource");
      const nav = performance.getEntriesByType("navigation")[0];
      const board = resources.find((r) => r.name.includes("/1/boards/"));
      return {
        firstCard: window.__load.firstCard,
        interactive: window.__load.interactive,
        dom: document.getElementsByTagName("*").length,
        wire: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
        boardWire: board ? board.transferSize : 0,
        boardRaw: board ? board.decodedBodySize : 0,
      };
    })()`);
    loads.push(measured);
    if (process.env.PERF_DETAIL) {
      const detail = await page.evaluate<string>(
        `JSON.stringify([...performance.getEntriesByType("resource").map((e) => [e.name.replace(location.origin, "").slice(0, 40), Math.round(e.startTime), Math.round(e.responseStart), Math.round(e.responseEnd)]), ...performance.getEntriesByType("mark").map((m) => [m.name, Math.round(m.startTime)])])`,
      );
      console.log(JSON.stringify(measured), detail);
    }
    if (run === LOADS - 1) {
      // A reload (a returning visitor): the board paints from its local copy, then catches up.
      await page.waitForTimeout(2_000); // the copy is saved 1.5 s after the board settles
      await loaded(page, () => page.reload({ waitUntil: "commit" }));
      reload = await page.evaluate<{ firstCard: number; interactive: number }>("window.__load");
      await page.waitForTimeout(500);
      // A settled board: clicks on cards open their dialog.
      clicks = [];
      for (let i = 0; i < CLICKS; i++) {
        clicks.push(await page.evaluate<number>(`${CLICK_TO_OPEN}(${i * 3})`));
        await page.keyboard.press("Escape");
        await until(page, "!document.querySelector('[role=dialog]')");
      }
      // The floor: frames while nothing happens (what this machine's Chromium gives an idle page).
      idle = await frames(page, () => page.waitForTimeout(1_500));
      // Scroll the first list to its end and back with the wheel.
      const body = (await page.locator(".list-cards").first().boundingBox())!;
      await page.mouse.move(body.x + body.width / 2, body.y + body.height / 2);
      scroll = await frames(page, async () => {
        for (let i = 0; i < 60; i++) await page.mouse.wheel(0, 400);
        for (let i = 0; i < 60; i++) await page.mouse.wheel(0, -400);
        await page.waitForTimeout(300);
      });
      // Drag the first card of list 1 to list 4, in small mouse steps.
      const source = (await page.locator(".card").first().boundingBox())!;
      const target = (await page.locator(".list").nth(3).boundingBox())!;
      await page.mouse.move(source.x + 20, source.y + 10);
      drag = await frames(page, async () => {
        await page.mouse.down();
        const steps = 120;
        for (let i = 1; i <= steps; i++) {
          await page.mouse.move(
            source.x + 20 + ((target.x + 40 - source.x) * i) / steps,
            source.y + 10 + (200 * i) / steps,
          );
        }
        await page.mouse.up();
      });
      if (cards === Math.max(...BOARDS)) {
        mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: `${SHOTS}/board-desktop-1280.png` });
        const phone = await browser.newContext({
          viewport: { width: 390, height: 844 },
          isMobile: true,
          hasTouch: true,
          deviceScaleFactor: 2,
        });
        await phone.addCookies([{ name, value, url }]);
        const phonePage = await phone.newPage();
        await phonePage.goto(boardUrl);
        await phonePage.locator(".card").first().waitFor();
        await phonePage.waitForTimeout(300);
        await phonePage.screenshot({ path: `${SHOTS}/board-phone-390.png` });
        await phonePage.locator(".card-link").first().click();
        await phonePage.getByRole("dialog").waitFor();
        await phonePage.waitForTimeout(300);
        await phonePage.screenshot({ path: `${SHOTS}/card-phone-390.png` });
        await phone.close();
      }
    }
    await context.close();
  }
  return { loads, reload, clicks, idle, scroll, drag };
}

ensureWebBuilt();
const server = await startServerProcess("sqlite");
const browser = await launchChromium();
try {
  const { cookie, token } = await signUpWithToken(server.url, "bench");
  console.log(
    `Headless Chromium (${browser.version()}), cold cache, 1280×800, server process on loopback (SQLite); ` +
      `${LOADS} loads per board, medians (worst in brackets)\n`,
  );
  console.log(
    "| board | first card painted | every list interactive | reload (local copy): first card / interactive | DOM elements | on the wire (board read) | click → card open | idle frame p95 (floor) | scroll frame p95 (work p95) | drag frame p95 (work p95, max) |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const cards of BOARDS) {
    const r = await measureBoard(browser, server.url, cookie, token, cards);
    const col = (pick: (l: (typeof r.loads)[number]) => number) => {
      const values = r.loads.map(pick);
      return `${f(median(values))} ms (${f(Math.max(...values))})`;
    };
    const last = r.loads.at(-1)!;
    console.log(
      `| ${cards.toLocaleString("en")} cards | ${col((l) => l.firstCard)} | ${col((l) => l.interactive)} | ${f(r.reload.firstCard)} / ${f(r.reload.interactive)} ms | ${Math.max(...r.loads.map((l) => l.dom))} | ${kb(last.wire)} (${kb(last.boardWire)} of ${kb(last.boardRaw)} JSON) | ${f(median(r.clicks))} ms (${f(Math.max(...r.clicks))}) | ${f1(p(r.idle.intervals, 95))} ms | ${f1(p(r.scroll.intervals, 95))} ms (${f1(p(r.scroll.work, 95))}) | ${f1(p(r.drag.intervals, 95))} ms (${f1(p(r.drag.work, 95))}, ${f1(Math.max(...r.drag.intervals))}) |`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
}
