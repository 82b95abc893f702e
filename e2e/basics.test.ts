// One person's everyday use: sign up, create a board, lists and cards, open a card, deep links,
// back and forward.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import { addCards, addList, cardNames, createBoard, list, newPerson, screenshot } from "./support/ui.ts";

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

test("card dialog: description in Markdown, labels, checklist, comment; deep links and back/forward", async () => {
  const { page } = await newPerson(browser, server.url, "bob");
  const boardUrl = await createBoard(page, "Release");
  await addList(page, "Backlog");
  await addCards(page, "Backlog", ["Ship it"]);

  await page.locator(".card", { hasText: "Ship it" }).click();
  await page.waitForURL(/\/c\//);
  const cardUrl = page.url();
  const dialog = page.getByRole("dialog", { name: "Ship it" });
  await dialog.waitFor();

  await dialog.getByRole("button", { name: "Add a more detailed description…" }).click();
  await dialog.getByRole("textbox", { name: "Description" }).fill("Some **bold** words\n\n- one\n- two");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await dialog.locator(".card-desc strong", { hasText: "bold" }).waitFor();

  await dialog.getByRole("button", { name: "Labels" }).click();
  await dialog.getByRole("group", { name: "Labels" }).getByRole("checkbox").first().check();
  await dialog.getByRole("button", { name: "Close labels" }).click();

  await dialog.getByRole("button", { name: "Checklist" }).click();
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  await dialog.getByRole("button", { name: "Add an item" }).click();
  await dialog.getByRole("textbox", { name: "Add an item" }).fill("Tests pass");
  await dialog.getByRole("textbox", { name: "Add an item" }).press("Enter");
  await dialog.getByRole("textbox", { name: "Add an item" }).fill("Docs written");
  await dialog.getByRole("textbox", { name: "Add an item" }).press("Enter");
  await dialog.getByRole("checkbox", { name: "Complete Tests pass" }).check();
  await expect(
    () => dialog.getByRole("progressbar").getAttribute("aria-valuenow"),
    (v) => v === "50",
    "checklist 50%",
  );

  await dialog.getByRole("textbox", { name: "Write a comment" }).fill("Looks *good* to me");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await dialog.locator(".comment-text em", { hasText: "good" }).waitFor();
  await screenshot(page, "03-card-dialog");

  // Escape closes the dialog and the URL goes back to the board's.
  await page.keyboard.press("Escape");
  await page.waitForURL(boardUrl);
  const tile = page.locator(".card", { hasText: "Ship it" });
  await tile.locator(".label-chip").waitFor();
  await expect(
    () => tile.locator(".card-badges").textContent(),
    (t) => t?.includes("1/2") === true,
    "badges",
  );

  // Back reopens the card, forward closes it again.
  await page.goBack();
  await page.waitForURL(cardUrl);
  await dialog.waitFor();
  await page.goForward();
  await page.waitForURL(boardUrl);
  await dialog.waitFor({ state: "detached" });

  // A deep link to the card loads the board under it, in a fresh page.
  const fresh = await page.context().newPage();
  await fresh.goto(cardUrl);
  await fresh.getByRole("dialog", { name: "Ship it" }).locator(".card-desc strong").waitFor();
  assert.equal(await fresh.locator(".list").count(), 1);
  // And the board URL loads the board directly.
  await fresh.goto(boardUrl);
  await fresh.locator(".card", { hasText: "Ship it" }).waitFor();
  await fresh.close();
});

test("when the session ends elsewhere, the page says so and logging in again returns to the board", async () => {
  const person = await newPerson(browser, server.url, "sam");
  const { page } = person;
  const boardUrl = await createBoard(page, "Expiring");
  await addList(page, "Only list");

  // Log out from another tab of the same browser: the server closes this tab's socket at once
  // (with polling, the next request's 401 would say the same).
  const other = await page.context().newPage();
  await other.goto("/");
  await other.getByRole("button", { name: "Log out" }).click();
  await other.close();

  const notice = page.getByRole("alertdialog", { name: "Your session has expired" });
  await notice.waitFor();
  await screenshot(page, "11-session-expired");
  await notice.getByRole("link", { name: "Log in again" }).click();
  await page.getByLabel("Username or email").fill("sam");
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(boardUrl);
  await list(page, "Only list").waitFor();
});
