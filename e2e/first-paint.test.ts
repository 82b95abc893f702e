// A big board's first read (decision 0041-first-paint-read): the board paints from a screenful of
// each list's cards, the lists say how many more are on their way and count them already, and
// right after the first frame the rest arrives (a failed attempt is retried). A move made while
// the rest is on its way waits for it, so "to the end of the list" is the end of all its cards.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, BrowserContext, Page, Route } from "playwright-core";
import { signUpWithToken } from "../bench/lib.ts";
import { benchBoardExport, importBenchBoard } from "../bench/web-perf-board.ts";
import { FIRST_PAINT_CARDS_PER_LIST } from "../packages/shared/src/board-read-query.ts";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import { screenshot } from "./support/ui.ts";

let server: TestServer;
let browser: Browser;
before(async () => {
  server = await startTackForBrowser();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The read that completes a cut-short first read: every card front, nothing else. */
const isRestRead = (url: URL) =>
  /^\/1\/boards\/[^/]+$/.test(url.pathname) &&
  url.searchParams.get("fields") === "id" &&
  url.searchParams.get("cards") === "open";

async function signedInPage(
  cookie: string,
  width: number,
  height: number,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height } });
  const [name, value] = cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  return { context, page: await context.newPage() };
}

test("a 1,000-card board paints from a screenful of each list; the rest follows; a move waits for it", async () => {
  const { cookie, token } = await signUpWithToken(server.url, "fay", "correct horse battery");
  const { id: boardId, shortLink } = await importBenchBoard(server.url, token, "fay", benchBoardExport(1000));
  const api = async (path: string) =>
    (await fetch(`${server.url}${path}${path.includes("?") ? "&" : "?"}token=${token}`)).json();
  const lists = (await api(`/1/boards/${boardId}/lists`)) as Array<{ id: string; name: string }>;
  const list2 = lists.find((l) => l.name === "List 2")!;

  const { context, page } = await signedInPage(cookie, 1280, 800);
  // The rest's first attempt fails as a restarting server's would; the second is held until the
  // test has looked at the board as it first paints.
  let attempts = 0;
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(isRestRead, async (route: Route) => {
    attempts++;
    if (attempts === 1) return route.fulfill({ status: 503, contentType: "application/json", body: "{}" });
    await held;
    return route.continue();
  });
  const firstRead = page.waitForResponse((r) =>
    r.url().includes(`cards_per_list=${FIRST_PAINT_CARDS_PER_LIST}`),
  );
  await page.goto(`${server.url}/b/${shortLink}`);
  const first = await firstRead;
  const firstBody = await first.body();
  assert.ok(
    firstBody.length <= 200_000,
    `the first read is at most 200 KB of JSON (${firstBody.length} bytes)`,
  );
  const firstCards = (JSON.parse(firstBody.toString()) as { cards: unknown[] }).cards.length;
  assert.equal(firstCards, 10 * FIRST_PAINT_CARDS_PER_LIST, "a screenful of each of the 10 lists");

  const list1 = page.locator(".list", { hasText: "List 1" }).first();
  await list1.locator(".card").first().waitFor();
  const toCome = list1.getByRole("status");
  await toCome.waitFor();
  assert.equal(await toCome.textContent(), `${100 - FIRST_PAINT_CARDS_PER_LIST} more cards on the way…`);
  assert.equal(
    await list1.locator(".list-count").textContent(),
    "100",
    "the count includes the cards to come",
  );
  await expect(
    () => attempts,
    (n) => n === 2,
    "the failed read of the rest is tried again",
  );
  await screenshot(page, "first-paint-cut-short");

  // "Move to list" puts the card at the end of List 2: of all its 100 cards, not the 30 known.
  await list1.locator(".card", { hasText: "Card 1:" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("combobox", { name: "Move to list" }).selectOption({ label: "List 2" });
  await page.waitForTimeout(200); // the move is waiting for the rest now
  release();
  await toCome.waitFor({ state: "detached" });
  const inList2 = async () =>
    ((await api(`/1/lists/${list2.id}/cards?fields=name,pos`)) as Array<{ name: string; pos: number }>).map(
      (c) => c.name,
    );
  const names = await expect(inList2, (n) => n.length === 101, "the card is moved to List 2");
  assert.match(names.at(-1)!, /^Card 1:/, "the card went to the end of all of List 2's cards");
  await page.keyboard.press("Escape");
  await expect(
    () => list1.locator(".list-count").textContent(),
    (text) => text === "99",
    "List 1 counts its cards",
  );
  assert.equal(await page.getByText("more cards on the way").count(), 0);
  await context.close();
});

test("on a phone, the first paint says which cards are still coming", async () => {
  const { cookie, token } = await signUpWithToken(server.url, "gus", "correct horse battery");
  const { shortLink } = await importBenchBoard(server.url, token, "gus", benchBoardExport(1000));
  const { context, page } = await signedInPage(cookie, 390, 844);
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(isRestRead, async (route: Route) => {
    await held;
    return route.continue();
  });
  await page.goto(`${server.url}/b/${shortLink}`);
  const list1 = page.locator(".list", { hasText: "List 1" }).first();
  await list1.getByRole("status").waitFor();
  await screenshot(page, "first-paint-cut-short-390");
  release();
  await list1.getByRole("status").waitFor({ state: "detached" });
  await context.close();
});
