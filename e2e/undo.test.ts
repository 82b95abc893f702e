// Undo: archive and move show a toast with Undo; Ctrl+Z undoes my last change unless someone else
// changed that card since (then it says who, and leaves their change); a deleted card can be
// taken back during the toast's window, and is gone for good after it.
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
  cardNames,
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

const toastWith = (page: Page, text: string) => page.locator(".toast", { hasText: text });

async function undoFromToast(page: Page, text: string): Promise<void> {
  await toastWith(page, text).getByRole("button", { name: "Undo" }).click();
}

test("archive and move offer Undo on a toast; Ctrl+Z undoes my last move", async () => {
  const { page } = await newPerson(browser, server.url, uniqueName("uma"));
  await createBoard(page, "Undoing");
  await addList(page, "Todo");
  await addList(page, "Done");
  await addCards(page, "Todo", ["First", "Second"]);

  // Archive from the card dialog, then Undo: the card is back where it was.
  await cardIn(page, "Todo", "First").locator(".card-link").click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Archive" }).click();
  await undoFromToast(page, "Archived “First”.");
  await page.keyboard.press("Escape");
  await expect(
    () => cardNames(page, "Todo"),
    (n) => n.join() === "First,Second",
    "First is back after Undo",
  );

  // Drag to Done, then Undo on the toast.
  await cardIn(page, "Todo", "Second").dragTo(list(page, "Done").locator(".list-cards"));
  await undoFromToast(page, "Moved “Second” to Done.");
  await expect(
    () => cardNames(page, "Todo"),
    (n) => n.join() === "First,Second",
    "Second is back in Todo after Undo",
  );

  // Drag again, then Ctrl+Z.
  await cardIn(page, "Todo", "First").dragTo(list(page, "Done").locator(".list-cards"));
  await expect(
    () => cardNames(page, "Done"),
    (n) => n.join() === "First",
    "First moved to Done",
  );
  await toastWith(page, "Moved “First” to Done.").waitFor();
  await page.locator(".board-canvas").click({ position: { x: 900, y: 400 } });
  await page.keyboard.press("Control+z");
  await expect(
    () => cardNames(page, "Todo"),
    (n) => n.join() === "First,Second",
    "Ctrl+Z put First back on top of Todo",
  );
  assert.deepEqual(await cardNames(page, "Done"), []);
});

test("Ctrl+Z does not undo over someone else's change and says who made it", async () => {
  const bo = await newPerson(browser, server.url, uniqueName("bo"));
  const al = await newPerson(browser, server.url, uniqueName("al"));
  const url = await createBoard(al.page, "Shared undo");
  await addList(al.page, "Todo");
  await addList(al.page, "Done");
  await addCards(al.page, "Todo", ["Contested"]);
  await inviteMember(al.page, bo.username);
  await bo.page.goto(url);
  await cardIn(bo.page, "Todo", "Contested").waitFor();
  await expect(
    () => connection(al.page),
    (s) => s === "live",
    "Al is live",
  );

  await cardIn(al.page, "Todo", "Contested").dragTo(list(al.page, "Done").locator(".list-cards"));
  await cardIn(bo.page, "Done", "Contested").waitFor();
  // Bo moves it back; Al sees that, and then presses Ctrl+Z for his own move.
  await cardIn(bo.page, "Done", "Contested").dragTo(list(bo.page, "Todo").locator(".list-cards"));
  await cardIn(al.page, "Todo", "Contested").waitFor();
  await al.page.locator(".board-canvas").click({ position: { x: 900, y: 400 } });
  await al.page.keyboard.press("Control+z");
  const refusal = al.page.getByRole("alert").filter({ hasText: "changed this card after you" });
  await refusal.waitFor();
  assert.match(String(await refusal.textContent()), /^Bo\w* Tester changed this card after you/);
  // Nothing was undone: the card stays where Bo put it, for both.
  assert.deepEqual(await cardNames(al.page, "Todo"), ["Contested"]);
  assert.deepEqual(await cardNames(bo.page, "Todo"), ["Contested"]);
});

test("a deleted card comes back with Undo, and is gone once the toast has passed", async () => {
  const { page } = await newPerson(browser, server.url, uniqueName("dee"));
  await createBoard(page, "Deleting");
  await addList(page, "Todo");
  await addCards(page, "Todo", ["Keep me", "Drop me"]);
  page.on("dialog", (d) => void d.accept());

  async function deleteFromArchive(name: string) {
    await cardIn(page, "Todo", name).locator(".card-link").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Archive" }).click();
    await dialog.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
  }
  const statusOf = (name: string) =>
    page.evaluate(async (cardName) => {
      const boards = (await (await fetch("/1/members/me/boards")).json()) as { id: string; name: string }[];
      const board = boards.find((b) => b.name === "Deleting");
      const cards = (await (await fetch(`/1/boards/${board?.id}/cards/all`)).json()) as { name: string }[];
      return cards.some((c) => c.name === cardName) ? "exists" : "gone";
    }, name);

  await deleteFromArchive("Keep me");
  await undoFromToast(page, "Deleted “Keep me”.");
  await toastWith(page, "“Keep me” was not deleted.").waitFor();
  assert.equal(await statusOf("Keep me"), "exists");

  await deleteFromArchive("Drop me");
  await toastWith(page, "Deleted “Drop me”.").waitFor();
  await expect(
    () => statusOf("Drop me"),
    (s) => s === "gone",
    "the delete is sent once the undo window has passed",
    15_000,
  );
  assert.equal(await statusOf("Keep me"), "exists");
});
