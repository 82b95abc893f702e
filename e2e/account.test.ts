// The account page: reached from the top bar; it shows the sessions (ending another browser's
// session logs that browser out), creates and revokes tokens, changes the password and logs out
// everywhere. Screenshots at desktop (1280 px) and phone (390 px) widths.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
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

test("a reset link from the operator command sets a new password in the browser", async () => {
  const { page, username } = await newPerson(browser, server.url, "resetter");
  const { config } = server.app.ctx;
  const printed = execFileSync(
    process.execPath,
    [new URL("../packages/server/src/cli/main.ts", import.meta.url).pathname, "reset-password", username],
    {
      env: { PATH: process.env.PATH ?? "", TACK_DATA_DIR: config.dataDir, TACK_PUBLIC_URL: config.publicUrl },
      encoding: "utf8",
    },
  );
  const link = /(http\S+\/reset-password#token=\S+)/.exec(printed)?.[1];
  assert.ok(link, printed);

  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const resetPage = await context.newPage();
  await resetPage.goto(link);
  await resetPage.getByLabel("New password", { exact: true }).fill("a fresh passphrase");
  await resetPage.getByLabel("New password again").fill("a fresh passphrase");
  await resetPage.getByRole("button", { name: "Set password" }).click();
  await resetPage.getByText("Your password is set").waitFor();
  await resetPage.screenshot({ path: `${SCREENSHOTS}/reset-password-390.png` });
  assert.equal(new URL(resetPage.url()).hash, "", "the token leaves the address bar");

  // The old session ended with the reset; the new password works.
  const status = await page.evaluate(async () => (await fetch("/auth/session")).status);
  assert.equal(status, 401);
  await resetPage.getByRole("link", { name: "Log in" }).click();
  await resetPage.getByLabel("Username or email").fill(username);
  await resetPage.getByLabel("Password").fill("a fresh passphrase");
  await resetPage.getByRole("button", { name: "Log in" }).click();
  await resetPage.getByRole("button", { name: "Log out" }).waitFor();
  await context.close();
});
