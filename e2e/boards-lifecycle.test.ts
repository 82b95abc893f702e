// Issue 15's board groups in Chromium: lifecycle (about, export, print, close and reopen, delete
// with a second viewer told), backgrounds live to another viewer, sign-up at 127.0.0.1 on the
// embedded default, search operators from the top bar, and the filter's no-labels / no-members /
// any-all / hidden count / clear.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { startServer } from "../packages/server/test/harness.ts";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { ensureWebBuilt, startTackForBrowser, type TestServer } from "./support/server.ts";
import { addCards, addList, cardNames, createBoard, logIn, newPerson, screenshot } from "./support/ui.ts";

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

/** Calls the API as the page's signed-in person (cookie + CSRF token), for setting up data. */
async function api(page: Page, method: string, path: string, body?: unknown): Promise<any> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch("/auth/session")).json()) as { csrfToken: string };
      const res = await fetch(path, {
        method,
        headers: { "content-type": "application/json", "x-csrf-token": session.csrfToken },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return res.json();
    },
    { method, path, body },
  );
}

const boardIdOf = (page: Page) =>
  page.locator(".board-page").getAttribute("data-board-id") as Promise<string>;
const menu = (page: Page) => page.getByRole("complementary", { name: "Board menu" });
async function openMenuTab(page: Page, tab: string) {
  if (!(await menu(page).isVisible())) await page.getByRole("button", { name: "Menu", exact: true }).click();
  await menu(page).getByRole("tab", { name: tab }).click();
}

test("lifecycle: about, export JSON and CSV, print, close and reopen, delete tells a second viewer", async () => {
  const { page } = await newPerson(browser, server.url, "lena");
  await newPerson(browser, server.url, "otto").then((p) => p.page.context().close());
  const url = await createBoard(page, "Lifecycle");
  await addList(page, "Plans");
  await addCards(page, "Plans", ["Write the plan", "Share it"]);
  const boardId = await boardIdOf(page);
  await api(page, "PUT", `/1/boards/${boardId}/members/${(await api(page, "GET", "/1/members/otto")).id}`, {
    type: "normal",
  });

  // About this board: admins listed, the description edited.
  await openMenuTab(page, "About");
  await menu(page).getByText("Lena Tester").waitFor();
  await menu(page).getByRole("button", { name: "Edit description" }).click();
  await menu(page).getByLabel("Board description").fill("Where **plans** live.");
  await menu(page).getByRole("button", { name: "Save" }).click();
  await menu(page).locator(".board-about-desc strong", { hasText: "plans" }).waitFor();

  // Export: both links download what they say.
  await openMenuTab(page, "More");
  const json = await page.request.get(
    (await menu(page).getByRole("link", { name: "Export as JSON" }).getAttribute("href"))!,
  );
  assert.equal((await json.json()).name, "Lifecycle");
  const csv = await page.request.get(
    (await menu(page).getByRole("link", { name: "Export as CSV" }).getAttribute("href"))!,
  );
  const rows = (await csv.text()).trim().split("\r\n");
  assert.equal(rows.length, 3);
  assert.match(rows[1]!, /,Write the plan,Plans,/);

  // Print: the sheet holds every list and card; on paper only it shows.
  // Chromium's print dialog would block the page: the sheet is what is tested, not the dialog.
  await page.evaluate(() => {
    (globalThis as unknown as { print: () => void }).print = () => undefined;
  });
  await menu(page).getByRole("button", { name: "Print board" }).click();
  await page.emulateMedia({ media: "print" });
  await page.locator(".print-sheet").getByText("Write the plan").waitFor();
  assert.equal(await page.locator(".board-page").isVisible(), false);
  await page.emulateMedia({ media: "screen" });
  await screenshot(page, "lifecycle-menu-more");

  // Otto watches while Lena closes the board: home for Lena, a banner for Otto; reopen from home.
  const otto = await logIn(browser, server.url, "otto");
  await otto.page.goto(url);
  await otto.page.locator(".board-header").waitFor();
  const addCard = otto.page.getByRole("button", { name: "Add a card" });
  await addCard.first().waitFor();
  await menu(page).getByRole("button", { name: "Close board" }).click();
  await page.getByRole("dialog", { name: "Close board?" }).getByRole("button", { name: "Close" }).click();
  await page.waitForURL((u) => u.pathname === "/");
  await otto.page.getByText("This board is closed.").waitFor();
  assert.equal(await otto.page.getByRole("button", { name: "Reopen board" }).count(), 0, "not an admin");
  // A closed board is read-only (the server refuses writes): its editing controls go with it.
  await addCard.first().waitFor({ state: "detached" });
  await page.getByRole("region", { name: "Your boards" }).waitFor();
  assert.equal(
    await page.getByRole("region", { name: "Your boards" }).getByRole("link", { name: "Lifecycle" }).count(),
    0,
  );
  await page.locator(".closed-boards summary").click();
  const closed = page.getByRole("region", { name: "Closed boards" });
  await closed.getByRole("link", { name: "Lifecycle" }).waitFor();
  await closed.getByRole("button", { name: "Reopen" }).click();
  await page.getByRole("region", { name: "Your boards" }).getByRole("link", { name: "Lifecycle" }).waitFor();
  await otto.page.getByText("This board is closed.").waitFor({ state: "detached" });
  await addCard.first().waitFor();

  // Delete: the name must be typed; Otto is told and sent home.
  await page.goto(url);
  await openMenuTab(page, "More");
  await menu(page).getByRole("button", { name: "Delete board" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete board?" });
  const remove = dialog.getByRole("button", { name: "Delete" });
  assert.equal(await remove.isDisabled(), true);
  await dialog.getByLabel("Type the board's name to confirm").fill("Lifecycle");
  await remove.click();
  await page.waitForURL((u) => u.pathname === "/");
  await otto.page.waitForURL((u) => u.pathname === "/");
  await otto.page.getByText("This board was deleted.").waitFor();
  assert.equal((await page.request.get(`/1/boards/${boardId}`)).status(), 404);
  await otto.page.context().close();
});

test("backgrounds: a picture and a gradient from the menu, live on another viewer's screen", async () => {
  const { page } = await newPerson(browser, server.url, "bea");
  await newPerson(browser, server.url, "carl").then((p) => p.page.context().close());
  const url = await createBoard(page, "Backdrops");
  const boardId = await boardIdOf(page);
  await api(page, "PUT", `/1/boards/${boardId}/members/${(await api(page, "GET", "/1/members/carl")).id}`, {
    type: "normal",
  });
  const carl = await logIn(browser, server.url, "carl");
  await carl.page.goto(url);
  await carl.page.locator(".board-header").waitFor();
  const style = (p: Page) => p.locator(".board-page").getAttribute("style");

  await openMenuTab(page, "Change background");
  await menu(page).getByRole("button", { name: "Background Dunes" }).click();
  await expect(
    () => style(carl.page),
    (s) => s?.includes("/backgrounds/dunes.svg") === true,
    "dunes for carl",
  );
  const loaded = await carl.page.request.get("/backgrounds/dunes.svg");
  assert.equal(loaded.status(), 200);
  assert.match(loaded.headers()["content-type"] ?? "", /image\/svg\+xml/);
  await screenshot(page, "background-dunes");
  await menu(page).getByRole("button", { name: "Background Ocean" }).click();
  await expect(
    () => style(carl.page),
    (s) => s?.includes("linear-gradient") === true,
    "gradient for carl",
  );
  assert.equal(
    await carl.page
      .getByRole("button", { name: "Menu", exact: true })
      .click()
      .then(async () => {
        await menu(carl.page).getByRole("tab", { name: "Change background" }).click();
        return menu(carl.page).getByText("Only the board's admins change its background.").count();
      }),
    1,
  );
  await carl.page.context().close();
});

test("127.0.0.1: sign up works on the embedded default (no public URL configured)", async () => {
  ensureWebBuilt();
  const local = await startServer({ TACK_PUBLIC_URL: "" }, "sqlite");
  try {
    const port = new URL(local.url).port;
    for (const base of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      const { page } = await newPerson(browser, base, `ip${base.includes("127") ? "four" : "name"}`);
      await createBoard(page, "Works here");
      await addList(page, "Yes");
      await page.context().close();
    }
  } finally {
    await local.stop();
  }
});

test("search from the top bar: live results grouped by board, with Trello's operators", async () => {
  const { page } = await newPerson(browser, server.url, "sam");
  await createBoard(page, "Rockets");
  await addList(page, "Launch pad");
  await addCards(page, "Launch pad", ["Fuel the rocket", "Paint the rocket", "Count down"]);
  const rockets = await boardIdOf(page);
  await createBoard(page, "Garden");
  await addList(page, "Beds");
  await addCards(page, "Beds", ["Rocket salad"]);
  const cards = await api(page, "GET", `/1/boards/${rockets}/cards`);
  const byName = (n: string) => cards.find((c: { name: string }) => c.name === n).id;
  const label = await api(page, "POST", "/1/labels", { idBoard: rockets, name: "Urgent", color: "red" });
  await api(page, "POST", `/1/cards/${byName("Fuel the rocket")}/idLabels`, { value: label.id });
  const me = await api(page, "GET", "/1/members/me");
  await api(page, "POST", `/1/cards/${byName("Paint the rocket")}/idMembers`, { value: me.id });
  await api(page, "PUT", `/1/cards/${byName("Count down")}`, {
    due: new Date(Date.now() - 3_600_000).toISOString(),
  });

  const box = page.getByRole("searchbox", { name: "Search cards and boards" });
  const results = page.getByRole("region", { name: "Search results" });
  const hits = () => results.locator(".search-hit-name").allInnerTexts();
  const search = async (q: string, expected: string[]) => {
    await box.fill(q);
    await expect(
      hits,
      (h) => h.slice().sort().join("|") === expected.slice().sort().join("|"),
      `results of ${q}`,
    );
  };
  // Live: typing alone (no Enter) brings results, grouped under each board with the list named.
  await box.pressSequentially("rocket", { delay: 30 });
  await expect(hits, (h) => h.length === 4, "live results");
  assert.deepEqual((await results.locator(".search-group h3").allInnerTexts()).sort(), ["Garden", "Rockets"]);
  await results.getByText("in Beds on Garden").waitFor();
  await screenshot(page, "search-results");
  await search("rocket label:urgent", ["Fuel the rocket", "Rockets"]);
  await search("@me", ["Paint the rocket"]);
  await search("due:overdue", ["Count down"]);
  await search("rocket -board:garden", ["Fuel the rocket", "Paint the rocket", "Rockets"]);
  await search('"paint the"', ["Paint the rocket"]);
  await search("list:beds", ["Rocket salad"]);
  await box.fill("due:someday");
  await results.getByText("due: takes day, week, month, overdue").waitFor();
  await search("rocket salad", ["Rocket salad"]);
  await results.getByRole("button", { name: /Rocket salad/ }).click();
  await page.getByRole("dialog", { name: "Rocket salad" }).waitFor();
});

test("filters: no labels, no members, match all, hidden count and one-click clear", async () => {
  const { page } = await newPerson(browser, server.url, "fay");
  await createBoard(page, "Filtering");
  await addList(page, "Work");
  await addCards(page, "Work", ["Bare", "Labelled", "Assigned", "Both"]);
  const boardId = await boardIdOf(page);
  const cards = await api(page, "GET", `/1/boards/${boardId}/cards`);
  const id = (n: string) => cards.find((c: { name: string }) => c.name === n).id;
  const label = await api(page, "POST", "/1/labels", { idBoard: boardId, name: "Bug", color: "red" });
  const me = await api(page, "GET", "/1/members/me");
  for (const n of ["Labelled", "Both"])
    await api(page, "POST", `/1/cards/${id(n)}/idLabels`, { value: label.id });
  for (const n of ["Assigned", "Both"])
    await api(page, "POST", `/1/cards/${id(n)}/idMembers`, { value: me.id });
  const shown = () => cardNames(page, "Work").then((n) => n.slice().sort().join());
  await expect(shown, (s) => s === "Assigned,Bare,Both,Labelled", "all cards");

  await page.getByRole("button", { name: "Filter", exact: true }).click();
  const panel = page.getByRole("dialog", { name: "Filter cards" });
  await panel.getByLabel("No labels").check();
  await expect(shown, (s) => s === "Assigned,Bare", "no labels");
  const summary = page.locator(".filter-summary");
  await summary.getByText("2 cards hidden").waitFor();
  await panel.getByLabel("No members").check();
  await expect(shown, (s) => s === "Bare", "no labels, no members");
  await summary.getByText("3 cards hidden").waitFor();
  await panel.getByLabel("No labels").uncheck();
  await panel.getByLabel("No members").uncheck();
  // Any match: a card with the label or no label at all; exact match: both chosen labels needed.
  await panel.locator("label", { hasText: "Bug" }).getByRole("checkbox").check();
  await panel.getByLabel("No labels").check();
  await expect(shown, (s) => s === "Assigned,Bare,Both,Labelled", "bug or no labels");
  await panel.getByLabel("Labels and members").selectOption("all");
  await expect(shown, (s) => s === "", "bug and no labels is nobody");
  await panel.getByLabel("No labels").uncheck();
  await expect(shown, (s) => s === "Both,Labelled", "all: bug");
  await screenshot(page, "filters-hidden-count");
  await page.getByRole("button", { name: "Close filter" }).click();
  await summary.getByRole("button", { name: "Clear filters" }).click();
  await expect(shown, (s) => s === "Assigned,Bare,Both,Labelled", "cleared");
  assert.equal(await summary.count(), 0);
});
