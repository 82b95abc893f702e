// Drag and drop with the mouse: cards within and across lists, lists along the board.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import { addCards, addList, cardIn, cardNames, createBoard, list, newPerson } from "./support/ui.ts";

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

test("drag cards within and across lists, and reorder lists", async () => {
  const { page } = await newPerson(browser, server.url, "dora");
  await createBoard(page, "Dragging");
  await addList(page, "A");
  await addList(page, "B");
  await addList(page, "C");
  await addCards(page, "A", ["a1", "a2", "a3"]);
  await addCards(page, "B", ["b1"]);

  // a3 onto the top half of a1: it goes first.
  await cardIn(page, "A", "a3").dragTo(cardIn(page, "A", "a1"), { targetPosition: { x: 40, y: 4 } });
  await expect(
    () => cardNames(page, "A"),
    (n) => n.join() === "a3,a1,a2",
    "reorder within A",
  );
  // a1 onto the bottom half of b1: it goes after b1.
  const b1 = cardIn(page, "B", "b1");
  const box = (await b1.boundingBox())!;
  await cardIn(page, "A", "a1").dragTo(b1, { targetPosition: { x: 40, y: box.height - 4 } });
  await expect(
    () => cardNames(page, "B"),
    (n) => n.join() === "b1,a1",
    "a1 after b1",
  );
  // a2 into the empty list C.
  await cardIn(page, "A", "a2").dragTo(list(page, "C").locator(".list-cards"));
  await expect(
    () => cardNames(page, "C"),
    (n) => n.join() === "a2",
    "a2 into C",
  );
  // List C by its header onto the left half of list A: C comes first.
  await list(page, "C")
    .locator(".list-header")
    .dragTo(list(page, "A"), { targetPosition: { x: 10, y: 40 } });
  await expect(
    () => page.locator(".list-title").allTextContents(),
    (t) => t.join() === "C,A,B",
    "list order",
  );

  await page.reload();
  await expect(
    () => page.locator(".list-title").allTextContents(),
    (t) => t.join() === "C,A,B",
    "after reload",
  );
  assert.deepEqual(await cardNames(page, "A"), ["a3"]);
  assert.deepEqual(await cardNames(page, "B"), ["b1", "a1"]);
  assert.deepEqual(await cardNames(page, "C"), ["a2"]);
});
