// The slim first board read (decision 0032-slim-board-read): the board opens from card
// fronts (no descriptions, checklists or comments on the wire), the fronts' badges still count,
// a card opens with its full details, and what another browser changes shows live, in an open
// card and on fronts whose details were never read.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Locator } from "playwright-core";
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

async function addChecklistItems(dialog: Locator, items: string[]): Promise<void> {
  await dialog.getByRole("button", { name: "Checklist" }).click();
  await dialog.getByRole("button", { name: "Add", exact: true }).click();
  await dialog.getByRole("button", { name: "Add an item" }).click();
  for (const item of items) {
    await dialog.getByRole("textbox", { name: "Add an item" }).fill(item);
    await dialog.getByRole("textbox", { name: "Add an item" }).press("Enter");
    await dialog.getByRole("checkbox", { name: `Complete ${item}` }).waitFor();
  }
}

test("the board opens from card fronts; a card opens whole; another browser's edits show live", async () => {
  const a = await newPerson(browser, server.url, uniqueName("ana"));
  const b = await newPerson(browser, server.url, uniqueName("ben"));
  const url = await createBoard(a.page, "Slim");
  await addList(a.page, "Todo");
  await addCards(a.page, "Todo", ["Rich", "Plain"]);
  await inviteMember(a.page, b.username);
  await cardIn(a.page, "Todo", "Rich").click();
  const dialogA = a.page.getByRole("dialog", { name: "Rich" });
  await dialogA.getByRole("button", { name: "Add a more detailed description…" }).click();
  await dialogA.getByRole("textbox", { name: "Description" }).fill("First **words**");
  await dialogA.getByRole("button", { name: "Save", exact: true }).click();
  await dialogA.locator(".card-desc strong", { hasText: "words" }).waitFor();
  await addChecklistItems(dialogA, ["Tests pass", "Docs written"]);
  await dialogA.getByRole("checkbox", { name: "Complete Tests pass" }).check();
  await dialogA.getByRole("textbox", { name: "Write a comment" }).fill("A comment on the card");
  await dialogA.getByRole("button", { name: "Save", exact: true }).click();
  await dialogA.locator(".comment-text", { hasText: "A comment on the card" }).waitFor();

  // B opens the board: the read carries fronts only.
  const read = b.page.waitForResponse((r) => /\/1\/boards\/[^/?]+\?/.test(r.url()));
  await b.page.goto(url);
  const body = await (await read).text();
  assert.ok(!body.includes("First **words**"), "no description on the wire");
  assert.ok(!body.includes("Tests pass"), "no checklist items on the wire");
  assert.ok(!body.includes("A comment on the card"), "no comments on the wire");
  const rich = cardIn(b.page, "Todo", "Rich");
  await expect(
    () => rich.locator(".card-badges").textContent(),
    (t) => t?.includes("1/2") === true && t.includes("1") && t.includes("description"),
    "the front's badges: description, comment, checklist 1/2",
  );

  // Opened, the card shows its details.
  await rich.click();
  const dialogB = b.page.getByRole("dialog", { name: "Rich" });
  await dialogB.locator(".card-desc strong", { hasText: "words" }).waitFor();
  await dialogB.getByRole("checkbox", { name: "Complete Tests pass" }).waitFor();
  assert.equal(await dialogB.getByRole("checkbox", { name: "Complete Tests pass" }).isChecked(), true);
  await dialogB.locator(".comment-text", { hasText: "A comment on the card" }).waitFor();
  await expect(
    () => connection(b.page),
    (s) => s === "live",
    "B is live",
  );

  // A edits the description and checks an item: B's open card shows both.
  // Scoped to the description: A's own comment carries an Edit button too.
  await dialogA
    .getByRole("region", { name: "Description" })
    .getByRole("button", { name: "Edit", exact: true })
    .click();
  await dialogA.getByRole("textbox", { name: "Description" }).fill("Second *thoughts*");
  await dialogA.getByRole("button", { name: "Save", exact: true }).click();
  await dialogB.locator(".card-desc em", { hasText: "thoughts" }).waitFor({ timeout: 5000 });
  await dialogA.getByRole("checkbox", { name: "Complete Docs written" }).check();
  await expect(
    async () => dialogB.getByRole("checkbox", { name: "Complete Docs written" }).isChecked(),
    (checked) => checked,
    "B sees the item checked",
  );

  // A gives the card B never opened a description and a checklist: B's front counts them.
  await a.page.keyboard.press("Escape");
  await cardIn(a.page, "Todo", "Plain").click();
  const plainA = a.page.getByRole("dialog", { name: "Plain" });
  await plainA.getByRole("button", { name: "Add a more detailed description…" }).click();
  await plainA.getByRole("textbox", { name: "Description" }).fill("Now described");
  await plainA.getByRole("button", { name: "Save", exact: true }).click();
  await addChecklistItems(plainA, ["Only step"]);
  await b.page.keyboard.press("Escape");
  await expect(
    () => cardIn(b.page, "Todo", "Plain").locator(".card-badges").textContent(),
    (t) => t?.includes("0/1") === true && t.includes("description"),
    "B's front of Plain shows the new description and checklist",
  );
  await cardIn(b.page, "Todo", "Plain").click();
  await b.page
    .getByRole("dialog", { name: "Plain" })
    .locator(".card-desc", { hasText: "Now described" })
    .waitFor();
});
