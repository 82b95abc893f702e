// The card back in Chromium, two people at once: editing and deleting my own comments (never
// another's), emoji reactions arriving live in the other browser, imported people's comments under
// their own names, and check items assigned, dated, dragged within and across checklists, hidden
// when checked and converted to cards.
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import {
  addCards,
  addCheckItems,
  addList,
  cardIn,
  cardNames,
  createBoard,
  inviteMember,
  newPerson,
  screenshot,
  uniqueName,
} from "./support/ui.ts";

const SMALL_EXPORT = resolve(import.meta.dirname, "../packages/server/test/fixtures/trello/small.json");

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

async function openCard(page: Page, listName: string, name: string): Promise<Locator> {
  await cardIn(page, listName, name).click();
  const dialog = page.getByRole("dialog", { name });
  await dialog.waitFor();
  return dialog;
}

const commentBy = (dialog: Locator, text: string) =>
  dialog.locator(".activity-item.comment", { hasText: text });

async function writeComment(dialog: Locator, text: string): Promise<void> {
  await dialog.getByRole("textbox", { name: "Write a comment" }).fill(text);
  await dialog.getByRole("button", { name: "Save", exact: true }).click();
  await expect(
    () => commentBy(dialog, text).getAttribute("data-action-id"),
    (id) => id !== null && !id.startsWith("pending-"),
    `comment "${text}" saved`,
  );
}

test("comments: edit and delete my own, not another's; reactions seen live in a second browser", async () => {
  const ann = await newPerson(browser, server.url, uniqueName("ann"));
  const bob = await newPerson(browser, server.url, uniqueName("bob"));
  const url = await createBoard(ann.page, "Comments");
  await addList(ann.page, "To do");
  await addCards(ann.page, "To do", ["Plan launch"]);
  await inviteMember(ann.page, bob.username);
  await bob.page.goto(url);

  const annCard = await openCard(ann.page, "To do", "Plan launch");
  const bobCard = await openCard(bob.page, "To do", "Plan launch");
  await writeComment(annCard, "Draft the announcment");
  await writeComment(bobCard, "Bob was here");
  await commentBy(annCard, "Bob was here").waitFor();

  // Another's comment has no Edit or Delete for me.
  const bobsComment = commentBy(annCard, "Bob was here");
  assert.equal(await bobsComment.getByRole("button", { name: "Edit" }).count(), 0);
  assert.equal(await bobsComment.getByRole("button", { name: "Delete" }).count(), 0);

  // Ann edits her own; Bob sees the new words live.
  const mineId = await commentBy(annCard, "Draft the announcment").getAttribute("data-action-id");
  const mine = annCard.locator(`[data-action-id="${mineId}"]`);
  await mine.getByRole("button", { name: "Edit" }).click();
  await mine.getByRole("textbox", { name: "Edit the comment" }).fill("Draft the announcement");
  await mine.getByRole("button", { name: "Save" }).click();
  await commentBy(bobCard, "Draft the announcement").getByText("(edited)").waitFor();
  assert.equal(await commentBy(bobCard, "announcment").count(), 0);

  // Bob reacts to Ann's comment from the picker; Ann sees it arrive and adds hers.
  const onBob = commentBy(bobCard, "Draft the announcement");
  await onBob.getByRole("button", { name: "Add reaction" }).click();
  await onBob.getByRole("menuitem", { name: "React with +1" }).click();
  await onBob.getByRole("button", { name: "React with tada" }).waitFor({ state: "detached" });
  const chipOnAnn = commentBy(annCard, "Draft the announcement").locator(".reaction-chip");
  await expect(
    () => chipOnAnn.textContent(),
    (t) => /1/.test(t ?? ""),
    "Bob's reaction shows live for Ann",
  );
  assert.equal(await chipOnAnn.getAttribute("aria-pressed"), "false");
  await chipOnAnn.click();
  await expect(
    () => chipOnAnn.getAttribute("aria-pressed"),
    (p) => p === "true",
    "Ann's own reaction",
  );
  const chipOnBob = onBob.locator(".reaction-chip");
  await expect(
    () => chipOnBob.textContent(),
    (t) => /2/.test(t ?? ""),
    "two reactions for Bob",
  );
  await onBob.getByRole("button", { name: "Add reaction" }).click();
  await onBob.getByRole("menuitem", { name: "React with heart" }).click();
  await expect(
    () => commentBy(annCard, "Draft the announcement").locator(".reaction-chip").count(),
    (n) => n === 2,
    "heart",
  );
  // Taking a reaction back: Bob clicks his thumbs-up chip.
  await chipOnBob.filter({ hasText: "\u{1F44D}" }).click();
  await expect(
    () => chipOnAnn.first().textContent(),
    (t) => /1/.test(t ?? ""),
    "back to one thumbs-up",
  );
  await screenshot(ann.page, "card-back-reactions");

  // Ann deletes her comment: gone for both; Bob's stays.
  ann.page.once("dialog", (d) => void d.accept());
  await commentBy(annCard, "Draft the announcement").getByRole("button", { name: "Delete" }).click();
  await commentBy(bobCard, "Draft the announcement").waitFor({ state: "detached" });
  await commentBy(annCard, "Bob was here").waitFor();
});

test("an imported person's comment shows their own name and initials, never the importer's", async () => {
  const ann = await newPerson(browser, server.url, uniqueName("ann"));
  await ann.page.goto("/");
  await ann.page.getByRole("button", { name: "Import from Trello" }).click();
  const box = ann.page.getByRole("dialog");
  await box.getByLabel("Trello export (JSON)").setInputFiles(SMALL_EXPORT);
  await box.getByLabel("Tack username for Alice Archer (@alicearcher)").fill(ann.username);
  await box.getByRole("button", { name: "Import", exact: true }).click();
  await box.getByRole("heading", { name: /Imported/ }).waitFor();
  await box.getByRole("link", { name: "Open the board" }).click();
  await ann.page.locator(".board-header").waitFor();
  await ann.page.locator(".card", { hasText: "Pick a new logo" }).click();
  const dialog = ann.page.getByRole("dialog", { name: "Pick a new logo" });
  const carols = commentBy(dialog, "Ich übernehme das");
  await carols.waitFor();
  assert.equal((await carols.locator(".comment-author").textContent())?.trim(), "Carol Ünterberg");
  assert.equal(await carols.locator(".avatar").getAttribute("aria-label"), "Carol Ünterberg");
  assert.notEqual((await carols.locator(".avatar").textContent())?.trim(), "?");
  // Alice was mapped to Ann: her comment is Ann's now, under Ann's name.
  const alices = commentBy(dialog, "Printer says");
  assert.match(String(await alices.locator(".comment-author").textContent()), new RegExp(ann.username, "i"));
  // Reading Carol's comment, Ann may react but not edit or delete it.
  assert.equal(await carols.getByRole("button", { name: "Edit" }).count(), 0);
});

test("a card's history read that fails is asked again; one that keeps failing says so and can be tried again", async () => {
  const ann = await newPerson(browser, server.url, uniqueName("ann"));
  const bob = await newPerson(browser, server.url, uniqueName("bob"));
  const url = await createBoard(ann.page, "History");
  await addList(ann.page, "To do");
  await addCards(ann.page, "To do", ["Order chairs"]);
  await inviteMember(ann.page, bob.username);
  await writeComment(await openCard(ann.page, "To do", "Order chairs"), "Forty of them");

  // Bob's browser has never seen the comment: only the card's history read can show it.
  let reads = 0;
  let failing = 1;
  await bob.page.route(/\/1\/cards\/[^/]+\/actions\?/, (route) => {
    reads += 1;
    return failing-- > 0 ? route.abort("connectionreset") : route.continue();
  });
  await bob.page.goto(url);
  let dialog = await openCard(bob.page, "To do", "Order chairs");
  await commentBy(dialog, "Forty of them").waitFor();
  assert.equal(reads, 2, "the failed read was asked again once");

  // Every attempt fails: the dialog says so instead of showing an empty history.
  failing = Number.POSITIVE_INFINITY;
  await dialog.getByRole("button", { name: "Close" }).click();
  dialog = await openCard(bob.page, "To do", "Order chairs");
  const failed = dialog.getByRole("alert").filter({ hasText: "earlier activity could not be loaded" });
  await failed.waitFor();
  assert.equal(await commentBy(dialog, "Forty of them").count(), 0);
  await screenshot(bob.page, "card-history-failed");
  await bob.page.setViewportSize({ width: 390, height: 844 });
  await failed.scrollIntoViewIfNeeded();
  await screenshot(bob.page, "card-history-failed-390");
  await bob.page.setViewportSize({ width: 1280, height: 800 });
  failing = 0;
  await failed.getByRole("button", { name: "Try again" }).click();
  await commentBy(dialog, "Forty of them").waitFor();
  await failed.waitFor({ state: "detached" });
});

test("checklists: assign and date an item, drag to reorder and across, hide checked, convert to card", async () => {
  const ann = await newPerson(browser, server.url, uniqueName("ann"));
  const bob = await newPerson(browser, server.url, uniqueName("bob"));
  const url = await createBoard(ann.page, "Checklists");
  await addList(ann.page, "Doing");
  await addCards(ann.page, "Doing", ["Launch"]);
  await inviteMember(ann.page, bob.username);
  await bob.page.goto(url);
  const dialog = await openCard(ann.page, "Doing", "Launch");

  async function addChecklist(name: string, items: string[]) {
    await dialog.getByRole("button", { name: "Checklist" }).click();
    await dialog.getByLabel("Checklist title").fill(name);
    await dialog.getByRole("button", { name: "Add", exact: true }).click();
    const section = dialog.getByRole("region", { name });
    await addCheckItems(section, items);
    return section;
  }
  const steps = await addChecklist("Steps", ["Book venue", "Send invites", "Order cake"]);
  const later = await addChecklist("Later", ["Thank everyone"]);
  const itemNames = (section: Locator) => section.locator(".check-item .inline-edit").allInnerTexts();
  const row = (section: Locator, name: string) => section.locator(".check-item", { hasText: name });

  // Assign "Send invites" to Bob and give it a due date.
  await row(steps, "Send invites").getByRole("button", { name: "Item actions for Send invites" }).click();
  await row(steps, "Send invites").getByRole("button", { name: "Assign" }).click();
  await row(steps, "Send invites")
    .getByRole("button", { name: new RegExp(bob.username, "i") })
    .click();
  await row(steps, "Send invites")
    .getByRole("button", { name: new RegExp(`Assigned to ${bob.username}`, "i") })
    .waitFor();
  await row(steps, "Send invites").getByRole("button", { name: "Item actions for Send invites" }).click();
  await row(steps, "Send invites").getByRole("button", { name: "Due date" }).click();
  await row(steps, "Send invites").getByLabel("Due date").fill("2031-03-04");
  await row(steps, "Send invites").getByRole("button", { name: "Save" }).click();
  await row(steps, "Send invites")
    .getByRole("button", { name: /^Due Mar 4/ })
    .waitFor();
  // Bob sees both on his screen.
  const bobDialog = await openCard(bob.page, "Doing", "Launch");
  const bobSteps = bobDialog.getByRole("region", { name: "Steps" });
  await row(bobSteps, "Send invites")
    .getByRole("button", { name: /Assigned to/ })
    .waitFor();
  await row(bobSteps, "Send invites")
    .getByRole("button", { name: /^Due Mar 4/ })
    .waitFor();
  // A comment with reactions beside the assigned item, for the card-back screenshot.
  await writeComment(dialog, "Venue is booked for the 4th. Invites next!");
  const onBob = commentBy(bobDialog, "Venue is booked");
  for (const emoji of ["tada", "+1"]) {
    await onBob.getByRole("button", { name: "Add reaction" }).click();
    await onBob.getByRole("menuitem", { name: `React with ${emoji}` }).click();
  }
  const chips = commentBy(dialog, "Venue is booked").locator(".reaction-chip");
  await expect(
    () => chips.count(),
    (n) => n === 2,
    "Bob's reactions on Ann's screen",
  );
  await chips.first().click();
  await expect(
    () => chips.first().getAttribute("aria-pressed"),
    (p) => p === "true",
    "Ann's tada too",
  );
  await ann.page.setViewportSize({ width: 1280, height: 1040 });
  await screenshot(ann.page, "card-back-1280");
  await ann.page.setViewportSize({ width: 1280, height: 800 });

  // Drag "Order cake" above "Book venue", then "Book venue" into the other checklist.
  const first = row(steps, "Book venue");
  await row(steps, "Order cake").dragTo(first, { targetPosition: { x: 60, y: 2 } });
  await expect(
    () => itemNames(steps),
    (n) => n.join() === "Order cake,Book venue,Send invites",
    "reordered",
  );
  await expect(
    () => itemNames(bobSteps),
    (n) => n.join() === "Order cake,Book venue,Send invites",
    "live",
  );
  const box = await row(later, "Thank everyone").boundingBox();
  await row(steps, "Book venue").dragTo(row(later, "Thank everyone"), {
    targetPosition: { x: 60, y: (box?.height ?? 20) - 2 },
  });
  await expect(
    () => itemNames(later),
    (n) => n.join() === "Thank everyone,Book venue",
    "moved across",
  );
  await expect(
    () => itemNames(steps),
    (n) => n.join() === "Order cake,Send invites",
    "left Steps",
  );

  // Hide checked items in Steps.
  await steps.getByRole("checkbox", { name: "Complete Order cake" }).check();
  await steps.getByRole("button", { name: "Hide checked items" }).click();
  await expect(
    () => itemNames(steps),
    (n) => n.join() === "Send invites",
    "checked hidden",
  );
  await steps.getByRole("button", { name: "Show checked items (1)" }).click();
  await expect(
    () => itemNames(steps),
    (n) => n.join() === "Order cake,Send invites",
    "shown again",
  );

  // Convert "Send invites" to a card: a new card in Doing, assigned to Bob, the item gone.
  await row(steps, "Send invites").getByRole("button", { name: "Item actions for Send invites" }).click();
  await row(steps, "Send invites").getByRole("button", { name: "Convert to card" }).click();
  await expect(
    () => itemNames(steps),
    (n) => n.join() === "Order cake",
    "item gone",
  );
  await ann.page.keyboard.press("Escape");
  await expect(
    () => cardNames(ann.page, "Doing"),
    (n) => n.join() === "Launch,Send invites",
    "new card",
  );
  await expect(
    () => cardNames(bob.page, "Doing"),
    (n) => n.join() === "Launch,Send invites",
    "live for Bob",
  );
});

test("check items edited before the server answered their add: the edits wait for the real ids", async () => {
  const ann = await newPerson(browser, server.url, uniqueName("ann"));
  // Writes travel over the board's socket. Once `holding`, the answers to item adds come 1.5 s
  // late, as on a slow network: the server has stored each item (and pushed it) long before.
  let holding = false;
  const held = new Set<string>();
  await ann.page.routeWebSocket(/\/1\/socket/, (page) => {
    const tack = page.connectToServer();
    page.onMessage((message) => {
      const frame = JSON.parse(String(message)) as {
        type?: string;
        id?: string;
        method?: string;
        path?: string;
      };
      if (
        holding &&
        frame.type === "mutation" &&
        frame.method === "POST" &&
        /\/checkItems$/.test(frame.path ?? "")
      )
        held.add(frame.id!);
      tack.send(message);
    });
    tack.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { type?: string; id?: string };
      if (frame.type === "mutation.ack" && held.has(frame.id!)) setTimeout(() => page.send(message), 1_500);
      else page.send(message);
    });
  });
  const url = await createBoard(ann.page, "Slow answers");
  await addList(ann.page, "Doing");
  await addCards(ann.page, "Doing", ["Party"]);
  const dialog = await openCard(ann.page, "Doing", "Party");
  await dialog.getByRole("button", { name: "Checklist" }).click();
  await dialog.getByLabel("Checklist title").fill("Food");
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  const food = dialog.getByRole("region", { name: "Food" });
  await food.getByRole("button", { name: "Add an item" }).waitFor();

  holding = true;
  await addCheckItems(food, ["Cake", "Lemonade"]);
  // Both still unanswered: check one, date the other.
  await food.getByRole("checkbox", { name: "Complete Cake" }).check();
  const lemonade = food.locator(".check-item", { hasText: "Lemonade" });
  await lemonade.getByRole("button", { name: "Item actions for Lemonade" }).click();
  await lemonade.getByRole("button", { name: "Due date" }).click();
  await lemonade.getByLabel("Due date").fill("2031-05-06");
  await lemonade.getByRole("button", { name: "Save" }).click();
  assert.equal(held.size, 2, "both adds went over the socket and are held");

  // Answered, the edits reach the server under the real ids: nothing refused, nothing rolled back.
  type StoredItem = { id: string; name: string; state: string; due: string | null };
  const storedItems = async (): Promise<StoredItem[]> => {
    const res = await ann.page.request.get(`${server.url}/1/boards/${url.split("/")[4]}/checklists`);
    return ((await res.json()) as Array<{ checkItems: StoredItem[] }>).flatMap((l) => l.checkItems);
  };
  await expect(
    async () => (await storedItems()).map((i) => `${i.name}:${i.state}:${i.due ? "due" : "-"}`).join(),
    (items) => items === "Cake:complete:-,Lemonade:incomplete:due",
    "edits stored under the real ids",
    10_000,
  );
  assert.equal(await ann.page.getByRole("alert").count(), 0, "no edit was refused");
  const ids = await food
    .locator(".check-item")
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-item-id")));
  assert.deepEqual(
    ids,
    (await storedItems()).map((i) => i.id),
    "the rows carry the real ids",
  );
  await ann.page.reload(); // the card's own URL: it opens again from the server's state
  const again = ann.page.getByRole("dialog", { name: "Party" });
  await again.getByRole("checkbox", { name: "Complete Cake", checked: true }).waitFor();
  await again
    .locator(".check-item", { hasText: "Lemonade" })
    .getByRole("button", { name: /^Due May 6/ })
    .waitFor();
});
