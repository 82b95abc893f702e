// One person's everyday use: sign up, create a board, lists and cards, open a card, deep links,
// back and forward.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import { addCards, addList, cardNames, createBoard, newPerson, screenshot } from "./support/ui.ts";

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

test("sign up, create a board with lists and cards, and open a card", async () => {
  const { page } = await newPerson(browser, server.url, "alice");
  await screenshot(page, "01-boards-empty");
  await createBoard(page, "Launch plan");
  await addList(page, "To do");
  await addList(page, "Doing");
  await addList(page, "Done");
  await addCards(page, "To do", ["Write the brief", "Book the venue", "Order badges"]);
  await addCards(page, "Doing", ["Design the poster"]);
  assert.deepEqual(await cardNames(page, "To do"), ["Write the brief", "Book the venue", "Order badges"]);
  await screenshot(page, "02-board");

  // The board survives a reload (it was saved, not just shown).
  await page.reload();
  await expect(
    () => cardNames(page, "To do"),
    (n) => n.length === 3,
    "cards after reload",
  );
  assert.deepEqual(await cardNames(page, "Doing"), ["Design the poster"]);
});
