// Issue 13's "done means", whole, with two people in two Chromium browsers and a real SMTP server
// started here: Alice invites bob@example.test by e-mail → Bob signs up from the link in the mail →
// the board is on his home page → Alice mentions @bob in a comment → Bob's bell lights up live → an
// e-mail arrives for Bob → Bob clicks through from the notification to the card → Bob watches the
// card, Alice changes it → Bob is notified; Alice sets a due date with a reminder, the reminder
// fires → Bob is notified (and mailed); the mention links to Bob's member page.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { startServer, type TestServer } from "../packages/server/test/harness.ts";
import { type SmtpSink, startSmtpSink } from "../packages/server/test/support/smtp-sink.ts";
import { launchChromium } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { ensureWebBuilt } from "./support/server.ts";
import { addCards, addList, cardIn, connection, createBoard, newPerson, screenshot } from "./support/ui.ts";

let smtp: SmtpSink;
let server: TestServer;
let browser: Browser;
before(async () => {
  ensureWebBuilt();
  smtp = await startSmtpSink();
  server = await startServer(
    {
      TACK_SMTP_URL: smtp.url,
      TACK_MAIL_FROM: "Tack <tack@example.test>",
      TACK_AUTH_RATE_LIMIT: "1000",
      // Due dates are looked at every second here, so the reminder fires within the test.
      TACK_REMINDER_INTERVAL_MS: "1000",
    },
    "sqlite",
  );
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

const linkIn = (text: string, path: RegExp) => {
  const found = text.split(/\s/).find((word) => path.test(word));
  assert.ok(found, `a link in the mail:\n${text}`);
  return found;
};

/** Waits for the next mail to `to` after the first `from` mails, and returns it. */
async function nextMailTo(to: string, from: number, subject: RegExp) {
  for (let count = from + 1; ; count++) {
    await Promise.race([
      smtp.waitFor(count),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no mail to ${to} matching ${subject}`)), 15_000),
      ),
    ]);
    const mail = smtp.mails[count - 1]!;
    if (mail.to.includes(to) && subject.test(mail.subject)) return mail;
  }
}

const bellOf = (page: Page) => page.getByRole("button", { name: /^Notifications/ });
const unreadShown = (page: Page, label: string, what: string) =>
  expect(
    () => bellOf(page).getAttribute("aria-label"),
    (shown) => shown === label,
    what,
  );

test("Alice and Bob go through the whole loop: e-mail invitation, sign-up, mention, bell, e-mail, watch, change, reminder", async () => {
  const alice = (await newPerson(browser, server.url, "alice")).page;
  await createBoard(alice, "Launch");
  await addList(alice, "Doing");
  await addCards(alice, "Doing", ["Press kit"]);

  // Alice invites Bob, who has no account yet, by e-mail address.
  let mailsBefore = smtp.mails.length;
  await alice.getByRole("button", { name: "Share", exact: true }).click();
  const share = alice.getByRole("dialog", { name: "Share board" });
  await share.getByLabel("Username or e-mail address").fill("bob@example.test");
  await share.getByRole("button", { name: "Invite", exact: true }).click();
  await share.getByLabel("Invitation link for bob@example.test").waitFor();
  await alice.keyboard.press("Escape");
  const invitation = await nextMailTo("bob@example.test", mailsBefore, /Launch/);
  assert.match(invitation.text, /invited you to the board "Launch"/);
  const link = linkIn(invitation.text, /\/invite\/[0-9a-f]{64}$/);

  // Bob signs up from the link in the mail and lands on the board; it is on his home page.
  const bobContext = await browser.newContext({
    baseURL: server.url,
    viewport: { width: 1280, height: 800 },
  });
  const bob = await bobContext.newPage();
  bob.on("pageerror", (error) => console.error("[bob] page error:", error.message));
  await bob.goto(link);
  await bob.getByLabel("Full name").fill("Bob Tester");
  await bob.getByLabel("Username").fill("bob");
  assert.equal(await bob.getByLabel("Email").inputValue(), "bob@example.test");
  await bob.getByLabel("Password").fill("correct horse battery");
  await bob.getByRole("button", { name: "Sign up and join" }).click();
  await bob.waitForURL(/\/b\/[^/]+\/launch$/);
  await bob.goto("/");
  await bob.getByRole("link", { name: "Launch" }).first().click();
  await bob.waitForURL(/\/b\/[^/]+\/launch$/);
  await cardIn(bob, "Doing", "Press kit").waitFor();
  await expect(
    () => connection(bob),
    (state) => state === "live",
    "Bob's board is live",
  );
  await unreadShown(bob, "Notifications", "Bob's bell is dark: he joined by himself");

  // Alice mentions @bob in a comment, choosing him from the suggestions.
  mailsBefore = smtp.mails.length;
  await cardIn(alice, "Doing", "Press kit").click();
  const aliceCard = alice.getByRole("dialog", { name: "Press kit" });
  const box = aliceCard.getByRole("textbox", { name: "Write a comment" });
  await box.pressSequentially("@bo");
  await aliceCard
    .getByRole("list", { name: "Mention a member" })
    .getByRole("button", { name: /@bob/ })
    .waitFor();
  await box.press("Enter");
  await box.pressSequentially("can you check the logos?");
  await aliceCard.getByRole("button", { name: "Save", exact: true }).click();
  // The mention renders as a link to Bob's member page.
  await aliceCard.getByRole("link", { name: "@bob" }).waitFor();

  // Bob's bell lights up without a reload, and the mention is mailed to him.
  await unreadShown(bob, "Notifications: 1 unread", "Bob's bell lights up live");
  const mentionMail = await nextMailTo(
    "bob@example.test",
    mailsBefore,
    /mentioned you on the card Press kit/,
  );
  assert.match(mentionMail.text, /can you check the logos\?/);
  const cardLink = linkIn(mentionMail.text, /\/c\/[^/\s]+$/);

  // Bob clicks through from the notification to the card.
  await bellOf(bob).click();
  const panel = bob.getByRole("region", { name: "Notifications" });
  await panel.getByRole("button", { name: /mentioned you on Press kit/ }).click();
  const bobCard = bob.getByRole("dialog", { name: "Press kit" });
  await bobCard.waitFor();
  await bob.waitForURL(/\/c\//);
  assert.ok(
    bob.url().startsWith(cardLink),
    `the mail's link ${cardLink} is the card Bob opened (${bob.url()})`,
  );
  await unreadShown(bob, "Notifications", "opening it marked it read");

  // Bob watches the card; Alice renames it; Bob hears of it.
  const watch = bobCard.getByRole("button", { name: "Watch" });
  await watch.click();
  await expect(
    () => watch.getAttribute("aria-pressed"),
    (pressed) => pressed === "true",
    "Bob is watching the card",
  );
  await bob.keyboard.press("Escape");
  await bobCard.waitFor({ state: "detached" });
  await cardIn(bob, "Doing", "Press kit").locator(".badge-watch").waitFor();
  mailsBefore = smtp.mails.length;
  await aliceCard.getByRole("button", { name: "Card title: Press kit. Click to edit" }).click();
  const title = aliceCard.getByRole("textbox", { name: "Card title" });
  await title.fill("Press kit v2");
  await title.press("Enter");
  await unreadShown(bob, "Notifications: 1 unread", "Bob hears of the change to the card he watches");
  await nextMailTo("bob@example.test", mailsBefore, /changed the card Press kit v2/);

  // Alice gives the card a due date half an hour away with a reminder an hour before: the
  // scheduler fires it at its next look, and Bob, watching, is reminded.
  const aliceDialog = alice.getByRole("dialog", { name: "Press kit v2" });
  const dueLocal = await alice.evaluate(() => {
    const d = new Date(Date.now() + 30 * 60_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  });
  await aliceDialog.getByRole("button", { name: "Dates" }).click();
  await aliceDialog.getByLabel("Due date").fill(dueLocal);
  await aliceDialog.getByLabel("Reminder").selectOption({ label: "1 hour before" });
  mailsBefore = smtp.mails.length;
  await aliceDialog.getByRole("button", { name: "Save", exact: true }).click();
  await unreadShown(bob, "Notifications: 3 unread", "Bob hears of the due date and then of its reminder");
  await bellOf(bob).click();
  await panel.getByRole("button", { name: /Press kit v2 is due soon/ }).waitFor();
  await screenshot(bob, "collaboration-loop-bell-panel");
  await nextMailTo("bob@example.test", mailsBefore, /due soon/);
  await bobContext.close();

  // The mention in Alice's comment links to Bob's page: his name, username and the boards they share.
  await aliceDialog.getByRole("link", { name: "@bob" }).click();
  await alice.waitForURL(/\/u\/bob$/);
  await alice.getByRole("heading", { name: "Bob Tester" }).waitFor();
  await alice.getByText("@bob", { exact: true }).waitFor();
  await alice
    .getByRole("region", { name: "Boards in common" })
    .getByRole("link", { name: "Launch" })
    .waitFor();
  await screenshot(alice, "collaboration-loop-member-page");
});
