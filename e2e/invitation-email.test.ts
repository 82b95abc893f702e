// E-mail loops in the browser, against a real SMTP server started by the test: Alice invites
// bob@example.test by e-mail, the mail arrives, Bob opens its link, signs up and lands on the board,
// which is then on his home page; Alice invites dana@example.test into a workspace from its page,
// sees the invitation pending, and Dana signs up from the mail onto the workspace page with its
// boards; and "Forgot your password?" on the login page mails a link that sets a new password.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { startServer, type TestServer } from "../packages/server/test/harness.ts";
import { type SmtpSink, startSmtpSink } from "../packages/server/test/support/smtp-sink.ts";
import { launchChromium } from "./support/browser.ts";
import { ensureWebBuilt } from "./support/server.ts";
import { createBoard, logIn, newPerson, screenshot } from "./support/ui.ts";

let smtp: SmtpSink;
let server: TestServer;
let browser: Browser;
before(async () => {
  ensureWebBuilt();
  smtp = await startSmtpSink();
  server = await startServer(
    { TACK_SMTP_URL: smtp.url, TACK_MAIL_FROM: "Tack <tack@example.test>", TACK_AUTH_RATE_LIMIT: "1000" },
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

test("Alice invites bob@example.test by e-mail; Bob signs up from the mail and lands on the board", async () => {
  const alice = (await newPerson(browser, server.url, "alice")).page;
  await createBoard(alice, "Launch");
  const before = smtp.mails.length;
  await alice.getByRole("button", { name: "Share", exact: true }).click();
  const share = alice.getByRole("dialog", { name: "Share board" });
  await share.getByLabel("Username or e-mail address").fill("bob@example.test");
  await share.getByRole("button", { name: "Invite", exact: true }).click();
  await share.getByLabel("Invitation link for bob@example.test").waitFor();

  await smtp.waitFor(before + 1);
  const mail = smtp.mails[before]!;
  assert.deepEqual(mail.to, ["bob@example.test"]);
  assert.match(mail.text, /invited you to the board "Launch"/);
  const link = linkIn(mail.text, /\/invite\/[0-9a-f]{64}$/);

  const bobContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const bob = await bobContext.newPage();
  await bob.goto(link);
  await bob.getByLabel("Full name").fill("Bob Tester");
  await bob.getByLabel("Username").fill("bob");
  assert.equal(await bob.getByLabel("Email").inputValue(), "bob@example.test");
  await bob.getByLabel("Password").fill("correct horse battery");
  await bob.getByRole("button", { name: "Sign up and join" }).click();
  await bob.waitForURL(/\/b\/[^/]+\/launch$/);
  await bob.getByRole("heading", { name: "Launch" }).waitFor();
  await screenshot(bob, "invitation-email-01-bob-on-board");
  await bob.goto(`${server.url}/`);
  await bob.getByRole("link", { name: "Launch" }).first().waitFor();
  await bobContext.close();
});

test("Alice invites dana@example.test into her workspace; Dana signs up from the mail onto the workspace page", async () => {
  const alice = (await logIn(browser, server.url, "alice")).page;
  await alice.getByLabel("New workspace").fill("Rocket Team");
  await alice.getByRole("button", { name: "Create workspace" }).click();
  await alice
    .getByRole("region", { name: "Rocket Team" })
    .getByRole("button", { name: "Create new board" })
    .click();
  await alice.getByLabel("Board title").fill("Orbit plan");
  await alice.getByRole("button", { name: "Create", exact: true }).click();
  await alice.waitForURL(/\/b\//);

  await alice.goto("/");
  await alice.getByRole("link", { name: "Rocket Team" }).click();
  await alice.waitForURL(/\/w\//);
  const before = smtp.mails.length;
  await alice.getByLabel("Username or e-mail address to add").fill("dana@example.test");
  await alice.getByLabel("Role in the workspace").selectOption("admin");
  await alice.getByRole("button", { name: "Add to workspace" }).click();
  await alice.getByLabel("Invitation link for dana@example.test").waitFor();
  const pending = alice.getByRole("region", { name: "Pending invitations" });
  await pending.getByText("dana@example.test · Admin").waitFor();
  await screenshot(alice, "invitation-email-03-workspace-pending");

  await smtp.waitFor(before + 1);
  const mail = smtp.mails[before]!;
  assert.deepEqual(mail.to, ["dana@example.test"]);
  assert.match(mail.text, /invited you to the workspace "Rocket Team"/);
  const link = linkIn(mail.text, /\/invite\/[0-9a-f]{64}$/);

  const danaContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const dana = await danaContext.newPage();
  await dana.goto(link);
  await dana.getByRole("heading", { name: "Sign up to join Rocket Team" }).waitFor();
  await dana.getByLabel("Full name").fill("Dana Tester");
  await dana.getByLabel("Username").fill("dana");
  assert.equal(await dana.getByLabel("Email").inputValue(), "dana@example.test");
  await dana.getByLabel("Password").fill("correct horse battery");
  await dana.getByRole("button", { name: "Sign up and join" }).click();
  await dana.waitForURL(/\/w\/[^/]+$/);
  await dana.getByRole("heading", { name: "Rocket Team" }).waitFor();
  await dana.getByRole("region", { name: "Boards" }).getByRole("link", { name: "Orbit plan" }).waitFor();
  await dana.getByText("Dana Tester @dana").waitFor();
  await screenshot(dana, "invitation-email-04-dana-on-workspace");
  // Used: the invitation is no longer pending for Alice, and Dana is an admin of the workspace.
  await alice.reload();
  await alice.getByRole("region", { name: "Pending invitations" }).getByText("None.").waitFor();
  assert.equal(await alice.getByLabel("Role of Dana Tester").inputValue(), "admin");
  await danaContext.close();
  await alice.context().close();
});

test("Forgot your password? mails a link that sets a new password", async () => {
  const carol = await newPerson(browser, server.url, "carol");
  await carol.page.getByRole("button", { name: "Log out" }).click();
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByRole("button", { name: "Forgot your password?" }).click();
  const before = smtp.mails.length;
  await page.getByLabel("Email").fill("carol@example.test");
  await page.getByRole("button", { name: "Send me a link" }).click();
  await page.getByText("If an account has this e-mail address").waitFor();
  await screenshot(page, "invitation-email-02-forgot-password");

  await smtp.waitFor(before + 1);
  const mail = smtp.mails[before]!;
  assert.deepEqual(mail.to, ["carol@example.test"]);
  const link = linkIn(mail.text, /\/reset-password#token=/);
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill("a brand new password");
  await page.getByLabel("New password again").fill("a brand new password");
  await page.getByRole("button", { name: "Set password" }).click();
  await page.getByText("Your password is set").waitFor();

  await page.goto("/login");
  await page.getByLabel("Username or email").fill("carol");
  await page.getByLabel("Password").fill("a brand new password");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("button", { name: "Log out" }).waitFor();
  await context.close();
});
