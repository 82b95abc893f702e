// Two (then three) people share a board: Alice invites Bob by username and the board appears on
// Bob's home page (under "Shared with me": it sits in Alice's workspace, which Bob is not in);
// Alice makes a join link, Carol signs up through it and lands on the board.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "./support/browser.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import { newPerson, screenshot } from "./support/ui.ts";

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

test("Alice invites Bob by username; Carol joins by a join link", async () => {
  const alice = (await newPerson(browser, server.url, "alice")).page;
  const bob = (await newPerson(browser, server.url, "bob")).page;

  // Alice makes a workspace and a board in it.
  await alice.getByLabel("New workspace").fill("Studio");
  await alice.getByRole("button", { name: "Create workspace" }).click();
  const workspace = alice.getByRole("region", { name: "Studio" });
  await workspace.getByRole("button", { name: "Create new board" }).click();
  await alice.getByLabel("Board title").fill("Launch");
  await alice.getByRole("button", { name: "Create", exact: true }).click();
  await alice.waitForURL(/\/b\//);

  // Invite Bob by username from the share dialog.
  await alice.getByRole("button", { name: "Share", exact: true }).click();
  const share = alice.getByRole("dialog", { name: "Share board" });
  await share.getByLabel("Username or e-mail address").fill("bob");
  await share.getByRole("button", { name: "Invite", exact: true }).click();
  await alice.getByText("bob was added to the board.").waitFor();

  await bob.goto("/");
  const sharedWithBob = bob.getByRole("region", { name: "Shared with me" });
  await sharedWithBob.getByRole("link", { name: "Launch" }).waitFor();
  await screenshot(bob, "sharing-01-bob-home");

  // A join link for members; Carol signs up through it.
  await share.getByLabel("Role for people joining by link").selectOption("normal");
  await share.getByRole("button", { name: "Create join link" }).click();
  const link = await share.getByLabel("Join link", { exact: true }).inputValue();
  assert.match(link, /\/invite\/[0-9a-f]{64}$/);
  await share.getByRole("button", { name: "Turn off join link" }).waitFor();
  await screenshot(alice, "sharing-02-share-dialog");

  const carolContext = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const carol = await carolContext.newPage();
  await carol.goto(link);
  await carol.getByText("invites you to join").waitFor();
  await carol.getByLabel("Full name").fill("Carol Tester");
  await carol.getByLabel("Username").fill("carol");
  await carol.getByLabel("Email").fill("carol@example.test");
  await carol.getByLabel("Password").fill("correct horse battery");
  await carol.getByRole("button", { name: "Sign up and join" }).click();
  await carol.waitForURL(/\/b\/[^/]+\/launch$/);
  await carol.getByRole("heading", { name: "Launch" }).waitFor();
  await screenshot(carol, "sharing-03-carol-on-board");

  // Turned off, the link no longer works.
  await share.getByRole("button", { name: "Turn off join link" }).click();
  await share.getByText("None.").waitFor();
  const late = await (await browser.newContext()).newPage();
  await late.goto(link);
  await late.getByRole("heading", { name: "This invitation does not work" }).waitFor();

  // An invitation by e-mail shows its link to copy, waits in the pending list, and can be revoked.
  await share.getByLabel("Username or e-mail address").fill("dora@example.test");
  await share.getByRole("button", { name: "Invite", exact: true }).click();
  const emailed = await share.getByLabel("Invitation link for dora@example.test").inputValue();
  assert.match(emailed, /\/invite\/[0-9a-f]{64}$/);
  await share.getByRole("button", { name: "Revoke invitation for dora@example.test" }).click();
  await share.getByText("None.").waitFor();
  await share.getByRole("button", { name: "Close" }).click();

  // On the workspace page Alice adds Bob: the board moves to the workspace on Bob's home page.
  await alice.goto("/");
  await alice.getByRole("link", { name: "Studio" }).click();
  await alice.waitForURL(/\/w\//);
  await alice.getByRole("heading", { name: "Studio" }).waitFor();
  await alice.getByLabel("Username or e-mail address to add").fill("bob");
  await alice.getByRole("button", { name: "Add to workspace" }).click();
  await alice.getByText("Bob Tester @bob").waitFor();
  await screenshot(alice, "sharing-04-workspace-page");
  await bob.reload();
  await bob.getByRole("region", { name: "Studio" }).getByRole("link", { name: "Launch" }).waitFor();
  assert.equal(await bob.getByRole("region", { name: "Shared with me" }).count(), 0);
});
