// Names, descriptions and comments are people's text: markup in them is shown, never run.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import { addCards, addList, createBoard, newPerson, screenshot } from "./support/ui.ts";

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

const IMG = `<img src=x onerror="window.__pwned=1">`;
const SCRIPT = `<script>window.__pwned=2</script>`;
const LINK = `[click](javascript:window.__pwned=3)`;

test("XSS attempts in board, list and card names, descriptions and comments render as text", async () => {
  const { page } = await newPerson(browser, server.url, "mallory");
  await createBoard(page, `Board ${IMG}`);
  await addList(page, `List ${SCRIPT}`);
  await addCards(page, `List ${SCRIPT}`, [`Card ${IMG}`]);
  const tile = page.locator(".card", { hasText: "Card <img" });
  assert.equal(await tile.locator(".card-name").textContent(), `Card ${IMG}`);
  assert.equal(await page.locator(".board-title").textContent(), `Board ${IMG}`);

  await tile.click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Add a more detailed description…" }).click();
  await dialog.getByRole("textbox", { name: "Description" }).fill(`${IMG}\n\n${SCRIPT}\n\n${LINK}`);
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  const desc = dialog.locator(".card-desc:not(.is-plain)");
  await desc.waitFor();
  const descText = (await desc.textContent()) ?? "";
  assert.ok(descText.includes("<img src=x"), `raw HTML is shown as text: ${descText}`);
  assert.ok(descText.includes("<script>"), "script tags are shown as text");
  assert.equal(await desc.locator("img, script").count(), 0, "no element was created from the markup");
  const href = await desc
    .locator("a")
    .first()
    .getAttribute("href")
    .catch(() => null);
  assert.ok(href === null || !href.startsWith("javascript:"), `no javascript: link (${href})`);

  await dialog.getByRole("textbox", { name: "Write a comment" }).fill(`${IMG} ${SCRIPT}`);
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  const comment = dialog.locator(".comment-text:not(.is-plain)").first();
  await comment.waitFor();
  assert.ok((await comment.textContent())?.includes("<img src=x"));
  assert.equal(await comment.locator("img, script").count(), 0);
  await screenshot(page, "06-xss-as-text");

  // Reload so everything comes back from the server, then check nothing ran.
  await page.reload();
  await page.getByRole("dialog").locator(".card-desc:not(.is-plain)").waitFor();
  assert.equal(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned), undefined);
});
