// Keyboard-only use of a board (Trello's shortcuts) and the card filters.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
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

const selected = (page: Page) => page.locator(".card.is-selected .card-name").textContent();

test("keyboard: select with j/k and arrows, move across lists and within, add, archive, help", async () => {
  const { page } = await newPerson(browser, server.url, "kim");
  await createBoard(page, "Keys");
  await addList(page, "Left");
  await addList(page, "Right");
  await addCards(page, "Left", ["One", "Two", "Three"]);
  await addCards(page, "Right", ["Four"]);
  // Start from the board itself (not a text field), with nothing selected.
  await page.mouse.move(1200, 700);
  await page.locator(".board-canvas").click({ position: { x: 1000, y: 500 } });
  await page.keyboard.press("Escape");

  await page.keyboard.press("j");
  assert.equal(await selected(page), "One");
  await page.keyboard.press("j");
  await page.keyboard.press("ArrowDown");
  assert.equal(await selected(page), "Three");
  await page.keyboard.press("k");
  assert.equal(await selected(page), "Two");
  await page.keyboard.press("ArrowRight");
  assert.equal(await selected(page), "Four");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await selected(page), "One");
  await page.keyboard.press("j");

  // "." moves the selected card to the next list; Shift+↑ moves it up there.
  assert.equal(await selected(page), "Two");
  await page.keyboard.press(".");
  await expect(
    () => cardNames(page, "Right"),
    (n) => n.includes("Two"),
    "Two moved right",
  );
  await page.keyboard.press("Shift+ArrowUp");
  await expect(
    () => cardNames(page, "Right"),
    (n) => n.join() === "Two,Four",
    "Two above Four",
  );
  assert.deepEqual(await cardNames(page, "Left"), ["One", "Three"]);

  // "c" archives the selected card.
  await page.keyboard.press("c");
  await expect(
    () => cardNames(page, "Right"),
    (n) => n.join() === "Four",
    "Two archived",
  );

  // "n" opens the composer in the selected card's list (or the first list).
  await page.keyboard.press("n");
  await page.getByLabel("Card title").fill("Five");
  await page.getByLabel("Card title").press("Enter");
  await page.getByLabel("Card title").press("Escape");
  await expect(
    () => cardNames(page, "Left"),
    (n) => n.includes("Five"),
    "Five added",
  );

  // "?" shows the shortcuts.
  await page.keyboard.press("?");
  await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
  await screenshot(page, "05-shortcuts");
  await page.keyboard.press("Escape");
  await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor({ state: "detached" });

  // Everything above was saved: reload and check the order.
  await page.reload();
  await expect(
    () => cardNames(page, "Right"),
    (n) => n.join() === "Four",
    "after reload: Right",
  );
  assert.deepEqual(await cardNames(page, "Left"), ["One", "Three", "Five"]);
});

test("filters: by keyword, label, member and due date; q shows my cards", async () => {
  const { page } = await newPerson(browser, server.url, "fay");
  await createBoard(page, "Filters");
  await addList(page, "Work");
  await addCards(page, "Work", ["Alpha report", "Beta launch", "Gamma review"]);

  // Give Beta a label and Fay as member; give Gamma a due date in the past.
  await page.locator(".card", { hasText: "Beta launch" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Labels" }).click();
  await dialog.getByRole("group", { name: "Labels" }).getByRole("checkbox").first().check();
  await dialog.getByRole("button", { name: "Members" }).click();
  await dialog.getByRole("group", { name: "Members" }).getByRole("checkbox").first().check();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  await page.locator(".card", { hasText: "Gamma review" }).click();
  await dialog.getByRole("button", { name: "Dates" }).click();
  await dialog.getByLabel("Due date").fill("2020-01-02T10:00");
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await dialog.locator(".badge.due-overdue").waitFor();
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });

  const shown = () => cardNames(page, "Work");
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  const panel = page.getByRole("dialog", { name: "Filter cards" });
  await panel.getByPlaceholder("Enter a keyword…").fill("alpha");
  await expect(shown, (n) => n.join() === "Alpha report", "keyword filter");
  await panel.getByPlaceholder("Enter a keyword…").fill("");
  await panel.getByRole("group", { name: "Labels" }).getByRole("checkbox").first().check();
  await expect(shown, (n) => n.join() === "Beta launch", "label filter");
  await screenshot(page, "07-filter");
  await panel.getByRole("button", { name: "Clear filters" }).click();
  await panel.getByRole("radio", { name: "Overdue" }).check();
  await expect(shown, (n) => n.join() === "Gamma review", "overdue filter");
  await panel.getByRole("button", { name: "Clear filters" }).click();
  await expect(shown, (n) => n.length === 3, "cleared");
  await panel.getByRole("button", { name: "Close filter" }).click();

  await page.mouse.move(1200, 700);
  await page.keyboard.press("q");
  await expect(shown, (n) => n.join() === "Beta launch", "q: my cards");
  await page.keyboard.press("q");
  await expect(shown, (n) => n.length === 3, "q again: all cards");
});
