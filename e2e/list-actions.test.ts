// A list's menu and templates in the browser: sort a list, move all its cards to another list,
// archive all its cards, collapse it (remembered over a reload), make a card from a template card,
// copy a board from the board menu, and create a board from a template board. Screenshots of a
// collapsed list and the template picker into docs/screenshots/.
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import {
  addCards,
  addList,
  cardIn,
  cardNames,
  createBoard,
  list,
  newPerson,
  uniqueName,
} from "./support/ui.ts";

const DOCS = resolve(import.meta.dirname, "../docs/screenshots");

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

async function listMenu(page: Page, listName: string, item: string) {
  await list(page, listName)
    .getByRole("button", { name: `List actions for ${listName}` })
    .click();
  await page.getByRole("menuitem", { name: item }).click();
}

async function openMore(page: Page) {
  const menu = page.getByRole("complementary", { name: "Board menu" });
  if (!(await menu.isVisible())) await page.getByRole("button", { name: "Menu", exact: true }).click();
  await menu.getByRole("tab", { name: "More" }).click();
  return menu;
}

test("sort, move all cards, archive all cards, and collapse a list (kept over a reload)", async () => {
  const { page } = await newPerson(browser, server.url, uniqueName("sol"));
  await createBoard(page, "Sorting");
  await addList(page, "Todo");
  await addList(page, "Done");
  await addCards(page, "Todo", ["banana", "Apple", "cherry"]);

  await listMenu(page, "Todo", "Sort by…");
  let dialog = page.getByRole("dialog", { name: "Sort list" });
  await dialog.getByLabel("Card name (alphabetically)").check();
  await dialog.getByRole("button", { name: "Sort", exact: true }).click();
  await expect(
    () => cardNames(page, "Todo"),
    (names) => names.join(",") === "Apple,banana,cherry",
    "sorted by name",
  );
  await listMenu(page, "Todo", "Sort by…");
  dialog = page.getByRole("dialog", { name: "Sort list" });
  await dialog.getByLabel("Date created (newest first)").check();
  await dialog.getByRole("button", { name: "Sort", exact: true }).click();
  await expect(
    () => cardNames(page, "Todo"),
    (names) => names.join(",") === "cherry,Apple,banana",
    "sorted newest first",
  );
  // The order is the server's: it stays after a reload.
  await page.reload();
  await expect(
    () => cardNames(page, "Todo"),
    (names) => names.join(",") === "cherry,Apple,banana",
    "the sorted order was saved",
  );

  await listMenu(page, "Todo", "Move all cards in this list…");
  dialog = page.getByRole("dialog", { name: "Move all cards in this list" });
  await dialog.getByLabel("To list").selectOption({ label: "Done" });
  await dialog.getByRole("button", { name: "Move cards" }).click();
  await expect(
    () => cardNames(page, "Done"),
    (names) => names.join(",") === "cherry,Apple,banana",
    "all cards moved, in order",
  );
  await expect(
    () => cardNames(page, "Todo"),
    (names) => names.length === 0,
    "Todo is empty",
  );

  await listMenu(page, "Done", "Archive all cards in this list…");
  dialog = page.getByRole("dialog", { name: "Archive all cards in this list?" });
  await dialog.getByText("The 3 open cards").waitFor();
  await dialog.getByRole("button", { name: "Archive all" }).click();
  await expect(
    () => cardNames(page, "Done"),
    (names) => names.length === 0,
    "all cards archived",
  );
  await page.reload();
  await list(page, "Done").waitFor();
  await expect(
    () => cardNames(page, "Done"),
    (names) => names.length === 0,
    "still archived after reload",
  );

  await addCards(page, "Todo", ["one", "two"]);
  await listMenu(page, "Todo", "Collapse list");
  const expand = page.getByRole("button", { name: "Expand list Todo" });
  await expand.waitFor();
  await expect(
    () => list(page, "Todo").evaluate((el) => el.getBoundingClientRect().width),
    (width) => width < 60,
    "a collapsed list is a narrow strip",
  );
  await expect(
    () => expand.textContent(),
    (text) => (text ?? "").includes("2"),
    "the strip shows the count",
  );
  await page.screenshot({ path: `${DOCS}/list-collapsed-1280.png` });
  await page.reload();
  await expand.waitFor();
  await expand.click();
  await expect(
    () => cardNames(page, "Todo"),
    (names) => names.join(",") === "one,two",
    "expanded again",
  );
  await page.reload();
  await cardIn(page, "Todo", "one").waitFor();
  await expect(
    () => expand.count(),
    (n) => n === 0,
    "expanding is remembered too",
  );
});

test("create a card from a template card in a list's add-card area; template tiles carry a badge", async () => {
  const { page } = await newPerson(browser, server.url, uniqueName("tim"));
  await createBoard(page, "Templates");
  await addList(page, "Templates");
  await addList(page, "Work");
  await addCards(page, "Templates", ["Bug report"]);
  await cardIn(page, "Templates", "Bug report").click();
  const card = page.getByRole("dialog", { name: "Bug report" });
  await card.getByRole("button", { name: "Make template" }).click();
  await card.getByRole("button", { name: "Template: on" }).waitFor();
  await page.keyboard.press("Escape");
  await cardIn(page, "Templates", "Bug report").locator(".badge-template").waitFor();

  await list(page, "Work").getByRole("button", { name: "Create from template in Work" }).click();
  const picker = page.getByRole("dialog", { name: "Create from template" });
  await picker.getByLabel("Bug report").check();
  await picker.getByLabel("Card title").fill("Login fails");
  await page.screenshot({ path: `${DOCS}/template-picker-1280.png` });
  await picker.getByRole("button", { name: "Create card" }).click();
  await expect(
    () => cardNames(page, "Work"),
    (names) => names.join(",") === "Login fails",
    "the new card",
  );
  await expect(
    () => cardIn(page, "Work", "Login fails").locator(".badge-template").count(),
    (n) => n === 0,
    "a card made from a template is an ordinary card",
  );
});

test("copy a board from the board menu; make it a template; create a board from the template", async () => {
  const { page } = await newPerson(browser, server.url, uniqueName("cob"));
  await createBoard(page, "Original");
  await addList(page, "Stages");
  await addCards(page, "Stages", ["Kickoff"]);

  let more = await openMore(page);
  await more.getByRole("button", { name: "Copy board…" }).click();
  const copy = page.getByRole("dialog", { name: "Copy board" });
  await copy.getByLabel("Title").fill("Original copy");
  await copy.getByLabel("Keep cards").check();
  await copy.getByRole("button", { name: "Create copy" }).click();
  await page.locator(".board-header", { hasText: "Original copy" }).waitFor();
  await cardIn(page, "Stages", "Kickoff").waitFor();

  more = await openMore(page);
  await more.getByRole("button", { name: "Make template" }).click();
  await more.getByRole("button", { name: "Not a template" }).waitFor();
  // The flag is the server's: still set after a reload.
  await page.reload();
  more = await openMore(page);
  await more.getByRole("button", { name: "Not a template" }).waitFor();

  await page.goto("/");
  await page.getByRole("button", { name: "Create new board" }).first().click();
  await page.getByLabel("Board title").fill("From template");
  await page.getByLabel("Start from").selectOption({ label: "Template: Original copy" });
  await page.getByRole("button", { name: "Create", exact: true }).click();
  await page.waitForURL(/\/b\//);
  await page.locator(".board-header", { hasText: "From template" }).waitFor();
  await cardIn(page, "Stages", "Kickoff").waitFor();
  more = await openMore(page);
  await more.getByRole("button", { name: "Make template" }).waitFor();
});
