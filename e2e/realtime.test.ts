// Two people on one board, each in their own browser context: what one does, the other sees,
// over WebSockets, by polling when sockets are blocked, and after a network outage.
import assert from "node:assert/strict";
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
  connection,
  createBoard,
  inviteMember,
  list,
  newPerson,
  type Person,
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

/** A's board with lists Todo/Done and two cards, opened by both A and B. */
async function sharedBoard(options: { blockSocketsForB?: boolean } = {}): Promise<{ a: Person; b: Person }> {
  const b = await newPerson(browser, server.url, uniqueName("bea"));
  if (options.blockSocketsForB) {
    // B's network refuses WebSockets (a proxy that does not upgrade): the socket closes at once.
    await b.page.context().routeWebSocket(/\/1\/socket/, (socket) => socket.close());
  }
  const a = await newPerson(browser, server.url, uniqueName("abe"));
  const url = await createBoard(a.page, "Shared");
  await addList(a.page, "Todo");
  await addList(a.page, "Done");
  await addCards(a.page, "Todo", ["Card one", "Card two"]);
  await inviteMember(a.page, b.username);
  await b.page.goto(url);
  await cardIn(b.page, "Todo", "Card two").waitFor();
  return { a, b };
}

test("A drags a card to another list and B sees it within a second; B comments and A sees it; A archives a list and B sees it go", async () => {
  const { a, b } = await sharedBoard();
  await expect(
    () => connection(b.page),
    (s) => s === "live",
    "B is live",
  );
  await expect(
    () => connection(a.page),
    (s) => s === "live",
    "A is live",
  );

  await cardIn(a.page, "Todo", "Card one").dragTo(list(a.page, "Done").locator(".list-cards"));
  const moved = Date.now();
  await expect(
    () => cardNames(b.page, "Done"),
    (n) => n.includes("Card one"),
    "B sees the move",
    1000,
  );
  const latency = Date.now() - moved;
  assert.ok(latency < 1000, `B saw the move after ${latency} ms`);
  await screenshot(b.page, "08-live-b-sees-move");

  await cardIn(a.page, "Todo", "Card two").click();
  const dialogA = a.page.getByRole("dialog", { name: "Card two" });
  await dialogA.waitFor();
  await cardIn(b.page, "Todo", "Card two").click();
  const dialogB = b.page.getByRole("dialog", { name: "Card two" });
  await dialogB.getByRole("textbox", { name: "Write a comment" }).fill("On it, from B");
  await dialogB.getByRole("button", { name: "Save", exact: true }).click();
  await dialogA.locator(".comment-text", { hasText: "On it, from B" }).waitFor({ timeout: 2000 });
  await b.page.keyboard.press("Escape");
  await a.page.keyboard.press("Escape");
  await expect(
    () => cardIn(a.page, "Todo", "Card two").locator(".card-badges").textContent(),
    (t) => t?.includes("1") === true,
    "comment count badge",
  );

  await list(a.page, "Todo").getByRole("button", { name: "List actions for Todo" }).click();
  await a.page.getByRole("menuitem", { name: "Archive this list" }).click();
  await list(b.page, "Todo").waitFor({ state: "detached", timeout: 2000 });
  assert.deepEqual(await cardNames(b.page, "Done"), ["Card one"]);
});

test("with WebSockets blocked, B stays current by polling", async () => {
  const { a, b } = await sharedBoard({ blockSocketsForB: true });
  await expect(
    () => connection(b.page),
    (s) => s === "polling",
    "B falls back to polling",
    10_000,
  );
  await expect(
    () => connection(a.page),
    (s) => s === "live",
    "A is live",
  );

  await cardIn(a.page, "Todo", "Card one").dragTo(list(a.page, "Done").locator(".list-cards"));
  await expect(
    () => cardNames(b.page, "Done"),
    (n) => n.includes("Card one"),
    "B sees the move by polling",
    6000,
  );
  await addCards(a.page, "Done", ["Polled card"]);
  await expect(
    () => cardNames(b.page, "Done"),
    (n) => n.join() === "Card one,Polled card",
    "B sees the new card",
    6000,
  );
  await screenshot(b.page, "09-polling");

  // B's own edits still work (over HTTP) and reach A live.
  await cardIn(b.page, "Todo", "Card two").dragTo(list(b.page, "Done").locator(".list-cards"));
  await expect(
    () => cardNames(a.page, "Done"),
    (n) => n.includes("Card two"),
    "A sees B's move",
    2000,
  );
});

test("after B's network drops and returns, B catches up", async () => {
  const { a, b } = await sharedBoard();
  await expect(
    () => connection(b.page),
    (s) => s === "live",
    "B is live",
  );

  await b.page.context().setOffline(true);
  await expect(
    () => connection(b.page),
    (s) => s === "offline",
    "B shows offline",
  );
  await screenshot(b.page, "10-offline");

  await cardIn(a.page, "Todo", "Card one").dragTo(list(a.page, "Done").locator(".list-cards"));
  await addCards(a.page, "Todo", ["Made while B was away"]);
  await list(a.page, "Done").getByRole("button", { name: "List name: Done. Click to edit" }).click();
  await a.page.getByRole("textbox", { name: "List name" }).fill("Finished");
  await a.page.getByRole("textbox", { name: "List name" }).press("Enter");

  await b.page.context().setOffline(false);
  await expect(
    () => connection(b.page),
    (s) => s === "live",
    "B is live again",
    10_000,
  );
  await expect(
    () => cardNames(b.page, "Finished"),
    (n) => n.join() === "Card one",
    "B caught up: move and rename",
    5000,
  );
  assert.deepEqual(await cardNames(b.page, "Todo"), ["Card two", "Made while B was away"]);
});

test("an edit the server refuses is undone on screen with a message: B renames a card past the length limit", async () => {
  const { a, b } = await sharedBoard();
  await expect(
    () => connection(b.page),
    (s) => s === "live",
    "B is live",
  );
  await cardIn(b.page, "Todo", "Card one").locator(".card-link").click();
  const dialog = b.page.getByRole("dialog");
  await dialog.getByRole("button", { name: /^Card title: Card one/ }).click();
  // The client leaves the limit to the server, which refuses (16,384 characters at most).
  await dialog.getByLabel("Card title", { exact: true }).fill("x".repeat(16_385));
  await dialog.getByLabel("Card title", { exact: true }).press("Enter");
  await b.page.getByRole("alert").filter({ hasText: "Could not rename the card" }).waitFor();
  await dialog.getByRole("button", { name: /^Card title: Card one/ }).waitFor();
  await b.page.keyboard.press("Escape");
  await expect(
    () => cardNames(b.page, "Todo"),
    (n) => n.join() === "Card one,Card two",
    "the rename was undone",
  );
  await screenshot(b.page, "12-refused-edit-undone");
  assert.deepEqual(
    await cardNames(a.page, "Todo"),
    ["Card one", "Card two"],
    "A never saw the refused rename",
  );
});

test("an observer cannot drag cards: B, made an observer while the board is open, loses the editing controls live", async () => {
  const { a, b } = await sharedBoard();
  await a.page.getByRole("button", { name: "Menu", exact: true }).click();
  const menu = a.page.getByRole("complementary", { name: "Board menu" });
  await menu.getByRole("tab", { name: "Members" }).click();
  await menu.getByRole("combobox", { name: /^Role of Bea/ }).selectOption("observer");
  await list(b.page, "Todo").getByRole("button", { name: "+ Add a card" }).waitFor({ state: "detached" });
  assert.equal(await connection(b.page), "live", "observers may read");
  await cardIn(b.page, "Todo", "Card one").dragTo(list(b.page, "Done").locator(".list-cards"));
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(await cardNames(b.page, "Todo"), ["Card one", "Card two"], "nothing moved");
  assert.deepEqual(await cardNames(b.page, "Done"), []);
});
