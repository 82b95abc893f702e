// The board's activity feed and the card's activity: Trello's wording, relative times with the
// exact time on hover, older pages on demand (`before` / `limit`), and new actions arriving live
// from another person's edits.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import {
  addCards,
  addList,
  cardIn,
  connection,
  createBoard,
  inviteMember,
  list,
  newPerson,
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

const feed = (page: Page) => page.getByRole("region", { name: "Board activity" });
const feedTexts = (page: Page) => feed(page).locator(".activity-item .activity-body > div").allInnerTexts();

async function openActivity(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Menu", exact: true }).click();
  await page
    .getByRole("complementary", { name: "Board menu" })
    .getByRole("tab", { name: "Activity" })
    .click();
  await feed(page).waitFor();
}

test("the board feed speaks Trello, shows relative times, grows live and pages back", async () => {
  const bo = await newPerson(browser, server.url, uniqueName("bo"));
  const al = await newPerson(browser, server.url, uniqueName("al"));
  const url = await createBoard(al.page, "Activity");
  await addList(al.page, "To do");
  await addList(al.page, "Done");
  await addCards(al.page, "To do", ["Card one"]);
  await inviteMember(al.page, bo.username);
  await cardIn(al.page, "To do", "Card one").dragTo(list(al.page, "Done").locator(".list-cards"));
  await cardIn(al.page, "Done", "Card one").waitFor();

  await bo.page.goto(url);
  await cardIn(bo.page, "Done", "Card one").waitFor();
  await openActivity(bo.page);
  await expect(
    () => feedTexts(bo.page),
    (t) => /^Al\w* Tester moved Card one from To do to Done$/.test(t[0] ?? ""),
    "the move, newest first, in Trello's words",
  );
  const texts = await feedTexts(bo.page);
  assert.ok(texts.some((t) => t.endsWith("added Card one to To do")));
  assert.ok(texts.some((t) => t.endsWith("added the list To do to this board")));
  assert.ok(texts.some((t) => t.endsWith("created this board")));
  // The card's name links to the card.
  assert.match(
    String(await feed(bo.page).getByRole("link", { name: "Card one" }).first().getAttribute("href")),
    /^\/c\//,
  );
  // "just now", and the exact time on hover.
  const time = feed(bo.page).locator("time").first();
  assert.equal(await time.textContent(), "just now");
  const exact = String(await time.getAttribute("title"));
  assert.ok(!Number.isNaN(Date.parse(String(await time.getAttribute("datetime")))));
  assert.match(exact, /\d/);

  // Live: Al adds a card; it arrives at the top of Bo's open feed.
  await expect(
    () => connection(bo.page),
    (s) => s === "live",
    "Bo is live",
  );
  await addCards(al.page, "To do", ["Card two"]);
  await expect(
    () => feedTexts(bo.page),
    (t) => t[0]?.endsWith("added Card two to To do") === true,
    "Al's new card at the top of Bo's feed",
  );

  // The card's own activity says "this card".
  await bo.page.getByRole("button", { name: "Close menu" }).click();
  await cardIn(bo.page, "Done", "Card one").locator(".card-link").click();
  const dialog = bo.page.getByRole("dialog");
  await dialog.getByText("moved this card from To do to Done").waitFor();
  await bo.page.keyboard.press("Escape");

  // Paging: more than a page of actions; the oldest come with "Load more activity".
  await addCards(
    al.page,
    "Done",
    Array.from({ length: 50 }, (_, i) => `Bulk ${i + 1}`),
  );
  await bo.page.reload();
  await cardIn(bo.page, "Done", "Card one").waitFor();
  await openActivity(bo.page);
  const more = feed(bo.page).getByRole("button", { name: "Load more activity" });
  await more.waitFor();
  const firstPage = await feedTexts(bo.page);
  assert.ok(!firstPage.some((t) => t.endsWith("created this board")), "the oldest is not on the first page");
  await more.click();
  await expect(
    () => feedTexts(bo.page),
    (t) => t[t.length - 1]?.endsWith("created this board") === true,
    "the older page ends with the board's creation",
  );
  await more.waitFor({ state: "detached" });
  const all = await feedTexts(bo.page);
  assert.equal(
    new Set(
      await feed(bo.page)
        .locator(".activity-item")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-action-id"))),
    ).size,
    all.length,
  );
});
