// My boards (workspaces, stars) and the board menu (background, visibility, labels, archived
// items), plus search.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import { addCards, addList, cardIn, cardNames, createBoard, newPerson, screenshot } from "./support/ui.ts";

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

test("workspaces and stars on my boards", async () => {
  const { page } = await newPerson(browser, server.url, "wendy");
  await page.getByLabel("New workspace").fill("Marketing");
  await page.getByRole("button", { name: "Create workspace" }).click();
  const workspace = page.getByRole("region", { name: "Marketing" });
  await workspace.waitFor();
  await workspace.getByRole("button", { name: "Create new board" }).click();
  await page.getByLabel("Board title").fill("Campaigns");
  await page.getByRole("button", { name: "Background green" }).click();
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await page.waitForURL(/\/b\//);
  await createBoard(page, "Personal stuff");

  await page.goto("/");
  await page.getByRole("region", { name: "Marketing" }).getByRole("link", { name: "Campaigns" }).waitFor();
  await page
    .getByRole("region", { name: "Your boards" })
    .getByRole("link", { name: "Personal stuff" })
    .waitFor();
  await page.getByRole("button", { name: "Star Campaigns" }).click();
  const starred = page.getByRole("region", { name: "Starred boards" });
  await starred.getByRole("link", { name: "Campaigns" }).waitFor();
  await screenshot(page, "04-my-boards");
  await page.reload();
  await starred.getByRole("link", { name: "Campaigns" }).waitFor();
  await starred.getByRole("button", { name: "Unstar Campaigns" }).click();
  await starred.waitFor({ state: "detached" });
});

test("board menu: background, visibility, a new label, archive and restore; search finds a card", async () => {
  const { page } = await newPerson(browser, server.url, "mona");
  await createBoard(page, "Menu board");
  await addList(page, "Ideas");
  await addCards(page, "Ideas", ["Keep me", "Archive me"]);

  await page.getByRole("button", { name: "Menu", exact: true }).click();
  const menu = page.getByRole("complementary", { name: "Board menu" });
  await menu.getByRole("button", { name: "Background purple" }).click();
  await expect(
    () => page.locator(".board-page").getAttribute("style"),
    (s) => s?.includes("137, 96, 158") === true,
    "purple background",
  );
  await menu.getByRole("combobox", { name: "Visibility" }).selectOption("public");
  await page.locator(".header-chip", { hasText: "Public" }).waitFor();

  await menu.getByRole("tab", { name: "Labels" }).click();
  await menu.getByLabel("New label name").fill("Urgent");
  await menu.getByRole("button", { name: "Color red" }).click();
  await menu.getByRole("button", { name: "Create label" }).click();
  await menu.locator(".label-chip", { hasText: "Urgent" }).waitFor();
  await screenshot(page, "13-board-menu");

  // Archive a card from its dialog, then restore it from the menu's archived items.
  await cardIn(page, "Ideas", "Archive me").click();
  await page.getByRole("dialog").getByRole("button", { name: "Archive", exact: true }).click();
  await page.getByRole("dialog").getByText("This card is archived.").waitFor();
  await page.keyboard.press("Escape");
  await expect(
    () => cardNames(page, "Ideas"),
    (n) => n.join() === "Keep me",
    "archived card hidden",
  );
  await menu.getByRole("tab", { name: "Archived items" }).click();
  const row = menu.getByRole("listitem").filter({ hasText: "Archive me" });
  await row.getByRole("button", { name: "Restore" }).click();
  await expect(
    () => cardNames(page, "Ideas"),
    (n) => n.includes("Archive me"),
    "restored",
  );
  await menu.getByRole("button", { name: "Close menu" }).click();

  // The settings were saved.
  await page.reload();
  await page.locator(".header-chip", { hasText: "Public" }).waitFor();
  assert.deepEqual((await cardNames(page, "Ideas")).sort(), ["Archive me", "Keep me"]);

  // "/" focuses search; Enter searches.
  await page.locator(".board-canvas").click({ position: { x: 900, y: 500 } });
  await page.keyboard.press("/");
  await page.keyboard.type("Keep");
  await page.keyboard.press("Enter");
  const results = page.getByRole("region", { name: "Search results" });
  await results.getByRole("button", { name: "Keep me" }).click();
  await page.getByRole("dialog", { name: "Keep me" }).waitFor();
});
