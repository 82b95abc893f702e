// Moving and copying in the browser: a card moved to another board through the Move dialog is seen
// live by a second person on the target board; list actions (WIP limit with count/limit in the
// header, copy list); a card made a template and copied. Screenshots into docs/screenshots/.
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import {
  addCards,
  addList,
  cardIn,
  cardNames,
  createBoard,
  inviteMember,
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

test("A moves a card to another board with the Move dialog; B, on that board, sees it arrive live", async () => {
  const b = await newPerson(browser, server.url, uniqueName("bea"));
  const a = await newPerson(browser, server.url, uniqueName("abe"));
  const target = await createBoard(a.page, "Target board");
  await addList(a.page, "Inbox");
  await addCards(a.page, "Inbox", ["Already here"]);
  await inviteMember(a.page, b.username);
  await b.page.goto(target);
  await cardIn(b.page, "Inbox", "Already here").waitFor();

  await createBoard(a.page, "Source board");
  await addList(a.page, "Todo");
  await addCards(a.page, "Todo", ["Travel plans"]);
  await cardIn(a.page, "Todo", "Travel plans").click();
  const dialog = a.page.getByRole("dialog", { name: "Travel plans" });
  await dialog.getByRole("button", { name: "Move", exact: true }).click();
  const move = a.page.getByRole("dialog", { name: "Move card" });
  await move.getByLabel("Board", { exact: true }).selectOption({ label: "Target board" });
  await expect(
    () => move.getByLabel("List", { exact: true }).locator("option").allInnerTexts(),
    (options) => options.includes("Inbox"),
    "the target's lists are offered",
  );
  await expect(
    () => move.getByLabel("Position", { exact: true }).locator("option").allInnerTexts(),
    (options) => options.join(",") === "1,2",
    "positions 1..n+1 of the target list",
  );
  await move.getByLabel("Position", { exact: true }).selectOption("1");
  await a.page.screenshot({ path: `${DOCS}/move-card-dialog-1280.png` });
  await move.getByRole("button", { name: "Move", exact: true }).click();

  await expect(
    () => cardNames(b.page, "Inbox"),
    (names) => names.join(",") === "Travel plans,Already here",
    "B sees the card arrive on top of the target list",
  );
  await expect(
    () => cardNames(a.page, "Todo"),
    (names) => names.length === 0,
    "the card left the source board",
  );
  await b.page.screenshot({ path: `${DOCS}/move-card-arrived-1280.png` });
});

test("list actions: a WIP limit shows count/limit and warns past it; a list is copied with its cards; a template card is copied", async () => {
  const a = await newPerson(browser, server.url, uniqueName("ali"));
  await createBoard(a.page, "Lists");
  await addList(a.page, "Doing");
  await addCards(a.page, "Doing", ["One", "Two"]);
  const doing = list(a.page, "Doing");
  await doing.getByRole("button", { name: "List actions for Doing" }).click();
  await a.page.getByRole("menuitem", { name: "Set WIP limit…" }).click();
  const limit = a.page.getByRole("dialog", { name: "Set WIP limit" });
  await limit.getByLabel("Cards at most").fill("1");
  await limit.getByRole("button", { name: "Save" }).click();
  await expect(
    () => doing.locator(".list-count.is-over-limit").textContent(),
    (text) => text === "2/1",
    "the header shows count/limit in the warning colour",
  );

  await doing.getByRole("button", { name: "List actions for Doing" }).click();
  await a.page.getByRole("menuitem", { name: "Copy list…" }).click();
  const copy = a.page.getByRole("dialog", { name: "Copy list" });
  await copy.getByLabel("Name").fill("Doing copy");
  await copy.getByRole("button", { name: "Create list" }).click();
  await expect(
    () => cardNames(a.page, "Doing copy"),
    (names) => names.join(",") === "One,Two",
    "the copy has the list's cards",
  );

  await cardIn(a.page, "Doing", "One").click();
  const dialog = a.page.getByRole("dialog", { name: "One" });
  await dialog.getByRole("button", { name: "Make template" }).click();
  await dialog.getByRole("button", { name: "Template: on" }).waitFor();
  await dialog.getByRole("button", { name: "Copy", exact: true }).click();
  const copyCard = a.page.getByRole("dialog", { name: "Copy card" });
  await copyCard.getByLabel("Title").fill("From template");
  await copyCard.getByLabel("List", { exact: true }).selectOption({ label: "Doing copy" });
  await a.page.screenshot({ path: `${DOCS}/copy-card-dialog-1280.png` });
  await copyCard.getByRole("button", { name: "Create card" }).click();
  await expect(
    () => cardNames(a.page, "Doing copy"),
    (names) => names.includes("From template"),
    "the card made from the template",
  );
  await a.page.keyboard.press("Escape");
  await a.page.screenshot({ path: `${DOCS}/list-wip-limit-1280.png` });
});

test("quick edit: the hover pencil, a right-click and `e` open the quick editor; rename in place, move from it", async () => {
  const a = await newPerson(browser, server.url, uniqueName("qed"));
  await createBoard(a.page, "Quick");
  await addList(a.page, "Todo");
  await addList(a.page, "Done");
  await addCards(a.page, "Todo", ["Rename me", "Right click me"]);
  const tile = cardIn(a.page, "Todo", "Rename me");
  await tile.hover();
  await a.page.getByRole("button", { name: "Quick edit Rename me" }).click();
  const menu = a.page.getByRole("menu", { name: "Quick edit" });
  await menu.waitFor();
  await a.page.screenshot({ path: `${DOCS}/quick-edit-1280.png` });
  await a.page.getByLabel("Card title").fill("Renamed");
  await a.page.getByLabel("Card title").press("Enter");
  await cardIn(a.page, "Todo", "Renamed").waitFor();

  await cardIn(a.page, "Todo", "Right click me").click({ button: "right" });
  await menu.waitFor();
  await menu.getByRole("menuitem", { name: "Move" }).click();
  const move = a.page.getByRole("dialog", { name: "Move card" });
  await expect(
    () => move.getByLabel("List", { exact: true }).locator("option").allInnerTexts(),
    (options) => options.includes("Done"),
    "the board's lists",
  );
  await move.getByLabel("List", { exact: true }).selectOption({ label: "Done" });
  await move.getByRole("button", { name: "Move", exact: true }).click();
  await move.waitFor({ state: "detached" });
  await a.page.keyboard.press("Escape");
  await expect(
    () => cardNames(a.page, "Done"),
    (names) => names.join(",") === "Right click me",
    "moved from the quick editor",
  );

  await cardIn(a.page, "Done", "Right click me").hover();
  await a.page.keyboard.press("e");
  await menu.waitFor();
  await menu.getByRole("menuitem", { name: "Archive" }).click();
  await expect(
    () => cardNames(a.page, "Done"),
    (names) => names.length === 0,
    "archived from the quick editor",
  );
});
