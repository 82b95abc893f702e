// The account page: reached from the top bar; it shows the sessions (ending another browser's
// session logs that browser out), creates and revokes tokens, changes the password and logs out
// everywhere. Screenshots at desktop (1280 px) and phone (390 px) widths.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium, SCREENSHOTS } from "./support/browser.ts";
import { expect } from "./support/expect.ts";
import { startTackForBrowser, type TestServer } from "./support/server.ts";
import { logIn, newPerson } from "./support/ui.ts";

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

test("account page: sessions, tokens, password, log out everywhere", async () => {
  const { page, username } = await newPerson(browser, server.url, "acct");
  const other = await logIn(browser, server.url, username);
  page.on("dialog", (dialog) => void dialog.accept());

  await page.getByRole("link", { name: /Your account/ }).click();
  await page.waitForURL(/\/account$/);
  await page.getByRole("heading", { name: "Acct Tester" }).waitFor();
  const sessions = page.getByRole("region", { name: "Sessions" });
  await expect(
    () => sessions.getByRole("listitem").count(),
    (n) => n === 2,
    "two sessions listed",
  );
  await sessions.getByText("This browser").waitFor();

  const tokens = page.getByRole("region", { name: "Personal API tokens" });
  await tokens.getByLabel("Name").fill("backup script");
  await tokens.getByRole("button", { name: "Create token" }).click();
  await tokens.getByText('Copy the token "backup script" now').waitFor();
  await tokens.getByText("never used").waitFor();
  // Whole-page shots: the page is taller than the window at both widths.
  await page.screenshot({ path: `${SCREENSHOTS}/account-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SCREENSHOTS}/account-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Ending the other browser's session logs it out there.
  await sessions
    .getByRole("listitem")
    .getByRole("button", { name: /^Log out / })
    .click();
  await expect(
    () => sessions.getByRole("listitem").count(),
    (n) => n === 1,
    "one session left",
  );
  const status = await other.page.evaluate(async () => (await fetch("/auth/session")).status);
  assert.equal(status, 401);

  await tokens.getByRole("button", { name: "Revoke backup script" }).click();
  await tokens.getByText("No tokens.").or(tokens.getByText("tests")).first().waitFor();

  const password = page.getByRole("region", { name: "Change password" });
  await password.getByLabel("Current password").fill("correct horse battery");
  await password.getByLabel("New password", { exact: true }).fill("an even better passphrase");
  await password.getByLabel("New password again").fill("an even better passphrase");
  await password.getByRole("button", { name: "Change password" }).click();
  await password.getByText("Password changed.").waitFor();

  await sessions.getByRole("button", { name: "Log out everywhere" }).click();
  await page.waitForURL(/\/login/);
});
