// The calendar and table views: real URLs switched from the board header (back and forward
// work), due dates and names edited in the table, sorting and the board's filter, a card dragged
// to another day in the calendar, and both views live for a second person who only observes
// (and so gets no editing controls). Screenshots of each view at 1280 and 390 px.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import {
  addCards,
  addList,
  connection,
  createBoard,
  inviteMember,
  newPerson,
  screenshot,
  uniqueName,
} from "./support/ui.ts";

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

/** The card names in the table, top to bottom (the first line of each row's header cell). */
const rowNames = async (page: Page) =>
  (await page.locator(".card-table tbody tr th").allInnerTexts()).map((s) => s.split("\n")[0]!.trim());
/** Screenshots show the view, not the passing notices. */
async function dismissToasts(page: Page): Promise<void> {
  for (const button of await page.locator(".toast").getByRole("button", { name: "Dismiss" }).all())
    await button.click();
}

const dayCards = (page: Page, day: string) =>
  page.locator(`td[data-day="${day}"] .calendar-card-name`).allInnerTexts();

test("table and calendar: switch by URL, edit, sort, filter, drag to a day, live for an observer", async () => {
  const olga = await newPerson(browser, server.url, uniqueName("olga"));
  const ann = await newPerson(browser, server.url, uniqueName("ann"));
  const { page } = ann;
  const boardUrl = await createBoard(page, "Planning");
  await addList(page, "Todo");
  await addList(page, "Done");
  await addCards(page, "Todo", ["Alpha", "Beta"]);
  await addCards(page, "Done", ["Gamma"]);
  await inviteMember(page, olga.username);
  await page.getByRole("button", { name: "Menu", exact: true }).click();
  const menu = page.getByRole("complementary", { name: "Board menu" });
  await menu.getByRole("tab", { name: "Members" }).click();
  await menu.getByLabel(/^Role of Olga/).selectOption("observer");
  await menu.getByRole("button", { name: "Close menu" }).click();

  // Table, from the header: a real URL.
  await page.getByRole("navigation", { name: "Board views" }).getByRole("link", { name: "Table" }).click();
  await page.waitForURL(/\/table$/);
  await expect(
    () => rowNames(page),
    (n) => n.join() === "Alpha,Beta,Gamma",
    "every card in board order",
  );

  // Inline edits: due dates and a name.
  await page.getByLabel("Due date of Alpha").fill("2030-03-10T09:00");
  await page.getByLabel("Due date of Beta").fill("2030-03-12T15:30");
  await page.getByRole("button", { name: "Card name: Gamma. Click to edit" }).click();
  await page.getByRole("textbox", { name: "Card name" }).fill("Gamma ray");
  await page.getByRole("textbox", { name: "Card name" }).press("Enter");
  await page.getByRole("button", { name: "Card name: Gamma ray. Click to edit" }).waitFor();

  // Sorting by a column, and again to reverse it.
  const sortBy = (name: string) => page.getByRole("columnheader", { name }).getByRole("button").click();
  await sortBy("Card");
  await expect(
    () => rowNames(page),
    (n) => n.join() === "Alpha,Beta,Gamma ray",
    "sorted by name",
  );
  await sortBy("Card");
  await expect(
    () => rowNames(page),
    (n) => n.join() === "Gamma ray,Beta,Alpha",
    "sorted by name, reversed",
  );
  await sortBy("Due date");
  await expect(
    () => rowNames(page),
    (n) => n.join() === "Alpha,Beta,Gamma ray",
    "sorted by due date, undated last",
  );
  // The board's filter narrows the table.
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await page.getByPlaceholder("Enter a keyword…").fill("Beta");
  await expect(
    () => rowNames(page),
    (n) => n.length === 1 && n[0]!.startsWith("Beta"),
    "the filter leaves Beta",
  );
  await page.getByPlaceholder("Enter a keyword…").fill("");
  await page.getByRole("button", { name: "Filter", exact: true }).click();
  await dismissToasts(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, "view-table-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "view-table-390");
  await page.setViewportSize({ width: 1280, height: 800 });

  // Calendar, from the header; the month is in the URL.
  await page.getByRole("navigation", { name: "Board views" }).getByRole("link", { name: "Calendar" }).click();
  await page.waitForURL(/\/calendar$/);
  await page.goto(`${new URL(page.url()).pathname}?month=2030-03`);
  await expect(
    () => dayCards(page, "2030-03-10"),
    (n) => n.join() === "Alpha",
    "Alpha on its due day",
  );
  assert.deepEqual(await dayCards(page, "2030-03-12"), ["Beta"]);
  const undated = page.getByRole("complementary", { name: "No due date" });
  assert.deepEqual(await undated.locator(".calendar-card-name").allInnerTexts(), ["Gamma ray"]);

  // The observer watches the same month: no draggable cards, no table inputs.
  const calendarUrl = page.url();
  await olga.page.goto(calendarUrl);
  await expect(
    () => dayCards(olga.page, "2030-03-10"),
    (n) => n.join() === "Alpha",
    "Olga sees Alpha on the 10th",
  );
  assert.equal(await olga.page.locator(".calendar-card a[draggable=true]").count(), 0);
  await expect(
    () => connection(olga.page),
    (s) => s === "live",
    "Olga is live",
  );

  // Ann drags Alpha to the 20th (same time of day); Olga sees it move at once.
  await page
    .locator(`td[data-day="2030-03-10"] .calendar-card a`, { hasText: "Alpha" })
    .dragTo(page.locator(`td[data-day="2030-03-20"]`));
  await expect(
    () => dayCards(page, "2030-03-20"),
    (n) => n.join() === "Alpha",
    "Alpha moved to the 20th",
  );
  await expect(
    () => dayCards(olga.page, "2030-03-20"),
    (n) => n.join() === "Alpha",
    "Olga sees Alpha on the 20th",
  );
  assert.match(
    String(await page.locator(`td[data-day="2030-03-20"] .calendar-card-time`).textContent()),
    /9:00/,
  );
  // Gamma ray dragged from the aside gets a date; Olga sees that too.
  await undated
    .locator(".calendar-card a", { hasText: "Gamma ray" })
    .dragTo(page.locator(`td[data-day="2030-03-05"]`));
  await expect(
    () => dayCards(olga.page, "2030-03-05"),
    (n) => n.join() === "Gamma ray",
    "Olga sees Gamma ray dated",
  );
  await dismissToasts(page);
  await screenshot(page, "view-calendar-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "view-calendar-390");
  await page.setViewportSize({ width: 1280, height: 800 });

  // The observer's table has names but no inputs, and shows Ann's edits.
  await olga.page
    .getByRole("navigation", { name: "Board views" })
    .getByRole("link", { name: "Table" })
    .click();
  await olga.page.waitForURL(/\/table$/);
  await olga.page.locator(".card-table").waitFor();
  assert.equal(await olga.page.locator(".card-table input").count(), 0);
  assert.equal(await olga.page.getByRole("button", { name: /^Card name:/ }).count(), 0);
  await olga.page.getByRole("link", { name: "Gamma ray" }).waitFor();

  // Back to the lists from the header; then back and forward step through the views and months.
  await page.getByRole("navigation", { name: "Board views" }).getByRole("link", { name: "Board" }).click();
  await page.waitForURL((u) => u.toString() === boardUrl);
  await page.locator(".board-canvas").waitFor();
  await page.goBack();
  await page.waitForURL(/\/calendar\?month=2030-03$/);
  await page.locator(".calendar-grid").waitFor();
  await page.goBack();
  await page.waitForURL(/\/calendar$/);
  await page.goBack();
  await page.waitForURL(/\/table$/);
  await page.locator(".card-table").waitFor();
  await page.goForward();
  await page.waitForURL(/\/calendar$/);
  await page.locator(".calendar-grid").waitFor();
  await page.goForward();
  await page.waitForURL(/\/calendar\?month=2030-03$/);
  await page.getByRole("button", { name: "Next month" }).click();
  await page.waitForURL(/\/calendar\?month=2030-04$/);
  await page.getByRole("button", { name: "Previous month" }).click();
  await page.waitForURL(/\/calendar\?month=2030-03$/);

  // A card opens over the calendar, and closing it returns to the same month.
  await page.locator(`td[data-day="2030-03-12"] .calendar-card a`).click();
  await page.getByRole("dialog").getByRole("heading", { name: "Beta" }).waitFor();
  await page.locator(".calendar-grid").waitFor();
  await page.keyboard.press("Escape");
  await page.waitForURL(/\/calendar\?month=2030-03$/);
  await page.getByRole("dialog").waitFor({ state: "detached" });
});
