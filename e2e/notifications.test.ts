// Two people in two browsers: Alice mentions Bob in a comment; Bob, looking at the board, sees
// his bell light up live (pushed over the socket he already holds), opens the panel, and clicks
// through to the card, which marks the notification read.
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
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

test("Bob, mentioned by Alice in a comment, sees his bell light up live and clicks through to the card", async () => {
  const bob = await newPerson(browser, server.url, uniqueName("bob"));
  const alice = await newPerson(browser, server.url, uniqueName("alice"));
  const url = await createBoard(alice.page, "Launch");
  await addList(alice.page, "Doing");
  await addCards(alice.page, "Doing", ["Press kit"]);
  await inviteMember(alice.page, bob.username);
  await bob.page.goto(url);
  await cardIn(bob.page, "Doing", "Press kit").waitFor();
  await expect(
    () => connection(bob.page),
    (s) => s === "live",
    "Bob is live",
  );
  // Being added to the board is his first notification: read them all, so the bell is dark.
  const bell = bob.page.getByRole("button", { name: /^Notifications/ });
  await expect(
    () => bell.getAttribute("aria-label"),
    (label) => label === "Notifications: 1 unread",
    "Bob's bell counts being added to the board",
  );
  await bell.click();
  await bob.page.getByRole("button", { name: "Mark all read" }).click();
  await expect(
    () => bell.getAttribute("aria-label"),
    (label) => label === "Notifications",
    "the bell goes dark",
  );
  await bell.click(); // close the panel

  await cardIn(alice.page, "Doing", "Press kit").click();
  const dialog = alice.page.getByRole("dialog", { name: "Press kit" });
  // Typing "@" and the start of Bob's name offers him; Enter takes the suggestion.
  const box = dialog.getByRole("textbox", { name: "Write a comment" });
  await box.pressSequentially(`@${bob.username.slice(0, 5)}`);
  await dialog
    .getByRole("list", { name: "Mention a member" })
    .getByRole("button", { name: new RegExp(`@${bob.username}`) })
    .waitFor();
  await screenshot(alice.page, "notifications-mention-autocomplete");
  // A busy page paints late: animation frames come 400 ms late while the person keeps typing.
  // What is typed right after taking the suggestion still lands after the mention.
  await alice.page.evaluate(`(() => {
    window.__raf = window.requestAnimationFrame;
    window.requestAnimationFrame = (cb) => window.__raf((t) => setTimeout(() => cb(t), 400));
  })()`);
  await box.press("Enter");
  await box.pressSequentially("ca");
  await alice.page.waitForTimeout(600); // a late frame comes and goes mid-word
  await box.pressSequentially("n you check the logos?");
  await alice.page.evaluate("window.requestAnimationFrame = window.__raf");
  await expect(
    () => box.inputValue(),
    (value) => value === `@${bob.username} can you check the logos?`,
    "the mention was completed",
  );
  await dialog.getByRole("button", { name: "Save", exact: true }).click();

  await expect(
    () => bell.getAttribute("aria-label"),
    (label) => label === "Notifications: 1 unread",
    "Bob's bell lights up without reloading",
  );
  await bell.click();
  const panel = bob.page.getByRole("region", { name: "Notifications" });
  const item = panel.getByRole("button", { name: /mentioned you on Press kit/ });
  await item.waitFor();
  await screenshot(bob.page, "notifications-bell-panel");
  await item.click();
  await bob.page.getByRole("dialog", { name: "Press kit" }).waitFor();
  await bob.page.waitForURL(/\/c\//);
  // Bob watches the card from its dialog.
  const watch = bob.page.getByRole("dialog", { name: "Press kit" }).getByRole("button", { name: "Watch" });
  await watch.click();
  await expect(
    () => watch.getAttribute("aria-pressed"),
    (pressed) => pressed === "true",
    "Bob is watching the card",
  );
  await expect(
    () => bell.getAttribute("aria-label"),
    (label) => label === "Notifications",
    "opening it marked it read",
  );
});

test("Bob watches a list from its menu and the board from the board menu; comments there reach his bell", async () => {
  const bob = await newPerson(browser, server.url, uniqueName("bob"));
  const alice = await newPerson(browser, server.url, uniqueName("alice"));
  const url = await createBoard(alice.page, "Venue");
  await addList(alice.page, "Ideas");
  await addCards(alice.page, "Ideas", ["Castle"]);
  await inviteMember(alice.page, bob.username);
  await bob.page.goto(url);
  await cardIn(bob.page, "Ideas", "Castle").waitFor();
  await expect(
    () => connection(bob.page),
    (s) => s === "live",
    "Bob is live",
  );
  const bell = bob.page.getByRole("button", { name: /^Notifications/ });
  await expect(
    () => bell.getAttribute("aria-label"),
    (label) => label === "Notifications: 1 unread",
    "Bob's bell counts being added to the board",
  );
  await bell.click();
  await bob.page.getByRole("button", { name: "Mark all read" }).click();
  await bell.click();

  // The list menu's Watch: a comment on a card of that list reaches him.
  await bob.page.getByRole("button", { name: "List actions for Ideas" }).click();
  const watchList = bob.page.getByRole("menuitemcheckbox", { name: "Watch" });
  await expect(
    () => watchList.getAttribute("aria-checked"),
    (checked) => checked === "false",
    "not watching the list yet",
  );
  await watchList.click();
  await bob.page.getByRole("button", { name: "List actions for Ideas" }).click();
  await expect(
    () => watchList.getAttribute("aria-checked"),
    (checked) => checked === "true",
    "watching the list",
  );
  await screenshot(bob.page, "notifications-watch-list-menu");
  await bob.page.keyboard.press("Escape");

  const comment = async (text: string) => {
    await cardIn(alice.page, "Ideas", "Castle").click();
    const dialog = alice.page.getByRole("dialog", { name: "Castle" });
    await dialog.getByRole("textbox", { name: "Write a comment" }).fill(text);
    await dialog.getByRole("button", { name: "Save", exact: true }).click();
    await dialog.getByText(text).waitFor();
    await alice.page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
  };
  await comment("What about a castle?");
  await expect(
    () => bell.getAttribute("aria-label"),
    (label) => label === "Notifications: 1 unread",
    "a comment in the watched list reaches Bob",
  );

  // The board menu's Watch: pressed, it stays pressed when the menu opens again.
  await bob.page.getByRole("button", { name: "Menu", exact: true }).click();
  const menu = bob.page.getByRole("complementary", { name: "Board menu" });
  await menu.getByRole("button", { name: "Watch" }).click();
  await expect(
    () => menu.getByRole("button", { name: "Watching" }).getAttribute("aria-pressed"),
    (pressed) => pressed === "true",
    "Bob watches the board",
  );
  await menu.getByRole("button", { name: "Close menu" }).click();
  await bob.page.reload();
  await bob.page.getByRole("button", { name: "Menu", exact: true }).click();
  await expect(
    () => menu.getByRole("button", { name: "Watching" }).getAttribute("aria-pressed"),
    (pressed) => pressed === "true",
    "the board is still watched after a reload",
  );
});
