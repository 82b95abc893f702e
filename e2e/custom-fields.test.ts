// Custom fields in the browser, two people on one board: one makes fields in the board menu (a
// dropdown with coloured options, a text field, a checkbox), sets values in the card dialog and
// sees them as badges on the card front; the other sees the badges appear live.
import { copyFileSync } from "node:fs";
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium, SCREENSHOTS } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";

import {
  addCards,
  addList,
  cardIn,
  connection,
  createBoard,
  inviteMember,
  newPerson,
  screenshot,
  uniqueName,
} from "./support/ui.ts";

/** The card's custom field badges as read (a badge's name and value are separate flex items). */
const badges = async (page: Page, cardName: string) =>
  (await cardIn(page, "Doing", cardName).locator(".field-badge").allInnerTexts())
    .map((t) => t.replace(/\s+/g, " "))
    .join("|");

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

test("fields made in the board menu, values set in the card dialog, badges on the card front, live for a second person", async () => {
  const b = await newPerson(browser, server.url, uniqueName("bea"));
  const a = await newPerson(browser, server.url, uniqueName("abe"));
  const url = await createBoard(a.page, "Launch plan");
  await addList(a.page, "Doing");
  await addCards(a.page, "Doing", ["Press release", "Landing page"]);
  await inviteMember(a.page, b.username);
  await b.page.goto(url);
  await cardIn(b.page, "Doing", "Press release").waitFor();
  await expect(
    () => connection(b.page),
    (s) => s === "live",
    "B is live",
  );

  // A makes three fields in the board menu.
  await a.page.getByRole("button", { name: "Menu", exact: true }).click();
  const menu = a.page.getByRole("complementary", { name: "Board menu" });
  await menu.getByRole("tab", { name: "Custom fields" }).click();
  const form = menu.getByRole("form", { name: "New custom field" });
  await form.getByLabel("Field name").fill("Priority");
  await form.getByRole("combobox", { name: "Type" }).selectOption("list");
  await form.getByLabel("Option", { exact: true }).fill("High");
  await form.getByRole("button", { name: "Option colour red" }).click();
  await form.getByRole("button", { name: "Add option" }).click();
  await form.getByLabel("Option", { exact: true }).fill("Low");
  await form.getByRole("button", { name: "Option colour green" }).click();
  await form.getByRole("button", { name: "Add option" }).click();
  await form.getByRole("button", { name: "Create field" }).click();
  await menu.locator(".field-row", { hasText: "Priority" }).waitFor();
  await form.getByLabel("Field name").fill("Owner");
  await form.getByRole("combobox", { name: "Type" }).selectOption("text");
  await form.getByRole("button", { name: "Create field" }).click();
  await menu.locator(".field-row", { hasText: "Owner" }).waitFor();
  await form.getByLabel("Field name").fill("Approved");
  await form.getByRole("combobox", { name: "Type" }).selectOption("checkbox");
  await form.getByRole("button", { name: "Create field" }).click();
  await menu.locator(".field-row", { hasText: "Approved" }).waitFor();
  await screenshot(a.page, "custom-fields-menu");
  await menu.getByRole("button", { name: "Close menu" }).click();

  // A sets the values in the card dialog.
  await cardIn(a.page, "Doing", "Press release").click();
  const dialog = a.page.getByRole("dialog");
  await dialog.getByRole("combobox", { name: "Custom field Priority" }).selectOption({ label: "High" });
  await dialog.getByRole("textbox", { name: "Custom field Owner" }).fill("Ada");
  await dialog.getByRole("textbox", { name: "Custom field Owner" }).press("Enter");
  await dialog.getByRole("checkbox", { name: "Custom field Approved" }).check();
  await expect(
    () => badges(a.page, "Press release"),
    (text) => text === "Priority: High|Owner: Ada|Approved",
    "A's card front shows the three values",
  );
  await a.page.screenshot({ path: `${SCREENSHOTS}/custom-fields-card.png` });
  copyFileSync(
    `${SCREENSHOTS}/custom-fields-card.png`,
    resolve(import.meta.dirname, "../docs/screenshots/custom-fields-card-1280.png"),
  );
  await a.page.keyboard.press("Escape");

  // B sees them on the card front, live, and in the dialog.
  await expect(
    () => badges(b.page, "Press release"),
    (text) => text === "Priority: High|Owner: Ada|Approved",
    "B's card front shows the values live",
  );
  await screenshot(b.page, "custom-fields-front");

  // A turns the card front off for Owner; B's badge goes, live.
  await a.page.getByRole("button", { name: "Menu", exact: true }).click();
  await menu.getByRole("tab", { name: "Custom fields" }).click();
  await menu.getByRole("button", { name: "Edit field Owner" }).click();
  await menu.locator(".field-row", { hasText: "Owner" }).getByLabel("Show on card front").uncheck();
  await expect(
    () => badges(b.page, "Press release"),
    (text) => text === "Priority: High|Approved",
    "B's card front drops the Owner badge",
  );
});
