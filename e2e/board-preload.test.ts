// A board's deep link: the shell preloads the board's first read (decision 0035) and the app takes
// that answer, so the read is made once, and no "preloaded but not used" warning is left in the
// console, on a first visit and on a reload that paints from the local copy.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import { addCards, addList, cardIn, createBoard, logIn, newPerson, uniqueName } from "./support/ui.ts";

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

/** The board reads a page made (the fronts read, not a card's or the changes feed) and its console warnings. */
function watchReads(page: Page): { reads: string[]; warnings: string[] } {
  const seen = { reads: [] as string[], warnings: [] as string[] };
  page.on("request", (r) => {
    if (/\/1\/boards\/[^/?]+\?lists=open/.test(r.url())) seen.reads.push(r.url());
  });
  page.on("console", (m) => {
    if (m.type() === "warning" || m.type() === "error") seen.warnings.push(m.text());
  });
  return seen;
}

test("a board's deep link reads the board once, through the shell's preload", async () => {
  const owner = await newPerson(browser, server.url, uniqueName("pia"));
  const url = await createBoard(owner.page, "Preloaded");
  await addList(owner.page, "Todo");
  await addCards(owner.page, "Todo", ["First", "Second"]);

  // A new visitor (empty cache, no local copy) follows the link.
  const visitor = await logIn(browser, server.url, owner.username);
  const seen = watchReads(visitor.page);
  await visitor.page.goto(url);
  await cardIn(visitor.page, "Todo", "Second").waitFor();
  const shell = await (await visitor.page.request.get(url)).text();
  assert.match(
    shell,
    /<link rel="preload" as="fetch" crossorigin="anonymous" href="\/1\/boards\/[^"]+\?lists=open/,
  );
  await visitor.page.waitForTimeout(3_500); // Chromium warns of an unused preload ~3 s after load
  assert.equal(seen.reads.length, 1, seen.reads.join("\n"));
  assert.deepEqual(
    seen.warnings.filter((w) => /preload/i.test(w)),
    [],
  );

  // A reload paints from the local copy (saved once the board settled) and still takes the preload.
  const again = watchReads(visitor.page);
  await visitor.page.reload();
  await cardIn(visitor.page, "Todo", "Second").waitFor();
  await visitor.page.waitForTimeout(3_500);
  assert.equal(again.reads.length, 1, again.reads.join("\n"));
  assert.deepEqual(
    again.warnings.filter((w) => /preload/i.test(w)),
    [],
  );
});
