// Attachments, covers, the Trello import dialog and observers, in real Chromium against the real
// server: an uploaded image shows its thumbnail, becomes the card's cover on the board (and on a
// second person's screen, live) and is deleted; a link is attached; a Trello export is imported
// through the dialog; an observer gets no editing controls.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import sharp from "sharp";
import { startServer } from "../packages/server/test/harness.ts";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { ensureWebBuilt, startTackForBrowser, type TestServer } from "./support/server.ts";
import {
  addCards,
  addList,
  card,
  createBoard,
  inviteMember,
  list,
  newPerson,
  screenshot,
  uniqueName,
} from "./support/ui.ts";

const SMALL_EXPORT = resolve(import.meta.dirname, "../packages/server/test/fixtures/trello/small.json");

let server: TestServer;
let browser: Browser;
let files: string;
before(async () => {
  server = await startTackForBrowser();
  browser = await launchChromium();
  files = mkdtempSync(join(tmpdir(), "tack-e2e-files-"));
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function imageFile(name: string): Promise<string> {
  const png = await sharp({
    create: { width: 900, height: 600, channels: 3, background: { r: 30, g: 140, b: 200 } },
  })
    .composite([
      {
        input: await sharp({
          create: { width: 300, height: 300, channels: 3, background: { r: 250, g: 200, b: 40 } },
        })
          .png()
          .toBuffer(),
        top: 150,
        left: 300,
      },
    ])
    .png()
    .toBuffer();
  const path = join(files, name);
  writeFileSync(path, png);
  return path;
}

const dialog = (page: Page) => page.getByRole("dialog");

test("upload an image in the card dialog, make it the cover (seen live by a second person), delete it; attach a link", async () => {
  const bea = await newPerson(browser, server.url, uniqueName("bea"));
  const ann = await newPerson(browser, server.url, uniqueName("ann"));
  const url = await createBoard(ann.page, "Covers");
  await addList(ann.page, "Todo");
  await addCards(ann.page, "Todo", ["Poster", "Plain"]);
  await inviteMember(ann.page, bea.username);
  await bea.page.goto(url);
  await card(bea.page, "Poster").waitFor();

  await card(ann.page, "Poster").locator(".card-link").click();
  const photo = await imageFile("poster.png");
  await dialog(ann.page).getByLabel("Upload a file").setInputFiles(photo);
  const row = dialog(ann.page).locator(".attachment", { hasText: "poster.png" });
  await row.locator(".attachment-thumb img").waitFor();
  await expect(
    () =>
      row
        .locator(".attachment-thumb img")
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    (w) => w > 0,
    "the thumbnail loads",
  );
  assert.match(String(await row.locator(".attachment-meta").textContent()), /KB/);
  await row.getByRole("button", { name: "Make cover" }).click();
  await row.getByRole("button", { name: "Remove cover" }).waitFor();
  await screenshot(ann.page, "card-dialog-attachments");

  await ann.page.keyboard.press("Escape");
  const cover = card(ann.page, "Poster").locator(".card-cover-image img");
  await cover.waitFor();
  await expect(
    () => cover.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    (w) => w > 0,
    "the cover image loads on the board",
  );
  await card(bea.page, "Poster").locator(".card-cover-image img").waitFor({ timeout: 5_000 });
  assert.equal(await card(bea.page, "Poster").locator(".badge", { hasText: "1" }).count(), 1);

  // A color cover on the other card.
  await card(ann.page, "Plain").locator(".card-link").click();
  await dialog(ann.page).getByRole("button", { name: "Cover", exact: true }).click();
  await dialog(ann.page).getByRole("button", { name: "Cover color green" }).click();
  await dialog(ann.page).getByRole("button", { name: "Close card" }).click();
  await card(ann.page, "Plain").locator(".card-cover-color").waitFor();
  await card(bea.page, "Plain").locator(".card-cover-color").waitFor({ timeout: 5_000 });
  await screenshot(ann.page, "board-with-covers");

  // A file dropped on the dialog is uploaded too.
  await card(ann.page, "Plain").locator(".card-link").click();
  // Built in the page (a string, as this file is type-checked without the DOM library).
  const dropped = await ann.page.evaluateHandle(`(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(["meeting notes\\n"], "notes.txt", { type: "text/plain" }));
    return transfer;
  })()`);
  const body = dialog(ann.page).locator(".card-dialog-body");
  await body.dispatchEvent("dragover", { dataTransfer: dropped });
  await dialog(ann.page).getByText("Drop files to attach them").waitFor();
  await body.dispatchEvent("drop", { dataTransfer: dropped });
  const notes = dialog(ann.page).locator(".attachment", { hasText: "notes.txt" });
  await notes.waitFor();
  assert.equal(String(await notes.locator(".attachment-thumb").textContent()), "TXT");
  await dialog(ann.page).getByRole("button", { name: "Close card" }).click();

  // Delete the image: the cover goes from both screens.
  await card(ann.page, "Poster").locator(".card-link").click();
  ann.page.once("dialog", (d) => void d.accept());
  await dialog(ann.page).getByRole("button", { name: "Delete poster.png" }).click();
  await row.waitFor({ state: "detached" });
  await ann.page.keyboard.press("Escape");
  await card(ann.page, "Poster").locator(".card-cover-image").waitFor({ state: "detached" });
  await card(bea.page, "Poster").locator(".card-cover-image").waitFor({ state: "detached", timeout: 5_000 });

  // A link.
  await card(ann.page, "Poster").locator(".card-link").click();
  await dialog(ann.page).getByRole("button", { name: "Attach a link" }).click();
  await dialog(ann.page).getByLabel("Link", { exact: true }).fill("https://example.com/brief");
  await dialog(ann.page).getByLabel("Display text (optional)").fill("The brief");
  await dialog(ann.page).getByRole("button", { name: "Attach", exact: true }).click();
  const link = dialog(ann.page).locator(".attachment", { hasText: "The brief" });
  await link.waitFor();
  assert.equal(
    await link.getByRole("link", { name: "Open", exact: true }).getAttribute("href"),
    "https://example.com/brief",
  );
  assert.equal(String(await link.locator(".attachment-thumb").textContent()), "LINK");
});

test("a file over the server's size limit is refused with the server's message in a toast", async () => {
  ensureWebBuilt();
  const small = await startServer({ TACK_ATTACHMENT_MAX_BYTES: "1000" }, "sqlite");
  try {
    const ann = await newPerson(browser, small.url, uniqueName("ann"));
    await createBoard(ann.page, "Limits");
    await addList(ann.page, "Todo");
    await addCards(ann.page, "Todo", ["Big file"]);
    await card(ann.page, "Big file").locator(".card-link").click();
    const big = join(files, "big.bin");
    writeFileSync(big, Buffer.alloc(150_000, 7));
    await dialog(ann.page).getByLabel("Upload a file").setInputFiles(big);
    const toast = ann.page.getByRole("alert").filter({ hasText: "Could not upload big.bin" });
    await toast.waitFor();
    assert.match(String(await toast.textContent()), /larger than this server's limit/);
    assert.equal(await dialog(ann.page).locator(".attachment").count(), 0);
    await ann.page.context().close();
  } finally {
    await small.stop();
  }
});

test("import a Trello export through the dialog, with a member mapping, and open the new board", async () => {
  const ann = await newPerson(browser, server.url, uniqueName("ann"));
  await ann.page.goto("/");
  await ann.page.getByRole("button", { name: "Import from Trello" }).click();
  const box = dialog(ann.page);
  await box.getByLabel("Trello export (JSON)").setInputFiles(SMALL_EXPORT);
  await box.getByLabel("Tack username for Alice Archer (@alicearcher)").fill(ann.username);
  await screenshot(ann.page, "import-dialog");
  await box.getByRole("button", { name: "Import", exact: true }).click();
  await box.getByRole("heading", { name: /Imported/ }).waitFor();
  assert.match(String(await box.locator(".import-counts").textContent()), /\d+ cards/);
  await screenshot(ann.page, "import-done");
  await box.getByRole("link", { name: "Open the board" }).click();
  await ann.page.waitForURL(/\/b\//);
  await ann.page.locator(".board-header").waitFor();
  assert.match(String(await ann.page.locator(".board-header").textContent()), /Café Relaunch/);
  await expect(
    () => ann.page.locator(".list").count(),
    (n) => n > 0,
    "the imported lists show",
  );
});

test("the import dialog refuses a file that is not a Trello export with the server's message", async () => {
  const ann = await newPerson(browser, server.url, uniqueName("ann"));
  const bogus = join(files, "notes.json");
  writeFileSync(bogus, JSON.stringify({ hello: "world" }));
  await ann.page.goto("/");
  await ann.page.getByRole("button", { name: "Import from Trello" }).click();
  await dialog(ann.page).getByLabel("Trello export (JSON)").setInputFiles(bogus);
  await dialog(ann.page).getByRole("button", { name: "Import", exact: true }).click();
  const error = dialog(ann.page).getByRole("alert");
  await error.waitFor();
  assert.ok(String(await error.textContent()).length > 10);
});

test("an observer sees the board without add-card, add-list or card editing controls", async () => {
  const olga = await newPerson(browser, server.url, uniqueName("olga"));
  const ann = await newPerson(browser, server.url, uniqueName("ann"));
  const url = await createBoard(ann.page, "Watched");
  await addList(ann.page, "Todo");
  await addCards(ann.page, "Todo", ["Read only"]);
  await inviteMember(ann.page, olga.username);
  await ann.page.getByRole("button", { name: "Menu", exact: true }).click();
  const menu = ann.page.getByRole("complementary", { name: "Board menu" });
  await menu.getByRole("tab", { name: "Members" }).click();
  await menu.getByLabel(/^Role of Olga/).selectOption("observer");
  await olga.page.goto(url);
  await card(olga.page, "Read only").waitFor();
  assert.equal(await list(olga.page, "Todo").getByRole("button", { name: "+ Add a card" }).count(), 0);
  assert.equal(await olga.page.getByRole("button", { name: "+ Add another list" }).count(), 0);
  await card(olga.page, "Read only").locator(".card-link").click();
  await dialog(olga.page).getByRole("heading", { name: "Read only" }).waitFor();
  assert.equal(await dialog(olga.page).getByLabel("Upload a file").count(), 0);
  assert.equal(await dialog(olga.page).getByRole("complementary", { name: "Card actions" }).count(), 0);
  assert.equal(
    await dialog(olga.page)
      .getByRole("button", { name: /Add a more detailed description/ })
      .count(),
    0,
  );
  assert.equal(
    await dialog(olga.page).getByLabel("Write a comment").count(),
    0,
    "observers may not comment here",
  );
  await screenshot(olga.page, "observer-card-dialog");
});
