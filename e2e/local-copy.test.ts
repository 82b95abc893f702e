// A reload paints the board from its local copy (IndexedDB) without waiting for the server's
// board read, then catches up from the copy's cursor; signing out deletes the copies.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import { addCards, addList, cardIn, cardNames, createBoard, newPerson } from "./support/ui.ts";

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

const COUNT_COPIES = `new Promise((resolve) => {
  const open = indexedDB.open("tack-boards", 1);
  open.onupgradeneeded = () => open.result.createObjectStore("boards", { keyPath: "key" });
  open.onsuccess = () => {
    const count = open.result.transaction("boards").objectStore("boards").count();
    count.onsuccess = () => { resolve(count.result); open.result.close(); };
  };
})`;
const copies = (page: Page) => page.evaluate<number>(COUNT_COPIES);

test("a reload shows the board from its local copy and catches up from its cursor", async () => {
  const { page } = await newPerson(browser, server.url, "lou");
  const boardUrl = await createBoard(page, "Kept locally");
  await addList(page, "Todo");
  await addCards(page, "Todo", ["one", "two"]);
  await expect(
    () => copies(page),
    (n) => n > 0,
    "the board's local copy is saved",
  );

  // The board changes while this page is away: another tab of the same person adds a card.
  await page.goto("/");
  const other = await page.context().newPage();
  await other.goto(boardUrl);
  await addCards(other, "Todo", ["three"]);
  await other.close();

  // The server's board read never answers now: whatever shows comes from the copy and the feed.
  // (The shell's preload still asks for it once, decision 0035; the copy does not wait for it.)
  let blockedReads = 0;
  await page.route(/\/1\/boards\/[^/?]+\?/, () => {
    blockedReads++;
  });
  await page.goto(boardUrl);
  await expect(
    () => cardNames(page, "Todo"),
    (n) => n.join() === "one,two,three",
    "caught up from the copy",
  );
  assert.ok(blockedReads <= 1, `the board read was asked for only by the shell's preload (${blockedReads})`);
  await page.unroute(/\/1\/boards\/[^/?]+\?/);
  assert.equal(await cardIn(page, "Todo", "three").count(), 1);

  await page.getByRole("button", { name: "Log out" }).click();
  await page.waitForURL(/\/login/);
  await expect(
    () => copies(page),
    (n) => n === 0,
    "copies deleted at sign-out",
  );
});
